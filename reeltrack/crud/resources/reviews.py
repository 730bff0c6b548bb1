"""Reviews: comments, previews, playlists, attachments, news, notifications, chats, events."""

from __future__ import annotations

from reeltrack.auth.policies import ADMIN_READ
from reeltrack.crud.hooks import reviews, reviews_comments, reviews_playlists, reviews_previews
from reeltrack.crud.spec import Registry, ResourceSpec
from reeltrack.models import (
    ApiEvent,
    AttachmentFile,
    Chat,
    ChatMessage,
    Comment,
    News,
    Notification,
    Playlist,
    PreviewFile,
    Subscription,
)


def register(registry: Registry) -> None:
    """Add this group's resource specs."""
    registry.add(
        ResourceSpec(
            Comment,
            "comments",
            read=reviews_comments.READ,
            update=reviews_comments.WRITE,
            delete=reviews_comments.WRITE,
            # attachment_files is the comment's own files, not a link to rewrite.
            writable_links=frozenset(
                {"previews", "mentions", "department_mentions", "acknowledgements"}
            ),
            hooks=reviews_comments.HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            PreviewFile,
            "preview-files",
            read=reviews_previews.READ,
            update=reviews_previews.WRITE,
            delete=reviews_previews.WRITE,
            hooks=reviews_previews.HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            AttachmentFile,
            "attachment-files",
            read=reviews.ATTACHMENT_READ,
            hooks=reviews.ATTACHMENT_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            Playlist,
            "playlists",
            read=reviews_playlists.READ,
            create=reviews_playlists.CREATE,
            update=reviews_playlists.EDIT,
            delete=reviews_playlists.EDIT,
            writable_links=frozenset(),
            hooks=reviews_playlists.HOOKS,
        )
    )
    registry.add(ResourceSpec(News, "news", read=ADMIN_READ))
    registry.add(
        ResourceSpec(
            Notification,
            "notifications",
            read=ADMIN_READ,
            required=("person_id", "author_id"),
            hooks=reviews.NOTIFICATION_HOOKS,
        )
    )
    registry.add(ResourceSpec(Subscription, "subscriptions", read=ADMIN_READ))
    registry.add(ResourceSpec(Chat, "chats", read=ADMIN_READ, hooks=reviews.CHAT_HOOKS))
    registry.add(
        ResourceSpec(
            ChatMessage,
            "chat-messages",
            read=ADMIN_READ,
            writable_links=frozenset(),
            hooks=reviews.CHAT_MESSAGE_HOOKS,
        )
    )
    registry.add(ResourceSpec(ApiEvent, "events", read=ADMIN_READ, hooks=reviews.EVENT_HOOKS))
