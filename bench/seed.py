"""Seed a production through the public API only, so Zou and Reeltrack get the same one."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import plan
from bench.client import Api, make_session
from bench.progress import Progress, State, bounded_map, chunked, state_path

TASK_CHUNK = 500
ASSIGN_CHUNK = 500


class Seeder:
    """Runs the seeding steps in order; each finished step is recorded in the state file."""

    def __init__(self, api: Api, state: State, size: plan.Size, concurrency: int, quiet: bool):
        self.api = api
        self.state = state
        self.size = size
        self.concurrency = concurrency
        self.quiet = quiet

    def progress(self, label: str, total: int) -> Progress:
        return Progress(label, total, quiet=self.quiet)

    async def run(self) -> None:
        steps = [
            ("catalogue", self.catalogue),
            ("persons", self.persons),
            ("project", self.project),
            ("episodes", self.episodes),
            ("sequences", self.sequences),
            ("shots", self.shots),
            ("assets", self.assets),
            ("tasks", self.tasks),
            ("assignments", self.assignments),
            ("comments", self.comments),
            ("casting", self.casting),
        ]
        for name, step in steps:
            if self.state.done(name):
                continue
            await step()
            self.state.finish(name)

    async def create_missing(
        self, label: str, wanted: list[tuple[str, str, dict[str, Any]]], kind: str
    ) -> None:
        """POST each (key, path, body) whose key has no id yet; record the new ids."""
        ids = self.state.ids(kind)
        missing = [item for item in wanted if item[0] not in ids]
        bar = self.progress(label, len(missing))

        async def create(item: tuple[str, str, dict[str, Any]]) -> None:
            key, path, body = item
            ids[key] = (await self.api.post(path, body))["id"]
            self.state.save_soon()

        # The first one alone: a server may create shared rows lazily on the first
        # write of a kind (Zou's entity types), which concurrent firsts would race on.
        await bounded_map(missing[:1], create, 1, bar)
        await bounded_map(missing[1:], create, self.concurrency, bar)
        bar.close()

    async def catalogue(self) -> None:
        statuses = await self.api.get("/data/task-status")
        ids = self.state.ids("task_statuses")
        for row in statuses:
            ids.setdefault(row["short_name"].lower(), row["id"])
        has_default = any(row.get("is_default") for row in statuses)
        wanted = []
        for name, short, colour, done, retake, wip, feedback, default in plan.TASK_STATUSES:
            body = {
                "name": name,
                "short_name": short,
                "color": colour,
                "is_done": done,
                "is_retake": retake,
                "is_wip": wip,
                "is_feedback_request": feedback,
                "is_default": default and not has_default,
            }
            wanted.append((short, "/data/task-status", body))
        await self.create_missing("task statuses", wanted, "task_statuses")

        types = self.state.ids("task_types")
        for row in await self.api.get("/data/task-types"):
            types.setdefault(f"{row['for_entity']}:{row['name']}", row["id"])
        wanted = [
            (f"{entity}:{name}", "/data/task-types", {"name": name, "for_entity": entity})
            for entity, names in (("Asset", plan.ASSET_TASK_TYPES), ("Shot", plan.SHOT_TASK_TYPES))
            for name in names
        ]
        await self.create_missing("task types", wanted, "task_types")

        asset_types = self.state.ids("asset_types")
        for row in await self.api.get("/data/asset-types"):
            asset_types.setdefault(row["name"], row["id"])
        # Asset types are entity types; Zou creates them through the generic route.
        wanted = [(name, "/data/entity-types", {"name": name}) for name in plan.ASSET_TYPES]
        await self.create_missing("asset types", wanted, "asset_types")

    async def persons(self) -> None:
        ids = self.state.ids("persons")
        for row in await self.api.get("/data/persons"):
            if row.get("email"):
                ids.setdefault(row["email"], row["id"])
        wanted = []
        for index in range(self.size.persons):
            body = {
                "first_name": "Artist",
                "last_name": f"{index + 1:03d}",
                "email": plan.artist_email(index),
                "password": plan.ARTIST_PASSWORD,
                "role": "user",
            }
            wanted.append((plan.artist_email(index), "/data/persons", body))
        await self.create_missing("persons", wanted, "persons")

    @property
    def project_id(self) -> str:
        return str(self.state.data["project_id"])

    def artists(self) -> list[str]:
        return [plan.artist_email(index) for index in range(self.size.persons)]

    async def project(self) -> None:
        name = plan.project_name(self.size.name)
        found = [row for row in await self.api.get("/data/projects") if row["name"] == name]
        if found:
            self.state.data["project_id"] = found[0]["id"]
        else:
            body = {"name": name, "production_type": "tvshow", "fps": "25", "ratio": "16:9"}
            self.state.data["project_id"] = (await self.api.post("/data/projects", body))["id"]
        self.state.save()
        project = await self.api.get(f"/data/projects/{self.project_id}")
        base = f"/data/projects/{self.project_id}"
        persons = self.state.ids("persons")
        calls: list[tuple[str, dict[str, Any]]] = []
        team = set(project.get("team") or [])
        calls += [
            (f"{base}/team", {"person_id": persons[email]})
            for email in self.artists()
            if persons[email] not in team
        ]
        linked_types = set(project.get("task_types") or [])
        types = self.state.ids("task_types")
        wanted_types = [f"Asset:{n}" for n in plan.ASSET_TASK_TYPES]
        wanted_types += [f"Shot:{n}" for n in plan.SHOT_TASK_TYPES]
        calls += [
            (f"{base}/settings/task-types", {"task_type_id": types[key], "priority": str(rank)})
            for rank, key in enumerate(wanted_types, 1)
            if types[key] not in linked_types
        ]
        linked_statuses = set(project.get("task_statuses") or [])
        statuses = self.state.ids("task_statuses")
        calls += [
            (f"{base}/settings/task-status", {"task_status_id": statuses[short]})
            for _, short, *_rest in plan.TASK_STATUSES
            if statuses[short] not in linked_statuses
        ]
        linked_asset_types = set(project.get("asset_types") or [])
        asset_types = self.state.ids("asset_types")
        calls += [
            (f"{base}/settings/asset-types", {"asset_type_id": asset_types[name]})
            for name in plan.ASSET_TYPES
            if asset_types[name] not in linked_asset_types
        ]
        bar = self.progress("project settings", len(calls))

        async def link(call: tuple[str, dict[str, Any]]) -> None:
            await self.api.post(*call)

        await bounded_map(calls, link, self.concurrency, bar)
        bar.close()

    async def existing(self, kind: str, path: str, key: Any = None) -> None:
        """Record the ids of the objects of this kind the server already has, by name."""
        ids = self.state.ids(kind)
        for row in await self.api.get(path):
            ids.setdefault(key(row) if key else row["name"], row["id"])

    async def episodes(self) -> None:
        path = f"/data/projects/{self.project_id}/episodes"
        await self.existing("episodes", path)
        wanted = [
            (plan.episode_name(e), path, {"name": plan.episode_name(e), "description": ""})
            for e in range(self.size.episodes)
        ]
        await self.create_missing("episodes", wanted, "episodes")

    async def sequences(self) -> None:
        path = f"/data/projects/{self.project_id}/sequences"
        await self.existing("sequences", path)
        episodes = self.state.ids("episodes")
        wanted = []
        for e in range(self.size.episodes):
            for s in range(self.size.sequences_per_episode):
                name = plan.sequence_name(e, s)
                body = {"name": name, "episode_id": episodes[plan.episode_name(e)]}
                wanted.append((name, path, body))
        await self.create_missing("sequences", wanted, "sequences")

    def sequence_keys(self) -> list[str]:
        return [
            plan.sequence_name(e, s)
            for e in range(self.size.episodes)
            for s in range(self.size.sequences_per_episode)
        ]

    def shot_keys(self) -> list[str]:
        return [
            f"{sequence}/{plan.shot_name(index)}"
            for sequence in self.sequence_keys()
            for index in range(self.size.shots_per_sequence)
        ]

    async def shots(self) -> None:
        path = f"/data/projects/{self.project_id}/shots"
        sequences = self.state.ids("sequences")
        sequence_names = {value: key for key, value in sequences.items()}
        await self.existing(
            "shots", path, lambda row: f"{sequence_names.get(row['parent_id'])}/{row['name']}"
        )
        wanted = []
        for key in self.shot_keys():
            sequence, name = key.split("/")
            body = {"name": name, "sequence_id": sequences[sequence], "nb_frames": 48}
            wanted.append((key, path, body))
        await self.create_missing("shots", wanted, "shots")

    def asset_keys(self) -> list[tuple[str, str]]:
        """(asset type, asset name) of every asset, types taken in turn."""
        kinds = plan.ASSET_TYPES
        return [
            (kinds[index % len(kinds)], plan.asset_name(kinds[index % len(kinds)], index))
            for index in range(self.size.assets)
        ]

    async def assets(self) -> None:
        base = f"/data/projects/{self.project_id}"
        await self.existing("assets", f"{base}/assets")
        asset_types = self.state.ids("asset_types")
        wanted = []
        for kind, name in self.asset_keys():
            path = f"{base}/asset-types/{asset_types[kind]}/assets/new"
            body = {"name": name, "description": "", "data": {}, "is_shared": False}
            wanted.append((name, path, body))
        await self.create_missing("assets", wanted, "assets")

    async def tasks(self) -> None:
        """Create tasks with the bulk routes, then read every task back (resume-safe)."""
        types = self.state.ids("task_types")
        entity_keys = {v: k for k, v in self.state.ids("assets").items()}
        entity_keys.update({v: k for k, v in self.state.ids("shots").items()})
        jobs: list[tuple[str, str, list[str]]] = []
        for entity, names, kind in (
            ("Asset", plan.ASSET_TASK_TYPES, "assets"),
            ("Shot", plan.SHOT_TASK_TYPES, "shots"),
        ):
            entity_ids = sorted(self.state.ids(kind).values())
            for name in names:
                route = "assets" if entity == "Asset" else "shots"
                path = (
                    f"/actions/projects/{self.project_id}/task-types/"
                    f"{types[f'{entity}:{name}']}/{route}/create-tasks"
                )
                jobs += [(path, name, chunk) for chunk in chunked(entity_ids, TASK_CHUNK)]
        bar = self.progress("tasks (bulk)", self.size.tasks)

        async def create(job: tuple[str, str, list[str]]) -> None:
            await self.api.post(job[0], job[2])
            bar.advance(len(job[2]) - 1)

        await bounded_map(jobs, create, max(1, self.concurrency // 4), bar)
        bar.close()
        tasks = self.state.ids("tasks")
        type_names = {value: key.split(":", 1)[1] for key, value in types.items()}
        for task_type_id in {types[f"Asset:{n}"] for n in plan.ASSET_TASK_TYPES} | {
            types[f"Shot:{n}"] for n in plan.SHOT_TASK_TYPES
        }:
            rows = await self.api.get(
                f"/data/tasks?project_id={self.project_id}&task_type_id={task_type_id}"
            )
            for row in rows:
                entity = entity_keys.get(row["entity_id"], row["entity_id"])
                tasks[f"{type_names[task_type_id]}|{entity}"] = row["id"]
        if len(tasks) < self.size.tasks:
            raise RuntimeError(f"expected {self.size.tasks} tasks, the server has {len(tasks)}")

    def assignees(self) -> dict[str, str]:
        """Task key -> artist email, drawn with a fixed seed from stable names."""
        rng = random.Random(f"{plan.RANDOM_SEED}-assign")
        artists = self.artists()
        return {key: rng.choice(artists) for key in sorted(self.state.ids("tasks"))}

    async def assignments(self) -> None:
        tasks = self.state.ids("tasks")
        persons = self.state.ids("persons")
        by_person: dict[str, list[str]] = defaultdict(list)
        for key, email in self.assignees().items():
            by_person[email].append(tasks[key])
        jobs = [
            (persons[email], chunk)
            for email in sorted(by_person)
            for chunk in chunked(by_person[email], ASSIGN_CHUNK)
        ]
        ledger = self.state.ledger("assignments")
        todo = [job for index, job in enumerate(jobs) if not ledger.is_done(index)]
        index_of = {id(job): index for index, job in enumerate(jobs)}
        bar = self.progress("assignments", sum(len(job[1]) for job in todo))

        async def assign(job: tuple[str, list[str]]) -> None:
            await self.api.put(f"/actions/persons/{job[0]}/assign", {"task_ids": job[1]})
            ledger.mark(index_of[id(job)])
            self.state.keep("assignments", ledger)
            bar.advance(len(job[1]) - 1)

        await bounded_map(todo, assign, max(1, self.concurrency // 4), bar)
        bar.close()
        self.state.data["todo"] = {email: sorted(ids) for email, ids in by_person.items()}

    def comment_plan(self) -> list[tuple[str, str]]:
        """(task key, status short name) of every comment, with a fixed seed."""
        rng = random.Random(f"{plan.RANDOM_SEED}-comments")
        keys = sorted(self.state.ids("tasks"))
        return [
            (rng.choice(keys), rng.choice(plan.COMMENT_STATUSES)) for _ in range(self.size.comments)
        ]

    async def comments(self) -> None:
        tasks = self.state.ids("tasks")
        statuses = self.state.ids("task_statuses")
        ledger = self.state.ledger("comments")
        jobs = [(i, job) for i, job in enumerate(self.comment_plan()) if not ledger.is_done(i)]
        bar = self.progress("comments", len(jobs))

        async def comment(job: tuple[int, tuple[str, str]]) -> None:
            index, (key, status) = job
            body = {"task_status_id": statuses[status], "comment": f"Bench note {index + 1}."}
            await self.api.post(f"/actions/tasks/{tasks[key]}/comment", body)
            ledger.mark(index)
            self.state.keep("comments", ledger)

        await bounded_map(jobs, comment, self.concurrency, bar)
        bar.close()

    async def casting(self) -> None:
        assets = self.state.ids("assets")
        shots = self.state.ids("shots")
        names = [name for _, name in self.asset_keys()]
        ledger = self.state.ledger("casting")
        keys = self.shot_keys()
        jobs = [(i, key) for i, key in enumerate(keys) if not ledger.is_done(i)]
        bar = self.progress("casting", len(jobs))

        async def cast(job: tuple[int, str]) -> None:
            index, key = job
            rng = random.Random(f"{plan.RANDOM_SEED}-cast-{key}")
            picked = rng.sample(names, min(self.size.cast_per_shot, len(names)))
            body = [
                {"asset_id": assets[name], "nb_occurences": rng.randint(1, 3)} for name in picked
            ]
            path = f"/data/projects/{self.project_id}/entities/{shots[key]}/casting"
            await self.api.put(path, body)
            ledger.mark(index)
            self.state.keep("casting", ledger)
            bar.advance()

        # Casting a shot also casts its assets in the shot's episode: two shots of one
        # episode cast at once race on that shared row, so each episode is one lane.
        by_episode: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for job in jobs:
            by_episode[job[1].split("_", 1)[0]].append(job)

        async def cast_episode(episode_jobs: list[tuple[int, str]]) -> None:
            for job in episode_jobs:
                await cast(job)

        await bounded_map(list(by_episode.values()), cast_episode, self.concurrency)
        bar.close()


async def seed(
    url: str,
    email: str,
    password: str,
    size: str,
    state_dir: Path,
    concurrency: int = 8,
    quiet: bool = False,
) -> State:
    """Seed (or finish seeding) the production of this size; return the saved state."""
    state = State.load(state_path(url, size, state_dir))
    state.data.update({"url": url, "size": size})
    started = time.monotonic()
    async with make_session(concurrency) as session:
        api = Api(session, url)
        await api.login(email, password)
        seeder = Seeder(api, state, plan.SIZES[size], concurrency, quiet)
        try:
            await seeder.run()
        finally:
            state.save()
    state.data["seed_seconds"] = round(time.monotonic() - started, 1)
    state.save()
    return state
