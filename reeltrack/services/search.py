"""Full text search on persons, assets and shots (Zou's `POST /data/search`).

Zou answers this route from a Meilisearch index. Reeltrack ships no external indexer,
so this module searches the database directly instead of an index: every word of the
query must appear (case-insensitive substring) in one of the texts Zou puts in its
documents -- the entity name (also with `_` and `-` read as spaces), the asset type
name, the sequence and episode names of a shot, the description, and a person's full
name. Metadata values are not searched. Hits come in the order of those composed
names, as Zou sorts its index, and each kind costs one query (plus one to mask the
metadata a vendor may not read).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.services.persons import MINIMAL_FIELDS, pick, present_safe
from reeltrack.services.projects import OPEN_STATUS_NAMES
from reeltrack.services.with_tasks import (
    Scope,
    entity_access_filters,
    hidden_metadata,
    make_scope,
    mask_data,
    type_filter,
)
from reeltrack.wire.present import present

INDEX_NAMES = ("assets", "shots", "persons")
MIN_QUERY_LENGTH = 3
# Meilisearch never pages beyond its first thousand hits (its `maxTotalHits`).
MAX_TOTAL_HITS = 1000


@dataclass
class Search:
    """A validated request: the words to find, the page and the projects searched."""

    query: str
    limit: int = 3
    offset: int = 0
    index_names: Sequence[str] = INDEX_NAMES
    project_id: uuid.UUID | None = None
    words: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.words = [word.lower() for word in self.query.split()]


def search(session: Session, actor: Actor, request: Search) -> dict[str, Any]:
    """Zou's answer: one list per requested index; nothing for a too short query."""
    results: dict[str, Any] = {}
    if len(request.query) < MIN_QUERY_LENGTH:
        return results
    limit = min(request.limit, max(MAX_TOTAL_HITS - request.offset, 0))
    wanted = set(request.index_names)
    if "persons" in wanted:
        results["persons"] = _persons(session, actor, request, limit)
    entity_kinds = [name for name in ("assets", "shots") if name in wanted]
    if entity_kinds:
        scope = make_scope(actor, {}, ())
        projects = _searched_projects(actor, request.project_id)
        for name in entity_kinds:
            finder = _assets if name == "assets" else _shots
            results[name] = finder(session, scope, projects, request, limit) if limit else []
    return results


# ---------------------------------------------------------------- matching


def _pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _spaced(column: Any) -> Any:
    """The name with `_` and `-` read as spaces, as Zou indexes it."""
    return func.replace(func.replace(column, "_", " "), "-", " ")


def _every_word_found(words: list[str], texts: list[Any]) -> ColumnElement[bool]:
    """Each word appears, case-insensitively, in at least one of the texts."""
    return and_(
        *(
            or_(*(func.coalesce(text, "").ilike(_pattern(word), escape="\\") for text in texts))
            for word in words
        )
    )


def _matched_terms(words: list[str], fields: dict[str, list[str | None]]) -> list[str]:
    """The fields holding at least one of the words (Zou's `matched_terms`)."""
    found = []
    for name, texts in fields.items():
        lowered = [
            variant
            for text in texts
            if text
            for variant in (text.lower(), text.lower().replace("_", " ").replace("-", " "))
        ]
        if any(word in text for word in words for text in lowered):
            found.append(name)
    return found


# ---------------------------------------------------------------- persons


def _persons(session: Session, actor: Actor, request: Search, limit: int) -> list[dict[str, Any]]:
    """Active persons (no guest, no preview account); minimal unless the caller is an admin."""
    from reeltrack.models import Person

    if not limit:
        return []
    name = func.coalesce(Person.first_name, "") + literal(" ") + func.coalesce(Person.last_name, "")
    stmt = select(Person).where(
        Person.active.is_(True),
        Person.is_guest.is_not(True),
        Person.preview_project_id.is_(None),
        _every_word_found(request.words, [name]),
    )
    stmt = stmt.order_by(func.lower(name), Person.id).limit(limit).offset(request.offset)
    hits = []
    for person in session.scalars(stmt):
        data = present_safe(person)
        if not actor.is_admin:
            data = pick(data, MINIMAL_FIELDS)
            data["departments"] = []
        data["matched_terms"] = ["name"]
        hits.append(_textual(data))
    return hits


# ---------------------------------------------------------------- assets and shots


@dataclass(frozen=True)
class Projects:
    """The projects searched: open ones (all for admins, the caller's teams otherwise)."""

    statuses: tuple[str, ...]
    only: uuid.UUID | None


def _searched_projects(actor: Actor, project_id: uuid.UUID | None) -> Projects:
    statuses = OPEN_STATUS_NAMES if actor.is_admin else ("Open",)
    return Projects(statuses=statuses, only=project_id)


