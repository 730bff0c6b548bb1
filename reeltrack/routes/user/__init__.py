"""The `user` blueprint of Zou's API: the caller's own scope."""

from fastapi import APIRouter

from reeltrack.routes.user import (
    chats,
    entities,
    filters,
    notifications,
    subscriptions,
    time,
    todos,
)

router = APIRouter()
# The module routes are copied in (not included) so the package router lists plain APIRoutes.
for _module in (todos, filters, notifications, subscriptions, time, entities, chats):
    router.routes.extend(_module.router.routes)
