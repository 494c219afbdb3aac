"""Carry a sign-in from the platform host to a market host (subdomain or custom domain).

Cookies cannot span unrelated domains, so the platform issues a short-lived, signed, single-use
token for one target host; the market host redeems it once and starts its own session.
"""

import json
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse

from asoud.core.context_processors import platform_url
from asoud.core.http import public_port
from asoud.core.redis import get_redis
from tenants.models import Domain

from .models import User

SALT = "asoud.accounts.handoff"
CHECKED_COOKIE = "asoud_signin_checked"
_KEY = "asoud:handoff:{}"


class HandoffError(Exception):
    """The token is malformed, expired, already used, or meant for another host."""


def target_host_allowed(url: str, *, request) -> str | None:
    """The host of `url` if it is a market's domain served by this deployment, i.e. with this
    request's scheme and public port (never an arbitrary site or another service on a market's
    host name: no open redirect, no token sent elsewhere)."""
    parts = urlsplit(url)
    if parts.scheme != request.scheme or not parts.hostname:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:  # a port that is not a number
        return None
    if port != public_port(request):
        return None
    exists = Domain.objects.filter(domain=parts.hostname, tenant__is_template=False).exclude(
        tenant__schema_name="public"
    )
    return parts.hostname if exists.exists() else None


def token_issue(*, user: User, host: str, records: list[dict] | None = None) -> str:
    """`records` are the platform session's sign-in checks (SMS code, second factor and when), so
    the market host's session knows them too."""
    token_id = secrets.token_urlsafe(18)
    payload = {"user": user.pk, "epoch": user.session_epoch, "host": host, "records": records or []}
    get_redis().set(_KEY.format(token_id), json.dumps(payload), ex=settings.HANDOFF_MAX_AGE_SECONDS)
    return signing.dumps({"id": token_id}, salt=SALT)


def token_redeem_with_records(*, token: str, host: str) -> tuple[User, list[dict]]:
    try:
        token_id = signing.loads(token, salt=SALT, max_age=settings.HANDOFF_MAX_AGE_SECONDS)["id"]
    except (signing.BadSignature, KeyError, TypeError) as error:
        raise HandoffError("invalid or expired") from error
    stored = get_redis().getdel(_KEY.format(token_id))  # single use, even under concurrent redemptions
    if stored is None:
        raise HandoffError("already used or expired")
    payload = json.loads(stored)
    if payload["host"] != host:
        raise HandoffError("issued for another host")
    user = User.objects.filter(pk=payload["user"], is_active=True, session_epoch=payload["epoch"]).first()
    if user is None:
        raise HandoffError("signed out since")
    return user, payload["records"]


def token_redeem(*, token: str, host: str) -> User:
    return token_redeem_with_records(token=token, host=host)[0]


def finish_url(*, target: str, params: dict) -> str:
    parts = urlsplit(target)
    next_path = parts.path or "/"
    if parts.query:
        next_path += f"?{parts.query}"
    query = urlencode({**params, "next": next_path})
    return f"{parts.scheme}://{parts.netloc}/accounts/handoff/?{query}"


def bridge_url(request) -> str:
    """Where a market host sends a new visitor to learn, silently, whether they are signed in."""
    start = reverse("account_handoff_start", urlconf=settings.PUBLIC_SCHEMA_URLCONF)
    query = urlencode({"next": request.build_absolute_uri(), "silent": "1"})
    return f"{platform_url(request)}{start}?{query}"


def sign_in_url(request, next_url: str, *, cart_note: str = "") -> str:
    """The platform's sign-in, coming back to `next_url` on this market host already signed in;
    `cart_note` (from `cart_note_sign`) lets the sign-in page say what is waiting in the cart."""
    start = reverse("account_handoff_start", urlconf=settings.PUBLIC_SCHEMA_URLCONF)
    query = {"next": next_url, **({"cart": cart_note} if cart_note else {})}
    return f"{platform_url(request)}{start}?{urlencode(query)}"


_CART_NOTE_SALT = "asoud.accounts.handoff.cart-note"


def cart_note_sign(*, items: int, total: int) -> str:
    """What a market's checkout hands the platform's sign-in about the cart (signed: the page shows
    it, so nobody may put words there)."""
    return signing.dumps({"items": int(items), "total": int(total)}, salt=_CART_NOTE_SALT)


def cart_note_read(value: str) -> dict | None:
    try:
        note = signing.loads(value, salt=_CART_NOTE_SALT, max_age=2 * 60 * 60)
    except signing.BadSignature:
        return None
    return {"items": int(note["items"]), "total": int(note["total"])}


def sign_in_purpose(next_url: str, *, request) -> dict | None:
    """When the platform's sign-in was opened from a market (its `next` goes through the handoff),
    the market and why: {"market", "back", "checkout"} for the page to say so, else None."""
    parts = urlsplit(next_url or "")
    if parts.path != reverse("account_handoff_start", urlconf=settings.PUBLIC_SCHEMA_URLCONF):
        return None
    query = parse_qs(parts.query)
    target = (query.get("next") or [""])[0]
    host = target_host_allowed(target, request=request)
    if host is None:
        return None
    domain = Domain.objects.select_related("tenant").filter(domain=host).first()
    return {
        "market": domain.tenant,
        "back": target,
        "home": f"{urlsplit(target).scheme}://{urlsplit(target).netloc}/",
        "checkout": urlsplit(target).path.startswith("/checkout"),
        "cart": cart_note_read((query.get("cart") or [""])[0]),
    }