def _project_filters(scope: Scope, projects: Projects) -> list[ColumnElement[bool]]:
    from reeltrack.models import Entity, Project, ProjectStatus

    open_ids = (
        select(Project.id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(ProjectStatus.name.in_(projects.statuses))
    )
    filters = [Entity.project_id.in_(open_ids), *entity_access_filters(scope)]
    if projects.only is not None:
        filters.append(Entity.project_id == projects.only)
    return filters


def _extension(preview_id: Any, extension: str | None) -> str | None:
    return extension if preview_id is not None else None


def _masked(session: Session, kind: str, scope: Scope, hits: list[dict[str, Any]]) -> None:
    if scope.vendor_projects and hits:
        projects = {hit["project_id"] for hit in hits}
        mask_data(hits, hidden_metadata(session, kind, scope, projects))


def _assets(
    session: Session, scope: Scope, projects: Projects, request: Search, limit: int
) -> list[dict[str, Any]]:
    """Assets of the searched projects whose type, name or description hold every word."""
    from reeltrack.models import Entity, EntityType, PreviewFile, Project

    texts = [EntityType.name, Entity.name, _spaced(Entity.name), Entity.description]
    stmt = (
        select(Entity, EntityType.name, Project.name, PreviewFile.extension)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .join(Project, Project.id == Entity.project_id)
        .outerjoin(PreviewFile, PreviewFile.id == Entity.preview_file_id)
        .where(
            type_filter("Asset"),
            *_project_filters(scope, projects),
            _every_word_found(request.words, texts),
        )
        .order_by(func.lower(EntityType.name), func.lower(Entity.name), Entity.id)
        .limit(limit)
        .offset(request.offset)
    )
    hits = []
    for entity, type_name, project_name, extension in session.execute(stmt):
        hit = _textual(present(entity))
        hit["type"] = "Asset"
        hit["project_name"] = project_name or ""
        hit["asset_type_name"] = type_name or ""
        hit["preview_file_extension"] = _extension(entity.preview_file_id, extension)
        hit["matched_terms"] = _matched_terms(
            request.words,
            {"name": [type_name, entity.name], "description": [entity.description]},
        )
        hits.append(hit)
    _masked(session, "Asset", scope, hits)
    return hits


def _shots(
    session: Session, scope: Scope, projects: Projects, request: Search, limit: int
) -> list[dict[str, Any]]:
    """Shots of the searched projects whose episode, sequence, name or description match."""
    from reeltrack.models import Entity, PreviewFile, Project

    sequence = aliased(Entity, name="sequence")
    episode = aliased(Entity, name="episode")
    texts = [episode.name, sequence.name, Entity.name, _spaced(Entity.name), Entity.description]
    full_name = (
        func.coalesce(episode.name + literal(" "), "")
        + func.coalesce(sequence.name + literal(" "), "")
        + Entity.name
    )
    stmt = (
        select(
            Entity,
            sequence.name,
            episode.id,
            episode.name,
            Project.name,
            Project.production_type,
            PreviewFile.extension,
        )
        .join(Project, Project.id == Entity.project_id)
        .outerjoin(sequence, sequence.id == Entity.parent_id)
        .outerjoin(episode, episode.id == sequence.parent_id)
        .outerjoin(PreviewFile, PreviewFile.id == Entity.preview_file_id)
        .where(
            type_filter("Shot"),
            *_project_filters(scope, projects),
            _every_word_found(request.words, texts),
        )
        .order_by(func.lower(full_name), Entity.id)
        .limit(limit)
        .offset(request.offset)
    )
    hits = []
    rows = session.execute(stmt)
    for shot, sequence_name, episode_id, episode_name, project_name, production, ext in rows:
        hit = _textual(present(shot))
        hit["type"] = "Shot"
        hit["project_name"] = project_name or ""
        hit["sequence_name"] = sequence_name or ""
        hit["preview_file_extension"] = _extension(shot.preview_file_id, ext)
        if production == "tvshow" and episode_id is not None:
            hit["episode"] = episode_name
            hit["episode_id"] = str(episode_id)
        hit["matched_terms"] = _matched_terms(
            request.words,
            {
                "name": [episode_name, sequence_name, shot.name],
                "description": [shot.description],
            },
        )
        hits.append(hit)
    _masked(session, "Shot", scope, hits)
    return hits


def _textual(data: dict[str, Any]) -> dict[str, Any]:
    """Ids as text, as Zou's serialisation gives them."""
    return {
        key: str(value) if isinstance(value, uuid.UUID) else value for key, value in data.items()
    }
