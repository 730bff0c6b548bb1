"""bench/ against a live Reeltrack server: seed the small production, then one short run.

Not a performance test: it only proves the benchmark still works end to end (every
route it uses answers, the seeding builds what it says, the run yields numbers).
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

from bench import plan
from bench.__main__ import main
from bench.client import Api, make_session
from bench.scenarios import SCENARIOS
from bench.seed import seed
from tests import factories

EMAIL = "bench-admin@example.com"
PASSWORD = "bench-admin-password"


async def _count(url: str, project_id: str) -> dict[str, int]:
    async with make_session(4) as session:
        api = Api(session, url)
        await api.login(EMAIL, PASSWORD)
        base = f"/data/projects/{project_id}"
        tasks = await api.get(f"/data/tasks?project_id={project_id}")
        listed = []
        for kind in ("assets", "shots"):
            for entity in await api.get(f"/data/{kind}/with-tasks?project_id={project_id}"):
                listed += entity["tasks"]
        casting = await api.get(f"{base}/sequences/all/casting")
        return {
            "episodes": len(await api.get(f"{base}/episodes")),
            "sequences": len(await api.get(f"{base}/sequences")),
            "shots": len(await api.get(f"{base}/shots")),
            "assets": len(await api.get(f"{base}/assets")),
            "tasks": len(tasks),
            "listed tasks": len(listed),
            "assigned": sum(1 for task in listed if task["assignees"]),
            "comments": len(await api.get(f"{base}/comments?limit=1000")),
            "cast shots": len(casting),
            "cast links": sum(len(links) for links in casting.values()),
        }


def test_bench_seeds_then_runs_every_scenario_without_error(live_url, db, tmp_path: Path):
    factories.make_person(db, role="admin", email=EMAIL, password=PASSWORD)
    db.commit()
    size = plan.SIZES["small"]

    # Concurrency 1: this in-process server is there to answer, not to be measured.
    state = asyncio.run(seed(live_url, EMAIL, PASSWORD, "small", tmp_path, 4, quiet=True))
    assert state.path.exists()
    assert "casting" in state.data["steps"]
    counts = asyncio.run(_count(live_url, state.data["project_id"]))
    assert counts == {
        "episodes": size.episodes,
        "sequences": size.episodes * size.sequences_per_episode,
        "shots": size.shots,
        "assets": size.assets,
        "tasks": size.tasks,
        "listed tasks": size.tasks,
        "assigned": size.tasks,
        "comments": size.comments,
        "cast shots": size.shots,
        "cast links": size.shots * size.cast_per_shot,
    }

    # Seeding again resumes from the state file: nothing left to do, nothing doubled.
    again = asyncio.run(seed(live_url, EMAIL, PASSWORD, "small", tmp_path, 1, quiet=True))
    assert again.data["tasks"] == state.data["tasks"]

    output = tmp_path / "result.json"
    args = ["run", "--url", live_url, "--email", EMAIL, "--password", PASSWORD]
    args += ["--size", "small", "--state-dir", str(tmp_path), "--output", str(output)]
    args += ["--concurrency", "2", "--duration", "0.5", "--warmup", "0.1", "--runs", "1"]
    args += ["--pid", str(os.getpid()), "--label", "smoke"]
    assert main(args) == 0
    results = json.loads(output.read_text())
    assert list(results["scenarios"]) == list(SCENARIOS)
    for name, result in results["scenarios"].items():
        assert result.get("errors") == 0, (name, result.get("error_kinds") or result)
        assert result["requests"] > 0, name
        assert result["requests_per_s"] > 0, name
        assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["p99_ms"], name
        assert result["server_rss_mb"] > 0, name

    table = main(["compare", str(output), str(output)])
    assert table == 0
