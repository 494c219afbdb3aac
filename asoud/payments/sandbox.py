"""A local stand-in for Zarinpal's REST v4 gateway (request, StartPay, verify, unVerified).

Served by our own site under `/dev/zarinpal/` while `ASOUD_DEV_TOOLS` is on, so development and
tests drive the real client (asoud.payments.zarinpal) over HTTP. It speaks the published JSON (see
that module's docstring) and validates like the gateway: the merchant code must be a 36-character
UUID, amounts are whole numbers between 1,000 Rials (100 Toman with currency "IRT") and 100,000,000
Toman, the callback address must be http(s), the description is required (at most 500 characters).

State lives in the cache (Redis), not in our database, so a test's uncommitted transaction and a
server thread see the same gateway. Authorities live for a day.

To exercise the gateway's refusals, merchant codes `00000000-0000-0000-0000-0000000000NN` answer
every call with the negative code -NN when NN is one of FORCEABLE_CODES (for example
`…-000000000011` gives -11 "terminal is not active").
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from contextlib import contextmanager
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.core.cache import cache
from django.utils import timezone

KEY = "zarinpal-sandbox"
TTL = 60 * 60 * 24
MAX_UNVERIFIED = 100
MAX_AMOUNT_RIALS = 1_000_000_000
MIN_AMOUNT = {"IRR": 1_000, "IRT": 100}
FORCEABLE_CODES = {10, 11, 12, 13, 14, 15, 16, 17, 52}
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_FORCED = re.compile(r"^00000000-0000-0000-0000-0000000000(\d\d)$")
_MOBILE = re.compile(r"^09\d{9}$")

MESSAGES = {
    -9: "The input params invalid, validation error.",
    -10: "Terminal is not valid, please check merchant_id or ip address.",
    -11: "Terminal is not active, please contact our support team.",
    -12: "To many attempts, please try again later.",
    -13: "terminal limit reached.",
    -14: "The callback URL domain does not match the registered terminal domain.",
    -15: "Terminal user is suspend : (please contact our support team).",
    -16: "Terminal user level is not valid : ( please contact our support team).",
    -17: "Terminal user level is not valid : ( please contact our support team).",
    -41: "Maximum amount is 100,000,000 tomans.",
    -50: "Session is not valid, amounts values is not the same.",
    -51: "Session is not valid, session is not active paid try.",
    -52: "Oops!!, please contact our support team",
    -53: "Session is not this merchant_id session",
    -54: "Invalid authority.",
}

Answer = tuple[int, dict]  # HTTP status, JSON body


# --- The three API calls -----------------------------------------------------------------------


def payment_request(body: dict, *, referer: str = "") -> Answer:
    refused = _merchant_refusal(body)
    if refused:
        return refused
    currency = body.get("currency") or "IRR"
    amount = _whole_number(body.get("amount"))
    validations = []
    if currency not in MIN_AMOUNT:
        validations.append({"currency": "The selected currency is invalid."})
    elif amount is None or amount < MIN_AMOUNT[currency]:
        validations.append({"amount": f"The amount must be at least {MIN_AMOUNT[currency]}."})
    description = body.get("description")
    if not isinstance(description, str) or not description.strip() or len(description) > 500:
        validations.append({"description": "The description field is required (at most 500 characters)."})
    if not _is_web_address(body.get("callback_url")):
        validations.append({"callback_url": "The callback url format is invalid."})
    metadata = body.get("metadata") or {}
    if not isinstance(metadata, dict):
        validations.append({"metadata": "The metadata must be an object."})
    elif metadata.get("mobile") and not _MOBILE.match(str(metadata["mobile"])):
        validations.append({"metadata.mobile": "The mobile format is invalid."})
    if validations:
        return error_answer(-9, validations)
    if amount * (10 if currency == "IRT" else 1) > MAX_AMOUNT_RIALS:
        return error_answer(-41)
    authority = "A" + "0" * 20 + secrets.token_hex(8).upper()[:15]
    fee = amount // 100
    _save(
        authority,
        {
            "authority": authority,
            "merchant_id": body["merchant_id"].lower(),
            "amount": amount,
            "currency": currency,
            "description": description,
            "callback_url": body["callback_url"],
            "metadata": metadata,
            "referer": referer,
            "date": timezone.localtime().strftime("%Y-%m-%d %H:%M:%S"),
            "state": "new",
            "verified": False,
            "fee": fee,
        },
    )
    return _ok({"code": 100, "message": "Success", "authority": authority, "fee_type": "Merchant", "fee": fee})


def payment_verify(body: dict) -> Answer:
    refused = _merchant_refusal(body)
    if refused:
        return refused
    authority = body.get("authority")
    amount = _whole_number(body.get("amount"))
    validations = []
    if not isinstance(authority, str) or not authority:
        validations.append({"authority": "The authority field is required."})
    if amount is None:
        validations.append({"amount": "The amount must be an integer."})
    if validations:
        return error_answer(-9, validations)
    with _locked(authority):
        session = _load(authority)
        if session is None:
            return error_answer(-54)
        if session["merchant_id"] != body["merchant_id"].lower():
            return error_answer(-53)
        if session["state"] != "paid":
            return error_answer(-51)
        if amount != session["amount"]:
            return error_answer(-50)
        code = 101 if session["verified"] else 100
        if not session["verified"]:
            session["verified"] = True
            _save(authority, session)
    return _ok(
        {
            "code": code,
            "message": "Verified" if code == 101 else "Paid",
            "card_hash": session["card_hash"],
            "card_pan": session["card_pan"],
            "ref_id": session["ref_id"],
            "fee_type": "Merchant",
            "fee": session["fee"],
        }
    )


def payment_inquiry(body: dict) -> Answer:
    refused = _merchant_refusal(body)
    if refused:
        return refused
    authority = body.get("authority")
    if not isinstance(authority, str) or not authority:
        return error_answer(-9, [{"authority": "The authority field is required."}])
    session = _load(authority)
    if session is None:
        return error_answer(-54)
    if session["merchant_id"] != body["merchant_id"].lower():
        return error_answer(-53)
    if session["state"] == "paid":
        status = "VERIFIED" if session["verified"] else "PAID"
    else:
        status = "FAILED" if session["state"] == "cancelled" else "IN_BANK"
    return _ok({"code": 100, "message": "Success", "status": status})


def payment_unverified(body: dict) -> Answer:
    refused = _merchant_refusal(body)
    if refused:
        return refused
    merchant = body["merchant_id"].lower()
    last = cache.get(_paid_counter(merchant)) or 0
    numbers = range(last, max(0, last - 5 * MAX_UNVERIFIED), -1)
    pointers = cache.get_many([_paid_slot(merchant, n) for n in numbers])
    sessions = cache.get_many([_authority_key(a) for a in pointers.values()])
    authorities = []
    for number in numbers:
        session = sessions.get(_authority_key(pointers.get(_paid_slot(merchant, number), "")))
        if session and session["state"] == "paid" and not session["verified"]:
            authorities.append(
                {key: session[key] for key in ("authority", "amount", "callback_url", "referer", "date")}
            )
        if len(authorities) == MAX_UNVERIFIED:
            break
    return _ok({"code": 100, "message": "Success", "authorities": authorities})


# --- The payment page --------------------------------------------------------------------------


def session_get(authority: str) -> dict | None:
    return _load(authority)


def session_finish(authority: str, *, paid: bool) -> str | None:
    """The shopper pressed Pay or Cancel: record it (once) and return where to send them."""
    with _locked(authority):
        session = _load(authority)
        if session is None:
            return None
        if session["state"] == "new":
            session["state"] = "paid" if paid else "cancelled"
            if paid:
                pan = f"502229{secrets.randbelow(10**10):010d}"
                session["card_pan"] = f"{pan[:6]}******{pan[-4:]}"
                session["card_hash"] = hashlib.sha256(pan.encode()).hexdigest().upper()
                session["ref_id"] = 10**10 + secrets.randbelow(9 * 10**10)
            _save(authority, session)
            if paid:
                _remember_paid(session["merchant_id"], authority)
    return return_address(session)


def return_address(session: dict) -> str:
    """The callback address with `Authority` and `Status` added, as Zarinpal sends the shopper back."""
    parts = urlsplit(session["callback_url"])
    status = "OK" if session["state"] == "paid" else "NOK"
    query = "&".join(filter(None, [parts.query, urlencode({"Authority": session["authority"], "Status": status})]))
    return urlunsplit(parts._replace(query=query))


def amount_in_rials(session: dict) -> int:
    return session["amount"] * (10 if session["currency"] == "IRT" else 1)


# --- Helpers -----------------------------------------------------------------------------------


def _merchant_refusal(body: dict) -> Answer | None:
    merchant = body.get("merchant_id") if isinstance(body, dict) else None
    if not isinstance(merchant, str) or not _UUID.match(merchant):
        return error_answer(-9, [{"merchant_id": "The merchant id must be 36 characters."}])
    forced = _FORCED.match(merchant)
    if forced and int(forced.group(1)) in FORCEABLE_CODES:
        return error_answer(-int(forced.group(1)))
    return None


def _whole_number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def _is_web_address(value) -> bool:
    if not isinstance(value, str) or len(value) > 500:
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _ok(data: dict) -> Answer:
    return 200, {"data": data, "errors": []}


def error_answer(code: int, validations: list | None = None) -> Answer:
    status = 422 if code == -9 else 400
    return status, {"data": [], "errors": {"code": code, "message": MESSAGES[code], "validations": validations or []}}


def _authority_key(authority: str) -> str:
    return f"{KEY}:authority:{authority}"


def _paid_counter(merchant: str) -> str:
    return f"{KEY}:merchant:{merchant}:paid"


def _paid_slot(merchant: str, number: int) -> str:
    return f"{KEY}:merchant:{merchant}:paid:{number}"


def _load(authority: str) -> dict | None:
    return cache.get(_authority_key(authority)) if authority else None


def _save(authority: str, session: dict) -> None:
    cache.set(_authority_key(authority), session, timeout=TTL)


def _remember_paid(merchant: str, authority: str) -> None:
    # INCR is atomic in Redis, so concurrent payments each get their own slot.
    cache.add(_paid_counter(merchant), 0, timeout=TTL)
    number = cache.incr(_paid_counter(merchant))
    cache.set(_paid_slot(merchant, number), authority, timeout=TTL)


@contextmanager
def _locked(authority: str):
    """One change at a time per authority, across threads and processes (a short Redis lock)."""
    key = f"{KEY}:lock:{authority}"
    deadline = time.monotonic() + 5
    while not cache.add(key, 1, timeout=5):
        if time.monotonic() > deadline:
            break
        time.sleep(0.01)
    try:
        yield
    finally:
        cache.delete(key)
