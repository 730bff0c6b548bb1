"""The `projects` blueprint of Zou's API."""

from fastapi import APIRouter

from reeltrack.routes.projects import (
    budgets,
    descriptors,
    listing,
    preview_account,
    schedule,
    schedule_versions,
    settings,
    shared_descriptors,
    softwares,
    team,
)

router = APIRouter()
# The module routes are copied in (not included) so the package router lists plain APIRoutes.
for _module in (
    listing,
    team,
    settings,
    descriptors,
    shared_descriptors,
    schedule,
    budgets,
    softwares,
    schedule_versions,
    preview_account,
):
    router.routes.extend(_module.router.routes)
