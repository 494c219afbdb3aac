"""Kavenegar REST API v1.

What the provider documents (https://kavenegar.com/rest.html, "جدول ۱ - کدهای برگشتی", and its
official client libraries), and what this backend and the stand-in in
`asoud.sms.standins.kavenegar` follow:

- URLs carry the API key: `https://api.kavenegar.com/v1/{API-KEY}/{scope}/{method}.json`. GET or
  POST; the official clients POST `application/x-www-form-urlencoded` with `charset: utf-8`.
- `verify/lookup.json` (OTP through a template approved in the panel): `receptor` (one number,
  e.g. 09121234567), `token` (no spaces, newlines, underscores or separators: 431), `template`
  (its name; unknown or not yet approved: 424), optional `token2`, `token3`, `type` (sms/call).
- `sms/send.json` (plain text): `receptor` (comma-separated, at most 200: 414), `message`,
  optional `sender` (a line of the account; otherwise the default line), `date`, `type`, `localid`.
  `localid` is the client's own id of the message (one per receptor): a send repeated with a
  `localid` already used is not sent again, the first message's entry is returned instead. We pass
  the row's id, so a text whose answer was lost is simply sent again: Kavenegar keeps it once.
- `verify/lookup.json` documents no `localid` (none of the official clients sends one), so before
  a code whose answer was lost is sent again, `sms/selectoutbox.json` is asked: `startdate`
  (Unix time, required), optional `enddate` (at most a day later) and `sender` → the entries of
  the messages sent in that window (`messageid`, `message`, `receptor`, `date`, …); a code sent to
  the same number since the row was created is that message.
- Every answer: `{"return": {"status": <int>, "message": <Persian text>}, "entries": [...]}` with
  `return.status == 200` on success, and the same code as the HTTP status. Each entry is
  `{"messageid", "message", "status", "statustext", "sender", "receptor", "date", "cost"}`.
- Error statuses: 400 incomplete parameters; 401 account disabled; 402 operation failed; 403 API
  key not valid; 404 unknown method; 405 wrong GET/POST; 406 required parameters empty; 407 access
  to this information denied; 409 server cannot answer, try later; 411 invalid receptor; 412
  invalid sender; 413 empty or too long message; 414 request too large; 415 start index too large;
  416 source IP does not match the settings; 417 invalid send date; 418 not enough credit; 419
  array lengths differ; 420 links in the text are restricted; 422 invalid characters; 424 template
  not found; 426 method needs the advanced service; 427 line needs an access level; 428 code
  cannot be sent by voice call (token not digits); 429 IP restricted; 431 invalid code structure;
  432 code parameter missing from the template; 451 too many calls from this IP; 501 only test
  messages to the account owner's number (account not activated); 607 invalid tag.
  (502–506 appear in some lists we were given but in no Kavenegar document we found; like any other
  5xx they are treated as provider server errors.)

How they map to our error classes: 401, 403, 407, 416, 426, 427, 429, 501 → auth (the key, the
account or its permissions); 418 → credit; 402, 409, 451 and any other 5xx → server (retryable);
every other 4xx → invalid request. Connection failures and timeouts → network (retryable).
"""

import time
from datetime import datetime
from urllib.parse import quote

from django.conf import settings

from .base import (
    HttpBackend,
    OutgoingSms,
    SendResult,
    SmsAuthError,
    SmsCreditError,
    SmsError,
    SmsInvalidRequestError,
    SmsServerError,
)

SUCCESS = 200
AUTH_STATUSES = {401, 403, 407, 416, 426, 427, 429, 501}
CREDIT_STATUSES = {418}
SERVER_STATUSES = {402, 409, 451}
CLOCK_SLACK = 60  # seconds: the provider's clock and ours may differ


def error_for(status: int, message: str) -> SmsError:
    """The error class for a Kavenegar `return.status` (or the HTTP status when the body is not JSON)."""
    text = f"kavenegar: {message or 'request refused'}"
    if status in AUTH_STATUSES:
        return SmsAuthError(text, status=status)
    if status in CREDIT_STATUSES:
        return SmsCreditError(text, status=status)
    if status in SERVER_STATUSES or status >= 500 or status < 400:
        return SmsServerError(text, status=status)
    return SmsInvalidRequestError(text, status=status)


class KavenegarBackend(HttpBackend):
    name = "kavenegar"

    def send(self, message: OutgoingSms) -> SendResult:
        if message.is_otp and settings.KAVENEGAR_OTP_TEMPLATE:
            fields = {
                "receptor": message.national_number,
                "token": str(message.params["code"]),
                "template": settings.KAVENEGAR_OTP_TEMPLATE,
            }
            entry = self._post("verify/lookup", fields)
            return SendResult(provider_message_id=str(entry.get("messageid", "")), template=fields["template"])
        fields = {"receptor": message.national_number, "message": message.text, "localid": str(message.id)}
        if settings.KAVENEGAR_SENDER:
            fields["sender"] = settings.KAVENEGAR_SENDER
        entry = self._post("sms/send", fields)
        return SendResult(provider_message_id=str(entry.get("messageid", "")))

    def find_sent(self, message: OutgoingSms, *, since: datetime) -> SendResult | None:
        if not (message.is_otp and settings.KAVENEGAR_OTP_TEMPLATE):
            return None  # sms/send with our localid: sending again returns the first message
        start = int(since.timestamp()) - CLOCK_SLACK
        entries = self._post("sms/selectoutbox", {"startdate": start, "enddate": int(time.time())}, every=True)
        for entry in entries:
            if str(entry.get("receptor", ""))[-10:] == message.national_number[-10:] and str(
                message.params["code"]
            ) in str(entry.get("message", "")):
                return SendResult(
                    provider_message_id=str(entry.get("messageid", "")), template=settings.KAVENEGAR_OTP_TEMPLATE
                )
        return None

    def configuration_errors(self) -> list[str]:
        return [] if settings.KAVENEGAR_API_KEY else ["KAVENEGAR_API_KEY is not set."]

    def _post(self, method: str, fields: dict, *, every: bool = False):
        key = quote(settings.KAVENEGAR_API_KEY, safe="")
        url = f"{settings.KAVENEGAR_BASE_URL.rstrip('/')}/v1/{key}/{method}.json"
        response = self.request("POST", url, data=fields, headers={"Accept": "application/json", "charset": "utf-8"})
        body = self.json_body(response)
        answer = (body or {}).get("return") or {}
        status = answer.get("status")
        if not isinstance(status, int):
            raise error_for(response.status_code, f"HTTP {response.status_code}, not a Kavenegar answer")
        if status != SUCCESS:
            raise error_for(status, answer.get("message", ""))
        entries = body.get("entries") or []
        if every:
            return entries
        return entries[0] if entries else {}
