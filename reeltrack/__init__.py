"""Reeltrack: a fast production-tracking server that speaks Zou's REST API."""

from reeltrack.settings import VERSION

__version__ = VERSION
