"""The `projects` blueprint of Zou's API."""

from fastapi import APIRouter

router = APIRouter()
