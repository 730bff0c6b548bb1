"""The `persons` blueprint of Zou's API."""

from fastapi import APIRouter

from reeltrack.routes.persons import admin, day_offs, logs, quotas, time_spents

router = APIRouter()
# The module routes are copied in (not included) so the package router lists plain APIRoutes.
for _module in (admin, day_offs, time_spents, logs, quotas):
    router.routes.extend(_module.router.routes)
