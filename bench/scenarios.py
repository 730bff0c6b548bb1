"""The measured scenarios: what the Kitsu web app and gazu scripts ask most often."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench import plan
from bench.client import Api


@dataclass(frozen=True)
class Request:
    """One HTTP request of an operation; token empty means the admin's."""

    method: str
    path: str
    body: Any = None
    token: str = ""
    label: str = ""


@dataclass
class Context:
    """Ids and tokens the scenarios draw from, read from the seed state and the server."""

    project_id: str
    admin_token: str
    tasks: list[str]
    sequences: list[str]
    task_types: list[str]
    statuses: dict[str, str]
    artists: list[str]
    artist_tokens: dict[str, str] = field(default_factory=dict)


Operation = list[Request]
Builder = Callable[[Context, random.Random], Operation]


def project_load(ctx: Context, rng: random.Random) -> Operation:
    """Opening a production in Kitsu: the lists it fetches together."""
    pid = ctx.project_id
    return [
        Request("GET", f"/data/projects/{pid}", label="project"),
        Request("GET", "/data/persons", label="persons"),
        Request("GET", "/data/task-types", label="task types"),
        Request("GET", "/data/task-status", label="task statuses"),
        Request("GET", f"/data/assets/with-tasks?project_id={pid}", label="assets with tasks"),
        Request("GET", f"/data/shots/with-tasks?project_id={pid}", label="shots with tasks"),
    ]


def artist_todo(ctx: Context, rng: random.Random) -> Operation:
    """An artist's to-do page."""
    artist = rng.choice(ctx.artists)
    return [Request("GET", "/data/user/tasks", token=ctx.artist_tokens[artist])]


def task_detail(ctx: Context, rng: random.Random) -> Operation:
    """The task panel: the task with its context, and its comments."""
    task = rng.choice(ctx.tasks)
    return [
        Request("GET", f"/data/tasks/{task}/full", label="task full"),
        Request("GET", f"/data/tasks/{task}/comments", label="task comments"),
    ]


def post_comment(ctx: Context, rng: random.Random) -> Operation:
    """A supervisor posts a comment that changes the task's status."""
    task = rng.choice(ctx.tasks)
    status = ctx.statuses[rng.choice(plan.COMMENT_STATUSES)]
    body = {"task_status_id": status, "comment": "Bench: please check the timing."}
    return [Request("POST", f"/actions/tasks/{task}/comment", body)]


def open_tasks(ctx: Context, rng: random.Random) -> Operation:
    """The production's open-tasks list, filtered by task type and status."""
    task_type = rng.choice(ctx.task_types)
    status = ctx.statuses[rng.choice(["todo", *plan.COMMENT_STATUSES[:3]])]
    query = f"project_id={ctx.project_id}&task_type_id={task_type}&task_status_id={status}"
    return [Request("GET", f"/data/tasks/open-tasks?{query}")]


def sequence_casting(ctx: Context, rng: random.Random) -> Operation:
    """The breakdown page of one sequence."""
    sequence = rng.choice(ctx.sequences)
    return [Request("GET", f"/data/projects/{ctx.project_id}/sequences/{sequence}/casting")]


def login(ctx: Context, rng: random.Random) -> Operation:
    """An artist logs in (password hashing dominates)."""
    email = rng.choice(ctx.artists)
    body = {"email": email, "password": plan.ARTIST_PASSWORD}
    return [Request("POST", "/auth/login", body, token="-")]


def ping(ctx: Context, rng: random.Random) -> Operation:
    """The server's cheapest route: the highest request rate, so the client's worst case."""
    return [Request("GET", "/", token="-")]


SCENARIOS: dict[str, Builder] = {
    "project_load": project_load,
    "artist_todo": artist_todo,
    "task_detail": task_detail,
    "post_comment": post_comment,
    "open_tasks": open_tasks,
    "sequence_casting": sequence_casting,
    "login": login,
    "ping": ping,
}


async def build_context(api: Api, state: dict[str, Any], artists: int) -> Context:
    """Log the admin and a few artists in; everything else comes from the seed state."""
    todo = state.get("todo") or {}
    emails = sorted(todo)[:artists] or [plan.artist_email(0)]
    context = Context(
        project_id=state["project_id"],
        admin_token=api.token,
        tasks=sorted(state["tasks"].values()),
        sequences=sorted(state["sequences"].values()),
        task_types=sorted(
            state["task_types"][key]
            for key in [f"Asset:{name}" for name in plan.ASSET_TASK_TYPES]
            + [f"Shot:{name}" for name in plan.SHOT_TASK_TYPES]
        ),
        statuses=dict(state["task_statuses"]),
        artists=emails,
    )

    async def log_in(email: str) -> None:
        other = Api(api.session, api.root)
        await other.login(email, plan.ARTIST_PASSWORD)
        context.artist_tokens[email] = other.token

    await asyncio.gather(*(log_in(email) for email in emails))
    return context
