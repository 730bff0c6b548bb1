"""The `departments` blueprint of Zou's API."""

from fastapi import APIRouter

from reeltrack.routes.departments import links

router = APIRouter()
# The module routes are copied in (not included) so the package router lists plain APIRoutes.
router.routes.extend(links.router.routes)
