"""What a seeded production contains, per size; the same on every server."""

from __future__ import annotations

from dataclasses import dataclass

RANDOM_SEED = 20_240_601
ARTIST_PASSWORD = "bench-artist-password"

# (name, short_name, colour, is_done, is_retake, is_wip, is_feedback_request, is_default)
TASK_STATUSES = [
    ("Todo", "todo", "#f5f5f5", False, False, False, False, True),
    ("Work In Progress", "wip", "#3273dc", False, False, True, False, False),
    ("Waiting For Approval", "wfa", "#ab26ff", False, False, False, True, False),
    ("Retake", "retake", "#ff3860", False, True, False, False, False),
    ("Done", "done", "#22d160", True, False, False, False, False),
]
# Statuses an artist or supervisor moves a task to with a comment.
COMMENT_STATUSES = ["wip", "wfa", "retake", "done"]

ASSET_TASK_TYPES = [
    "Concept",
    "Modeling",
    "Shading",
    "Rigging",
    "Texturing",
    "Grooming",
    "Lookdev",
    "Surfacing",
    "Asset FX",
]
SHOT_TASK_TYPES = [
    "Storyboard",
    "Layout",
    "Animation",
    "Lighting",
    "FX",
    "Rendering",
    "Compositing",
    "Matte Painting",
    "Cloth",
    "Crowd",
]
ASSET_TYPES = ["Character", "Prop", "Environment", "FX"]


@dataclass(frozen=True)
class Size:
    """Counts of one production size; tasks = assets * 9 + shots * 10."""

    name: str
    episodes: int
    sequences_per_episode: int
    shots_per_sequence: int
    assets: int
    persons: int
    comments: int
    cast_per_shot: int

    @property
    def shots(self) -> int:
        return self.episodes * self.sequences_per_episode * self.shots_per_sequence

    @property
    def tasks(self) -> int:
        return self.assets * len(ASSET_TASK_TYPES) + self.shots * len(SHOT_TASK_TYPES)


SIZES = {
    # small: a few dozen entities, seeded in seconds (the smoke test uses it)
    "small": Size("small", 1, 2, 6, 20, 5, 60, 3),
    "medium": Size("medium", 2, 10, 30, 1_000, 20, 4_000, 4),
    # large: 5,000 assets, 3,000 shots, 75,000 tasks, 50 persons, 20,000 comments
    "large": Size("large", 5, 10, 60, 5_000, 50, 20_000, 5),
}


def project_name(size: str) -> str:
    return f"Bench {size}"


def episode_name(index: int) -> str:
    return f"E{index + 1:02d}"


def sequence_name(episode: int, index: int) -> str:
    return f"E{episode + 1:02d}_SQ{index + 1:03d}"


def shot_name(index: int) -> str:
    return f"SH{(index + 1) * 10:04d}"


def asset_name(asset_type: str, index: int) -> str:
    return f"{asset_type[:4].upper()}_{index + 1:05d}"


def artist_email(index: int) -> str:
    return f"bench-artist-{index + 1:03d}@example.com"
