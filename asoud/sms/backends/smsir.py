"""SMS.ir REST API v1.

What the provider documents (https://sms.ir/rest-api/, the developer page
https://sms.ir/developer-web-service/rest-api/, and the request/response shapes used by its client
libraries), and what this backend and the stand-in in `asoud.sms.standins.smsir` follow:

- Base URL `https://api.sms.ir/v1`. Authentication: header `X-API-KEY: <key from the panel>`;
  `Accept: application/json`, JSON request bodies (`Content-Type: application/json`).
- Every answer is the envelope `{"status": <int>, "message": <text, usually Persian>, "data": …}`;
  `status == 1` is success. HTTP codes: 200 success, 400 logical error, 401 authentication error,
  429 too many requests, 500 unexpected error. Always read `status`, not only the HTTP code.
- `POST /v1/send/verify` (OTP, template on a service line, high priority):
  `{"mobile": "09120000000", "templateId": 123456, "parameters": [{"name": "Code", "value": "12345"}]}`
  → `data = {"messageId": 89545112, "cost": 1.0}`. Parameter names are written without the `#`
  markers of the template text; values are at most 25 characters (status 114).
- `POST /v1/send/bulk` (plain text): `{"lineNumber": 30004505000017, "messageText": "…",
  "mobiles": ["09120000000"], "sendDateTime": null}` (null or omitted: now; otherwise Unix time UTC)
  → `data = {"packId": "<uuid>", "messageIds": [86522023], "cost": 1.0}`. At most 100 mobiles.
  A `messageIds` element is 0 for a blacklisted number and null for an invalid number or text.
- `GET /v1/send/live?pageSize=100&pageNumber=1` (today's sends; pageSize at most 100) → `data = [
  {"messageId", "mobile", "messageText", "sendDateTime" (Unix, UTC), "lineNumber", "cost",
  "deliveryState", "deliveryDateTime"}, …]`. `GET /v1/send/{messageId}` reports one message, but
  only by the provider's id.
- There is no client-side id (no idempotency key) on any send: a request sent again is a second
  SMS. So when an attempt's answer was lost (timeout, connection cut after the request left),
  `find_sent` looks for the message in today's sends (same mobile, same text or code, sent since
  the row was created) before anything is sent again.
- Status codes: 0 system problem; 1 success; 10 invalid API key; 11 key disabled; 12 key limited to
  other IPs; 13 account inactive; 14 account suspended; 15 plan upgrade needed for the web service;
  16 invalid parameter value; 20 too many requests; 101 invalid line number; 102 not enough credit;
  103 empty text; 104 invalid mobile number; 105 more than 100 mobiles; 106 more than 100 texts;
  107 empty mobile list; 108 empty text list; 109 invalid send time; 110 mobile and text counts
  differ; 111 no send with this id; 112 nothing to delete; 113 template not found; 114 parameter
  value longer than 25 characters; 115 number blacklisted; 116 parameter name empty; 117 text not
  approved; 118 too many messages; 119 plan upgrade needed for custom templates; 123 sender line
  needs activation; 124 only OTP templates allowed.

How they map to our error classes: 10–14 and HTTP 401 → auth; 15, 102, 119 → credit (the account
must pay or upgrade); 0, 20, HTTP 429 and HTTP 5xx → server (retryable); every other status →
invalid request. Connection failures and timeouts → network (retryable).
"""

from datetime import datetime

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

SUCCESS = 1
AUTH_STATUSES = {10, 11, 12, 13, 14}
CREDIT_STATUSES = {15, 102, 119}
SERVER_STATUSES = {0, 20}
REPORT_PAGE_SIZE = 100
REPORT_PAGES = 20  # today's sends looked through at most: 2,000
CLOCK_SLACK = 60  # seconds: the provider's clock and ours may differ


