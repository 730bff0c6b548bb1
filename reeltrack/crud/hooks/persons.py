"""Persons: secrets stay on the server, views per role, bots get API tokens."""

from __future__ import annotations

import datetime as dt
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, inspect, select

from reeltrack.auth.actor import Actor
from reeltrack.auth.passwords import hash_password
from reeltrack.auth.policies import Policy
from reeltrack.crud.cascade import is_referenced, purge_references
from reeltrack.crud.spec import Hooks
from reeltrack.services.auth import SENSITIVE_FIELDS
from reeltrack.services.persons import (
    CLIENT_FIELDS,
    MINIMAL_FIELDS,
    PUBLIC_FILTERS,
    department_ids,
    full_name,
    pick,
    present_safe,
)
from reeltrack.wire.errors import Forbidden, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

TWO_FACTOR_FIELDS = frozenset(
    {
        "totp_enabled",
        "totp_secret",
        "email_otp_enabled",
        "email_otp_secret",
        "fido_enabled",
        "fido_credentials",
        "otp_recovery_codes",
        "preferred_two_factor_authentication",
    }
)
PREVIEW_FIELDS = frozenset({"preview_project_id", "preview_opened_at", "preview_open_until"})
ADMIN_ONLY_FIELDS = frozenset(
    {
        "role",
        "departments",
        "active",
        "is_bot",
        "archived",
        "login_failed_attemps",
        "last_login_failed",
        "is_generated_from_ldap",
        "ldap_uid",
        "oidc_issuer",
        "oidc_subject",
        "saml_issuer",
        "saml_subject",
        "last_presence",
        "studio_id",
    }
)
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COUNTRY_PATTERN = re.compile(r"^[A-Za-z]{2}$")


