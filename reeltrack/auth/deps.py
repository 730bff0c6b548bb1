"""FastAPI dependencies: the unit of work, the calling actor, the request context."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.db.uow import UnitOfWork
from reeltrack.runtime import Runtime
from reeltrack.wire.errors import Forbidden, Unauthorized

ACCESS_COOKIE = "access_token_cookie"
REFRESH_COOKIE = "refresh_token_cookie"
BAD_SCHEME = (
    "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'"
)


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_uow(request: Request, runtime: RuntimeDep) -> Iterator[UnitOfWork]:
    """One session per request; committed when the handler returns without error."""
    write = request.method not in READ_METHODS
    uow = UnitOfWork(runtime.db.session(write=write), runtime.bus)
    try:
        yield uow
        uow.commit()
    except BaseException:
        uow.rollback()
        raise
    finally:
        uow.close()


UowDep = Annotated[UnitOfWork, Depends(get_uow, scope="function")]


def bearer_token(request: Request, cookie: str = ACCESS_COOKIE) -> str | None:
    """The token from the Authorization header, else from the browser cookie."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
        raise Unauthorized(BAD_SCHEME)
    return request.cookies.get(cookie)


def load_actor(
    runtime: Runtime, session: Session, token: str | None, token_type: str = "access"
) -> Actor:
    """Verify a token and load the person it names, or raise a 401."""
    from reeltrack.models import Person

    if not token:
        raise Unauthorized("Missing Authorization Header")
    claims = runtime.tokens.verify(token, token_type)
    person = session.get(Person, claims.person_id)
    if person is None:
        raise Unauthorized("User not found")
    if claims.identity_type == "bot" or person.is_bot:
        if not person.is_bot or person.jti != claims.jti:
            raise Unauthorized("Token has been revoked")
    elif runtime.revocations.is_revoked(claims.jti, session):
        raise Unauthorized("Token has been revoked")
    if not person.active:
        raise Unauthorized("User is inactive")
    if person.preview_project_id is not None:
        from reeltrack.services.preview_accounts import session_valid

        # A preview session lives only inside the open window, and only if issued within it.
        if not session_valid(person, claims.issued_at):
            raise Unauthorized("User is inactive")
    actor = make_actor(session, person, claims.jti, claims.expires_at)
    actor.read_only = person.preview_project_id is not None
    actor.refresh_jti = claims.refresh_jti
    return actor


def make_actor(session: Session, person: object, jti: str = "", expires_at: int = 0) -> Actor:
    """An Actor for a person row, with lazily loaded memberships."""
    from reeltrack.models import Person
    from reeltrack.models.person import department_link
    from reeltrack.models.project import project_person_link

    assert isinstance(person, Person)
    person_id: uuid.UUID = person.id

    def project_roles() -> dict[uuid.UUID, str | None]:
        link = project_person_link.c
        query = select(link.project_id, link.role).where(link.person_id == person_id)
        rows = session.execute(query)
        return {project_id: role for project_id, role in rows}

    def departments() -> frozenset[uuid.UUID]:
        rows = session.execute(
            select(department_link.c.department_id).where(department_link.c.person_id == person_id)
        )
        return frozenset(r[0] for r in rows)

    return Actor(
        person_id=person_id,
        role=person.role or "user",
        is_bot=bool(person.is_bot),
        jti=jti,
        token_expires_at=expires_at,
        load_project_roles=project_roles,
        load_departments=departments,
    )


@dataclass
class Ctx:
    """Everything a handler needs: the unit of work, the caller, the runtime."""

    uow: UnitOfWork
    actor: Actor
    runtime: Runtime

    @property
    def session(self) -> Session:
        return self.uow.session


def get_ctx(request: Request, runtime: RuntimeDep, uow: UowDep) -> Ctx:
    actor = load_actor(runtime, uow.session, bearer_token(request))
    if actor.read_only and request.method not in READ_METHODS:
        raise Forbidden()
    uow.user_id = actor.person_id
    return Ctx(uow, actor, runtime)


CtxDep = Annotated[Ctx, Depends(get_ctx)]