def error_for(status: int | None, http_status: int, message: str) -> SmsError:
    """The error class for an SMS.ir answer that is not a success."""
    text = f"smsir: {message or 'request refused'}"
    code = status if status is not None else http_status
    if status in AUTH_STATUSES or http_status == 401:
        return SmsAuthError(text, status=code)
    if status in CREDIT_STATUSES:
        return SmsCreditError(text, status=code)
    if status in SERVER_STATUSES or http_status == 429 or http_status >= 500:
        return SmsServerError(text, status=code)
    if status is None and http_status != 400:
        # Not an SMS.ir envelope at all (a proxy's error page, a cut-off answer): worth another try.
        return SmsServerError(text, status=code)
    return SmsInvalidRequestError(text, status=code)


class SmsIrBackend(HttpBackend):
    name = "smsir"

    def send(self, message: OutgoingSms) -> SendResult:
        if message.is_otp and settings.SMSIR_OTP_TEMPLATE_ID:
            return self._send_verify(message)
        return self._send_bulk(message)

    def find_sent(self, message: OutgoingSms, *, since: datetime) -> SendResult | None:
        since_unix = since.timestamp() - CLOCK_SLACK
        mobile = message.national_number[-10:]
        for page in range(1, REPORT_PAGES + 1):
            sends = self._get("/v1/send/live", {"pageSize": REPORT_PAGE_SIZE, "pageNumber": page}) or []
            for sent in sends:
                if (
                    str(sent.get("mobile", ""))[-10:] == mobile
                    and (sent.get("sendDateTime") or 0) >= since_unix
                    and self._same_message(message, str(sent.get("messageText", "")))
                ):
                    return SendResult(provider_message_id=str(sent.get("messageId", "")))
            if len(sends) < REPORT_PAGE_SIZE:
                return None
        return None

    @staticmethod
    def _same_message(message: OutgoingSms, text: str) -> bool:
        if message.is_otp and settings.SMSIR_OTP_TEMPLATE_ID:
            return str(message.params["code"]) in text  # the template's text with the code filled in
        return text == message.text

    def configuration_errors(self) -> list[str]:
        errors = [] if settings.SMSIR_API_KEY else ["SMSIR_API_KEY is not set."]
        if not settings.SMSIR_LINE_NUMBER:
            errors.append("SMSIR_LINE_NUMBER is not set (needed for plain-text messages).")
        return errors

    def _send_verify(self, message: OutgoingSms) -> SendResult:
        template_id = settings.SMSIR_OTP_TEMPLATE_ID
        body = {
            "mobile": message.national_number,
            "templateId": template_id,
            "parameters": [{"name": settings.SMSIR_OTP_PARAMETER, "value": str(message.params["code"])}],
        }
        data = self._post("/v1/send/verify", body)
        return SendResult(provider_message_id=str(data.get("messageId", "")), template=str(template_id))

    def _send_bulk(self, message: OutgoingSms) -> SendResult:
        body = {
            "lineNumber": settings.SMSIR_LINE_NUMBER,
            "messageText": message.text,
            "mobiles": [message.national_number],
            "sendDateTime": None,
        }
        data = self._post("/v1/send/bulk", body)
        message_ids = data.get("messageIds") or [None]
        if not message_ids[0]:
            # Documented: 0 means the number is blacklisted, null an invalid number or text.
            reason = "the number is on the blacklist" if message_ids[0] == 0 else "the number or text was refused"
            raise SmsInvalidRequestError(f"smsir: {reason}", status=SUCCESS)
        return SendResult(provider_message_id=str(message_ids[0]))

    def _post(self, path: str, body: dict) -> dict:
        return self._call("POST", path, json=body)

    def _get(self, path: str, query: dict):
        return self._call("GET", path, params=query)

    def _call(self, method: str, path: str, **kwargs):
        response = self.request(
            method,
            settings.SMSIR_BASE_URL.rstrip("/") + path,
            headers={"X-API-KEY": settings.SMSIR_API_KEY, "Accept": "application/json"},
            **kwargs,
        )
        envelope = self.json_body(response)
        status = envelope.get("status") if envelope else None
        if response.status_code == 200 and status == SUCCESS:
            return envelope.get("data") or ({} if method == "POST" else [])
        message = (envelope or {}).get("message") or f"HTTP {response.status_code}"
        raise error_for(status, response.status_code, message)