def _client_team(actor: Actor) -> Any:
    """Ids of the people on the teams of the client's open projects."""
    from reeltrack.models import Project, ProjectStatus
    from reeltrack.models.project import project_person_link as link

    open_projects = (
        select(Project.id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(ProjectStatus.name == "Open", Project.id.in_(actor.project_ids))
    )
    return select(link.c.person_id).where(link.c.project_id.in_(open_projects))


def _list_scope(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    stmt = stmt.where(model.preview_project_id.is_(None))
    if actor.is_client:
        # As in Zou, not even themselves when they are in no open project's team.
        stmt = stmt.where(model.id.in_(_client_team(actor)))
    return stmt


def _read_one(actor: Actor, target: Any) -> bool:
    return True  # clients are narrowed to their teams in `check_read`


READ = Policy("persons-read", _read_one, _list_scope)


def _update_allowed(actor: Actor, target: Any) -> bool:
    return actor.is_admin or (target is not None and target.id == actor.person_id)


UPDATE = Policy("admin-or-self", _update_allowed)


def hidden_for(actor: Actor) -> frozenset[str]:
    """Non-admins may only see and filter on the public person fields."""
    if actor.is_admin:
        return frozenset()
    from reeltrack.models import Person

    columns = {attr.key for attr in Person.__mapper__.column_attrs}
    return frozenset(columns - PUBLIC_FILTERS)


def output(ctx: Ctx, row: Any, data: dict[str, Any]) -> dict[str, Any]:
    data["full_name"] = full_name(row.first_name, row.last_name)
    actor = ctx.actor
    if actor.is_admin:
        return data
    if actor.is_client:
        return pick(data, CLIENT_FIELDS)
    return pick(data, MINIMAL_FIELDS)


def _check_email(ctx: Ctx, email: str, is_bot: bool, exclude: Any = None) -> str:
    from reeltrack.models import Person

    email = email.strip().lower()
    if not EMAIL_PATTERN.match(email):
        raise WrongParameter("The email address is not valid.")
    if not is_bot:
        query = select(func.count()).where(
            func.lower(Person.email) == email, Person.is_bot.isnot(True)
        )
        if exclude is not None:
            query = query.where(Person.id != exclude)
        if ctx.session.scalar(query):
            raise WrongParameter("Email already in use.")
    return email


def _check_fields(body: dict[str, Any]) -> None:
    country = body.get("country")
    if country not in (None, ""):
        if not isinstance(country, str) or not COUNTRY_PATTERN.match(country.strip()):
            raise WrongParameter("Invalid country code, expected an ISO 3166-1 alpha-2 code.")
        body["country"] = country.strip().upper()
    elif "country" in body:
        body["country"] = None
    formats = ("YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY")
    date_format = body.get("display_date_format")
    if date_format is not None and date_format not in formats:
        raise WrongParameter(
            "Invalid display_date_format, expected one of: YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY."
        )
    locale = body.get("locale")
    if locale not in (None, "") and (
        not isinstance(locale, str)
        or not re.match(r"^[a-zA-Z]{2,3}([_-][A-Za-z0-9]{2,8})*$", locale.strip())
    ):
        raise WrongParameter(
            "Invalid locale, expected a name available in Python Babel (e.g. en_US, fr_FR)."
        )


def _expiration(body: dict[str, Any], current: Any = None) -> bool:
    """Check a given expiration date; True when it asks for a new, still valid token."""
    if body.get("expiration_date") is None:
        return "expiration_date" in body
    raw = body["expiration_date"]
    try:
        day = dt.date.fromisoformat(str(raw)[:10])
    except ValueError:
        raise WrongParameter("Expiration date is not valid.") from None
    if day < dt.date.today() and day != current:
        raise WrongParameter("Expiration date can't be in the past.")
    return day >= dt.date.today()


def prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """Strip what callers may not set, check formats, hash a given password."""
    extra: dict[str, Any] = {}
    creating = row is None
    for key in PREVIEW_FIELDS | {"jti"}:
        body.pop(key, None)
    if creating:
        password = body.pop("password", None)
        if password is not None:
            if not isinstance(password, str):
                raise WrongParameter("Field 'password' must be a string.")
            extra["password"] = hash_password(password)
    else:
        if row.preview_project_id is not None:
            raise Forbidden()
        for key in TWO_FACTOR_FIELDS | {"password"}:
            body.pop(key, None)
        if not ctx.actor.is_admin:
            for key in ADMIN_ONLY_FIELDS:
                body.pop(key, None)
            if ctx.actor.is_bot:
                body.pop("expiration_date", None)
    _check_fields(body)
    reissue = _expiration(body, None if creating else row.expiration_date)
    if not creating:
        # Read by after_update: the flush in between erases the attribute history.
        inspect(row).info["reissue_token"] = reissue
    if isinstance(body.get("email"), str):
        is_bot = bool(body.get("is_bot", False if creating else row.is_bot))
        body["email"] = _check_email(ctx, body["email"], is_bot, None if creating else row.id)
    return extra


def _bot_token(ctx: Ctx, row: Any) -> dict[str, Any] | None:
    """Issue a bot's API token (its jti kept on the row, so a new one revokes the old)."""
    if not row.is_bot:
        return None
    days = ctx.runtime.settings.bot_token_days
    if row.expiration_date is not None:
        remaining = row.expiration_date - dt.date.today()
        days = max(1, remaining.days + 1)
    token, jti = ctx.runtime.tokens.issue(
        row.id, "access", identity_type="bot", ttl=timedelta(days=days)
    )
    row.jti = jti
    return {"access_token": token}


def after_create(ctx: Ctx, row: Any) -> dict[str, Any] | None:
    return _bot_token(ctx, row)


def after_update(ctx: Ctx, row: Any) -> dict[str, Any] | None:
    # Whoever updates (self included) gets the safe view back, as in Zou.
    added = present_safe(row, department_ids(ctx.session, [row.id]).get(row.id, []))
    if inspect(row).info.pop("reissue_token", False) and row.is_bot:
        added.update(_bot_token(ctx, row) or {})
    return added


def before_delete(ctx: Ctx, row: Any, force: bool) -> None:
    if row.id == ctx.actor.person_id:
        raise Forbidden()
    table = row.__table__
    if force:
        purge_references(ctx.session, table, [row.id])
    elif is_referenced(ctx.session, table, row.id, ignore={"department_link"}):
        raise WrongParameter("Some data are still linked to given person.")


def detail(ctx: Ctx, row: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Managers see the whole (safe) record of one person; others keep their view."""
    if ctx.actor.is_manager:
        return present_safe(row, department_ids(ctx.session, [row.id]).get(row.id, []))
    return data


def check_read(ctx: Ctx, row: Any) -> None:
    """A client only sees people from the teams of their open projects."""
    if ctx.actor.is_client:
        team = _client_team(ctx.actor).where(_client_team(ctx.actor).selected_columns[0] == row.id)
        if ctx.session.scalar(select(func.count()).select_from(team.subquery())) == 0:
            raise Forbidden()


HOOKS = Hooks(
    prepare=prepare,
    after_create=after_create,
    after_update=after_update,
    before_delete=before_delete,
    output=output,
    check_read=check_read,
    detail=detail,
)
HIDDEN = frozenset(SENSITIVE_FIELDS) - {"fido_devices"}
