"""The `import` blueprint of Zou's API."""

from reeltrack.routes import collect

router = collect(__name__)
