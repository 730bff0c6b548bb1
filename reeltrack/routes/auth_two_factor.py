"""The `auth` blueprint's two-factor routes: TOTP, codes by mail, recovery codes.

Every route but `GET /auth/email-otp` acts on the caller's own account only.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import Field

from reeltrack.auth.deps import ACCESS_COOKIE, REFRESH_COOKIE, CtxDep, RuntimeDep, UowDep
from reeltrack.routes.auth import is_browser, set_cookie
from reeltrack.runtime import Runtime
from reeltrack.services import two_factor
from reeltrack.services.auth import find_login_person
from reeltrack.services.mail import send_mail
from reeltrack.services.organisation import get_or_create_organisation
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body
from reeltrack.wire.errors import Forbidden, RawError
from reeltrack.wire.present import JSONResponse

router = APIRouter()

PROOF_FAILED = {"error": True, "message": "OTP verification failed.", "wrong_OTP": True}
REFUSALS = {
    "totp_enabled": "TOTP already enabled.",
    "totp_not_enabled": "TOTP not enabled.",
    "email_otp_enabled": "OTP by email already enabled.",
    "email_otp_not_enabled": "OTP by email not enabled.",
}


class TotpBody(BodySchema):
    totp: str = Field(..., min_length=1)


class EmailOtpBody(BodySchema):
    email_otp: str = Field(..., min_length=1)


class EmailBody(BodySchema):
    email: str = Field(..., min_length=1)


class ProofBody(BodySchema):
    totp: str | None = None
    email_otp: str | None = None
    fido_authentication_response: dict[str, Any] | None = None
    recovery_code: str | None = None

    def proof(self) -> two_factor.Proof:
        return two_factor.Proof(
            self.totp, self.email_otp, self.fido_authentication_response, self.recovery_code
        )


def _person(ctx: Any) -> Any:
    """The caller's own row; bots have no second factor to manage."""
    from reeltrack.models import Person

    if ctx.actor.is_bot:
        raise Forbidden()
    person = ctx.session.get(Person, ctx.actor.person_id)
    if person is None:
        raise Forbidden()
    return person


def _refused(reason: str) -> RawError:
    return RawError(400, {"error": True, "message": REFUSALS[reason]})


def _registered(request: Request, runtime: Runtime, person: Any, codes: Any) -> Response:
    """The recovery codes (None when the person had some already) and fresh tokens."""
    tokens = runtime.tokens
    refresh, refresh_jti = tokens.issue(person.id, "refresh")
    access, _ = tokens.issue(person.id, "access", extra={"refresh_jti": refresh_jti})
    data = {"otp_recovery_codes": codes, "access_token": access, "refresh_token": refresh}
    response = JSONResponse(data)
    if is_browser(request):
        settings = runtime.settings
        set_cookie(response, runtime, ACCESS_COOKIE, access, settings.access_token_minutes / 1440)
        set_cookie(response, runtime, REFRESH_COOKIE, refresh, settings.refresh_token_days)
    return response


def _check_proof(ctx: Any, person: Any, payload: Any, not_enabled: dict[str, Any]) -> None:
    """Refuse unless the person has 2FA on and the body proves a second factor."""
    body = validate_body(ProofBody, payload)
    if not two_factor.is_enabled(person):
        raise RawError(400, not_enabled)
    try:
        valid = two_factor.check_proof(ctx.runtime.kv, ctx.session, person, body.proof())
    except two_factor.MissingProof:
        valid = False
    if not valid:
        raise RawError(400, PROOF_FAILED)


def _mail_code(runtime: Runtime, session: Any, person: Any, code: str) -> None:
    name = get_or_create_organisation(session).name
    subject, text = two_factor.mail_code_text(person, name, code)
    send_mail(runtime.settings, person.email, subject, text)


@router.put("/auth/totp")
def pre_enable_totp(ctx: CtxDep) -> dict[str, str]:
    person = _person(ctx)
    name = get_or_create_organisation(ctx.session).name
    try:
        uri, secret = two_factor.pre_enable_totp(person, name)
    except two_factor.TwoFactorError as exc:
        raise _refused(exc.reason) from None
    return {"totp_provisionning_uri": uri, "otp_secret": secret}


@router.post("/auth/totp")
def enable_totp(request: Request, ctx: CtxDep, payload: ArgsBody) -> Response:
    person = _person(ctx)
    body = validate_body(TotpBody, payload)
    try:
        codes = two_factor.enable_totp(person, body.totp)
    except two_factor.TwoFactorError as exc:
        if exc.reason == "wrong_otp":
            failed = {"error": True, "message": "TOTP verification failed.", "wrong_OTP": True}
            raise RawError(400, failed) from None
        raise _refused(exc.reason) from None
    return _registered(request, ctx.runtime, person, codes)


@router.delete("/auth/totp")
def disable_totp(ctx: CtxDep, payload: ArgsBody) -> dict[str, bool]:
    person = _person(ctx)
    _check_proof(ctx, person, payload, {"error": True, "message": REFUSALS["totp_not_enabled"]})
    try:
        two_factor.disable_totp(person)
    except two_factor.TwoFactorError as exc:
        raise _refused(exc.reason) from None
    return {"success": True}


@router.get("/auth/email-otp")
def send_email_otp(runtime: RuntimeDep, uow: UowDep, payload: ArgsBody) -> dict[str, bool]:
    """Mail a login code; the same answer whoever the address belongs to."""
    body = validate_body(EmailBody, payload)
    session = uow.session
    person = find_login_person(session, body.email)
    if person is not None and not person.is_bot and person.active and person.email_otp_enabled:
        code = two_factor.issue_mail_code(runtime.kv, session, person)
        _mail_code(runtime, session, person, code)
    return {"success": True}


@router.put("/auth/email-otp")
def pre_enable_email_otp(ctx: CtxDep) -> dict[str, bool]:
    person = _person(ctx)
    try:
        code = two_factor.pre_enable_email_otp(ctx.runtime.kv, ctx.session, person)
    except two_factor.TwoFactorError as exc:
        raise _refused(exc.reason) from None
    _mail_code(ctx.runtime, ctx.session, person, code)
    return {"success": True}


@router.post("/auth/email-otp")
def enable_email_otp(request: Request, ctx: CtxDep, payload: ArgsBody) -> Response:
    person = _person(ctx)
    body = validate_body(EmailOtpBody, payload)
    try:
        codes = two_factor.enable_email_otp(ctx.runtime.kv, ctx.session, person, body.email_otp)
    except two_factor.TwoFactorError as exc:
        if exc.reason == "wrong_otp":
            message = "OTP by email verification failed."
            raise RawError(400, {"error": True, "message": message, "wrong_OTP": True}) from None
        raise _refused(exc.reason) from None
    return _registered(request, ctx.runtime, person, codes)


@router.delete("/auth/email-otp")
def disable_email_otp(ctx: CtxDep, payload: ArgsBody) -> dict[str, bool]:
    person = _person(ctx)
    refusal = {"error": True, "message": REFUSALS["email_otp_not_enabled"]}
    _check_proof(ctx, person, payload, refusal)
    try:
        two_factor.disable_email_otp(person)
    except two_factor.TwoFactorError as exc:
        raise _refused(exc.reason) from None
    return {"success": True}


@router.put("/auth/recovery-codes")
def renew_recovery_codes(ctx: CtxDep, payload: ArgsBody) -> dict[str, list[str]]:
    person = _person(ctx)
    refusal = {"error": True, "message": "No two factor authentication enabled."}
    _check_proof(ctx, person, payload, refusal)
    return {"otp_recovery_codes": two_factor.renew_recovery_codes(person)}
