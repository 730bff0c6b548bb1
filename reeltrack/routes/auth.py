"""The `auth` blueprint: login, logout, token refresh, password change and reset."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import Field

from reeltrack.auth.deps import (
    ACCESS_COOKIE,
    REFRESH_COOKIE,
    CtxDep,
    RuntimeDep,
    UowDep,
    bearer_token,
    load_actor,
)
from reeltrack.auth.tokens import TokenIssuer
from reeltrack.runtime import Runtime
from reeltrack.services import auth as auth_service
from reeltrack.services.mail import send_mail
from reeltrack.services.organisation import get_or_create_organisation, present_organisation
from reeltrack.services.persons import present_person
from reeltrack.services.two_factor import Proof
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body
from reeltrack.wire.errors import Forbidden, RawError
from reeltrack.wire.present import JSONResponse

router = APIRouter()
log = logging.getLogger(__name__)


class LoginBody(BodySchema):
    email: str = Field(..., min_length=1)
    password: str = "default"
    totp: str | None = None
    email_otp: str | None = None
    recovery_code: str | None = None
    fido_authentication_response: dict[str, Any] | None = None


class ChangePasswordBody(BodySchema):
    old_password: str = Field(..., min_length=1)
    password: str = Field(..., min_length=1)
    password_2: str = Field(..., min_length=1)


class ResetPasswordBody(BodySchema):
    email: str = Field(..., min_length=1)
    token: str = Field(..., min_length=1)
    password: str = Field(..., min_length=1)
    password2: str = Field(..., min_length=1)


class ResetRequestBody(BodySchema):
    email: str = Field(..., min_length=1)


def is_browser(request: Request) -> bool:
    """Kitsu runs in a browser; scripts (gazu, curl) get no cookies."""
    agent = request.headers.get("user-agent", "")
    return agent.startswith("Mozilla/")


def client_ip(request: Request) -> str | None:
    real = request.headers.get("x-real-ip")
    return real or (request.client.host if request.client else None)


def set_cookie(response: Response, runtime: Runtime, name: str, value: str, days: float) -> None:
    response.set_cookie(
        name,
        value,
        max_age=int(days * 86400),
        path="/",
        httponly=True,
        samesite="lax",
        secure=runtime.settings.cookie_secure,
    )


def login_tokens(tokens: TokenIssuer, person_id: Any) -> tuple[str, str]:
    refresh, refresh_jti = tokens.issue(person_id, "refresh")
    access, _ = tokens.issue(person_id, "access", fresh=True, extra={"refresh_jti": refresh_jti})
    return access, refresh


LOGIN_REFUSALS = {
    "wrong": (400, {"login": False, "message": "Wrong email or password."}),
    "inactive": (
        401,
        {
            "error": True,
            "login": False,
            "unactive": True,
            "message": "User is unactive, he cannot log in.",
        },
    ),
    "locked": (
        400,
        {
            "error": True,
            "login": False,
            "too_many_failed_login_attemps": True,
            "message": "Too many failed login attempts, retry in a minute.",
        },
    ),
    "missing_otp": (
        400,
        {
            "error": True,
            "login": False,
            "missing_OTP": True,
            "message": "A two-factor authentication code is required.",
        },
    ),
    "wrong_otp": (
        400,
        {
            "error": True,
            "login": False,
            "wrong_OTP": True,
            "message": "Wrong two-factor authentication code.",
        },
    ),
}


@router.post("/auth/login")
def login(request: Request, runtime: RuntimeDep, uow: UowDep, payload: ArgsBody) -> Response:
    body = validate_body(LoginBody, payload)
    session = uow.session
    try:
        proof = Proof(
            body.totp, body.email_otp, body.fido_authentication_response, body.recovery_code
        )
        person = auth_service.authenticate(runtime, session, body.email, body.password, proof)
    except auth_service.LoginFailed as exc:
        status, answer = LOGIN_REFUSALS[exc.reason]
        raise RawError(status, {**answer, **exc.details}) from None
    access, refresh = login_tokens(runtime.tokens, person.id)
    browser = is_browser(request)
    auth_service.record_login(
        session, person.id, client_ip(request), "web" if browser else "script"
    )
    organisation = get_or_create_organisation(session)
    data = {
        "user": present_person(session, person),
        "organisation": present_organisation(organisation, sensitive=person.role == "admin"),
        "login": True,
        "access_token": access,
        "refresh_token": refresh,
    }
    response = JSONResponse(data)
    if browser:
        settings = runtime.settings
        set_cookie(response, runtime, ACCESS_COOKIE, access, settings.access_token_minutes / 1440)
        set_cookie(response, runtime, REFRESH_COOKIE, refresh, settings.refresh_token_days)
    return response


@router.get("/auth/logout")
def logout(request: Request, ctx: CtxDep) -> Response:
    actor = ctx.actor
    if actor.is_bot:
        raise Forbidden()
    revocations = ctx.runtime.revocations
    revocations.revoke(actor.jti, actor.token_expires_at)
    if actor.refresh_jti:
        refresh_until = actor.token_expires_at + ctx.runtime.tokens.refresh_ttl_seconds
        revocations.revoke(actor.refresh_jti, refresh_until)
    response = JSONResponse({"logout": True})
    if is_browser(request):
        response.delete_cookie(ACCESS_COOKIE, path="/")
        response.delete_cookie(REFRESH_COOKIE, path="/")
    return response


@router.get("/auth/authenticated")
def authenticated(ctx: CtxDep) -> dict[str, Any]:
    from reeltrack.models import Person

    person = ctx.session.get(Person, ctx.actor.person_id)
    user = present_person(ctx.session, person)
    user["fido_devices"] = []
    organisation = get_or_create_organisation(ctx.session)
    return {
        "authenticated": True,
        "user": user,
        "organisation": present_organisation(organisation, sensitive=ctx.actor.is_admin),
    }


@router.get("/auth/refresh-token")
def refresh_token(request: Request, runtime: RuntimeDep, uow: UowDep) -> Response:
    token = bearer_token(request, cookie=REFRESH_COOKIE)
    actor = load_actor(runtime, uow.session, token, token_type="refresh")
    if actor.is_bot:
        raise Forbidden()
    access, _ = runtime.tokens.issue(actor.person_id, "access", extra={"refresh_jti": actor.jti})
    if is_browser(request):
        response = JSONResponse({"refresh": True})
        minutes = runtime.settings.access_token_minutes
        set_cookie(response, runtime, ACCESS_COOKIE, access, minutes / 1440)
        return response
    return JSONResponse({"access_token": access})


def _password_error(exc: auth_service.PasswordError) -> RawError:
    body: dict[str, Any] = {"error": True, "message": str(exc)}
    if str(exc).startswith("Too many"):
        body["too_many_failed_login_attemps"] = True
    return RawError(400, body)


@router.post("/auth/change-password")
def change_password(ctx: CtxDep, payload: ArgsBody) -> dict[str, Any]:
    from reeltrack.models import Person

    if ctx.actor.is_bot:
        raise Forbidden()
    body = validate_body(ChangePasswordBody, payload)
    person = ctx.session.get(Person, ctx.actor.person_id)
    assert person is not None  # the token was just checked against this row
    try:
        auth_service.change_password(
            ctx.runtime, ctx.session, person, body.old_password, body.password, body.password_2
        )
    except auth_service.PasswordError as exc:
        raise _password_error(exc) from None
    send_mail(
        ctx.runtime.settings,
        person.email,
        "Your password was changed",
        f"Hello {person.first_name},\n\nThe password of your account was just changed.",
    )
    return {"success": True}


@router.post("/auth/reset-password")
def request_password_reset(
    request: Request, runtime: RuntimeDep, uow: UowDep, payload: ArgsBody
) -> dict[str, str]:
    body = validate_body(ResetRequestBody, payload)
    token = auth_service.issue_reset_token(runtime, uow.session, body.email)
    if token is not None:
        base = str(request.base_url).rstrip("/")
        link = f"{base}/reset-change-password?email={body.email}&token={token}"
        send_mail(
            runtime.settings,
            body.email,
            "Password reset",
            f"Someone asked to reset your password. Use this link within two hours:\n{link}",
        )
    return {"success": "Reset token sent"}


@router.put("/auth/reset-password")
def reset_password(runtime: RuntimeDep, uow: UowDep, payload: ArgsBody) -> dict[str, bool]:
    body = validate_body(ResetPasswordBody, payload)
    try:
        auth_service.reset_password(
            runtime, uow.session, body.email, body.token, body.password, body.password2
        )
    except auth_service.PasswordError as exc:
        raise _password_error(exc) from None
    return {"success": True}
