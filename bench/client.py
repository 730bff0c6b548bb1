"""A small async client for a Zou-compatible API, over aiohttp."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

import aiohttp
import orjson

T = TypeVar("T")


def run_async(main: Coroutine[Any, Any, T]) -> T:
    """Run on uvloop when it is installed (it is with uvicorn[standard]): a cheaper client."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)


class ApiError(RuntimeError):
    """A request the seeding needed answered with an error status."""

    def __init__(self, method: str, path: str, status: int, body: bytes) -> None:
        super().__init__(f"{method} {path} -> {status}: {body[:300].decode(errors='replace')}")
        self.status = status


def api_root(url: str) -> str:
    """The URL the API paths hang from: Zou serves /data at its root, so does Reeltrack."""
    return url.rstrip("/")


def make_session(concurrency: int, timeout: float = 300.0) -> aiohttp.ClientSession:
    """One pooled session; the pool is as wide as the concurrency so nothing queues in it."""
    connector = aiohttp.TCPConnector(
        limit=concurrency, limit_per_host=concurrency, ttl_dns_cache=300
    )
    return aiohttp.ClientSession(
        connector=connector,
        timeout=aiohttp.ClientTimeout(total=timeout),
        json_serialize=lambda obj: orjson.dumps(obj).decode(),
    )


class Api:
    """Authenticated JSON calls for the seeding and the scenario set-up."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str = "") -> None:
        self.session = session
        self.root = api_root(url)
        self.token = token

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def login(self, email: str, password: str) -> dict[str, Any]:
        user = await self.call("POST", "/auth/login", {"email": email, "password": password})
        self.token = user["access_token"]
        return dict(user)

    async def call(self, method: str, path: str, body: Any = None, retries: int = 3) -> Any:
        """Send one request and decode its JSON answer; raise ApiError on a 4xx/5xx."""
        for attempt in range(retries + 1):
            try:
                async with self.session.request(
                    method, self.root + path, json=body, headers=self.headers
                ) as response:
                    payload = await response.read()
                    if response.status >= 500 and attempt < retries:
                        await asyncio.sleep(0.5 * (attempt + 1))
                        continue
                    if response.status >= 400:
                        raise ApiError(method, path, response.status, payload)
                    return orjson.loads(payload) if payload else None
            except (TimeoutError, aiohttp.ClientConnectionError):
                if attempt >= retries:
                    raise
                await asyncio.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")

    async def get(self, path: str) -> Any:
        return await self.call("GET", path)

    async def post(self, path: str, body: Any = None) -> Any:
        return await self.call("POST", path, {} if body is None else body)

    async def put(self, path: str, body: Any = None) -> Any:
        return await self.call("PUT", path, {} if body is None else body)
