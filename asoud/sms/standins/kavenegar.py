"""Stand-in for Kavenegar REST v1 (`/v1/{API-KEY}/verify/lookup.json`, `/v1/{API-KEY}/sms/send.json`
with `localid`, `/v1/{API-KEY}/sms/selectoutbox.json`); the protocol is described in
`asoud.sms.backends.kavenegar`. Serve it with `StandinServer(KavenegarStandin(...))` or
`manage.py sms_standin kavenegar --port 8102`.

`drop_answers = N` makes it take the next N messages and hang up before answering (the answer is
lost on the way back), to test that a re-send does not deliver a second SMS."""

import re
import threading
import time
from itertools import count
from urllib.parse import unquote

from . import BROKEN_GATEWAY, forced_status, wait_if_slow
from .server import DropsAnswers, Request, broken_gateway, first_values, respond

PATH = re.compile(r"^/v1/(?P<key>[^/]+)/(?P<scope>[a-z]+)/(?P<method>[a-z]+)\.json$")
RECEPTOR = re.compile(r"^(?:0|\+98|0098|98)?9\d{9}$")
TOKEN = re.compile(r"^[^\s_,;|\-]{1,100}$")  # documented: no space, newline, underline or separator
MAX_RECEPTORS = 200
MAX_MESSAGE_LENGTH = 900
OUTBOX_MAX_RANGE = 24 * 3600  # selectoutbox: at most one day between startdate and enddate

MESSAGES = {
    200: "تایید شد",
    400: "پارامترها ناقص هستند",
    401: "حساب کاربری غیرفعال شده است",
    402: "عملیات ناموفق بود",
    403: "کد شناسائی API-Key معتبر نمی‌باشد",
    404: "متد نامشخص است",
    405: "متد Get/Post اشتباه است",
    406: "پارامترهای اجباری خالی ارسال شده اند",
    407: "دسترسی به اطلاعات مورد نظر برای شما امکان پذیر نیست",
    409: "سرور قادر به پاسخگوئی نیست بعدا تلاش کنید",
    411: "دریافت کننده نامعتبر است",
    412: "ارسال کننده نامعتبر است",
    413: "پیام خالی است و یا طول پیام بیش از حد مجاز می‌باشد",
    414: "حجم درخواست بیشتر از حد مجاز است",
    415: "اندیس شروع بزرگ تر از کل تعداد شماره های مورد نظر است",
    416: "IP سرویس مبدا با تنظیمات مطابقت ندارد",
    417: "تاریخ ارسال اشتباه است و فرمت آن صحیح نمی باشد",
    418: "اعتبار شما کافی نمی‌باشد",
    419: "طول آرایه متن و گیرنده و فرستنده هم اندازه نیست",
    420: "استفاده از لینک در متن پیام برای شما محدود شده است",
    422: "داده ها به دلیل وجود کاراکتر نامناسب قابل پردازش نیست",
    424: "الگوی مورد نظر پیدا نشد",
    426: "استفاده از این متد نیازمند سرویس پیشرفته می‌باشد",
    427: "استفاده از این خط نیازمند ایجاد سطح دسترسی می باشد",
    428: "ارسال کد از طریق تماس تلفنی امکان پذیر نیست",
    429: "IP محدود شده است",
    431: "ساختار کد صحیح نمی‌باشد",
    432: "پارامتر کد در متن پیام پیدا نشد",
    451: "فراخوانی بیش از حد در بازه زمانی مشخص IP محدود شده",
    501: "فقط امکان ارسال پیام تست به شماره صاحب حساب کاربری وجود دارد",
    607: "نام تگ انتخابی اشتباه است",
}


class KavenegarError(Exception):
    def __init__(self, status: int):
        super().__init__(MESSAGES.get(status, ""))
        self.status = status


class KavenegarStandin(DropsAnswers):
    """The WSGI app. `sent` lists every message it accepted, like the panel's outbox."""

    def __init__(
        self,
        *,
        api_key: str = "standin-kavenegar-key",
        templates: set[str] | None = None,
        senders: set[str] | None = None,
        slow_seconds: float = 3.0,
    ):
        self.api_key = api_key
        self.templates = templates if templates is not None else {"asoud-otp"}
        self.senders = senders if senders is not None else {"10004346"}
        self.slow_seconds = slow_seconds
        self.sent: list[dict] = []
        self.drop_answers = 0
        self._by_localid: dict[str, dict] = {}
        self._ids = count(8792343)
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        request = Request.from_environ(environ)
        taken_before = len(self.sent)
        try:
            entries = self._handle(request)
        except KavenegarError as error:
            if error.status == BROKEN_GATEWAY:
                return broken_gateway(start_response)
            body = {"return": {"status": error.status, "message": MESSAGES.get(error.status, "")}, "entries": None}
            return respond(start_response, error.status, body)
        if (dropped := self.dropped_answer(environ, start_response, taken_before=taken_before)) is not None:
            return dropped
        return respond(start_response, 200, {"return": {"status": 200, "message": MESSAGES[200]}, "entries": entries})

    def _handle(self, request: Request) -> list[dict]:
        match = PATH.match(request.path)
        if match is None:
            raise KavenegarError(404)
        if request.method not in ("GET", "POST"):
            raise KavenegarError(405)
        if unquote(match["key"]) != self.api_key:
            raise KavenegarError(403)
        handler = {
            ("verify", "lookup"): self._lookup,
            ("sms", "send"): self._send,
            ("sms", "selectoutbox"): self._select_outbox,
        }.get((match["scope"], match["method"]))
        if handler is None:
            raise KavenegarError(404)
        return handler(self._fields(request))

    def _fields(self, request: Request) -> dict:
        fields = dict(request.query)
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            fields.update(first_values(request.body.decode("utf-8")))
        return fields

    def _lookup(self, fields: dict) -> list[dict]:
        receptor, token, template = self._required(fields, "receptor", "token", "template")
        if not RECEPTOR.match(receptor):
            raise KavenegarError(411)
        self._raise_forced(receptor)
        if template not in self.templates:
            raise KavenegarError(424)
        if not TOKEN.match(token):
            raise KavenegarError(431)
        if fields.get("type", "sms") == "call" and not token.isdigit():
            raise KavenegarError(428)
        message = f"{template}: {token}"
        return [self._record(receptor=receptor, message=message, sender="2000500666", template=template, token=token)]

    def _send(self, fields: dict) -> list[dict]:
        receptors, message = self._required(fields, "receptor", "message")
        numbers = [number.strip() for number in receptors.split(",")]
        if len(numbers) > MAX_RECEPTORS:
            raise KavenegarError(414)
        if not all(RECEPTOR.match(number) for number in numbers):
            raise KavenegarError(411)
        for number in numbers:
            self._raise_forced(number)
        if len(message) > MAX_MESSAGE_LENGTH:
            raise KavenegarError(413)
        sender = fields.get("sender") or sorted(self.senders)[0]
        if sender not in self.senders:
            raise KavenegarError(412)
        localids = [value.strip() for value in fields.get("localid", "").split(",")] if fields.get("localid") else []
        if localids and len(localids) != len(numbers):
            raise KavenegarError(419)
        return [
            self._record_once(localid, receptor=number, message=message, sender=sender)
            for number, localid in zip(numbers, localids or [""] * len(numbers), strict=True)
        ]

    def _record_once(self, localid: str, **fields) -> dict:
        """A `localid` already used returns the message sent with it instead of sending again."""
        with self._lock:
            if localid and localid in self._by_localid:
                return self._by_localid[localid]
        entry = self._record(**fields, localid=localid) if localid else self._record(**fields)
        if localid:
            with self._lock:
                self._by_localid[localid] = entry
        return entry

    def _select_outbox(self, fields: dict) -> list[dict]:
        """The messages sent between `startdate` and `enddate` (Unix time; now when omitted, at most
        a day apart), from `sender` when given."""
        (start,) = self._required(fields, "startdate")
        end = fields.get("enddate", "").strip() or str(int(time.time()))
        if not (start.isdigit() and end.isdigit()) or not 0 <= int(end) - int(start) <= OUTBOX_MAX_RANGE:
            raise KavenegarError(417)
        sender = fields.get("sender", "").strip()
        keys = ("messageid", "message", "status", "statustext", "sender", "receptor", "date", "cost")
        with self._lock:
            return [
                {key: sent[key] for key in keys}
                for sent in self.sent
                if int(start) <= sent["date"] <= int(end) and (not sender or sent["sender"] == sender)
            ]

    def _required(self, fields: dict, *names: str) -> list[str]:
        if any(name not in fields for name in names):
            raise KavenegarError(400)
        values = [fields[name].strip() for name in names]
        if not all(values):
            raise KavenegarError(406)
        return values

    def _raise_forced(self, receptor: str) -> None:
        status = wait_if_slow(forced_status(receptor), self.slow_seconds)
        if status is not None and (status in MESSAGES or status >= 500) and status != 200:
            raise KavenegarError(status)

    def _record(self, *, receptor: str, message: str, sender: str, **extra) -> dict:
        with self._lock:
            entry = {
                "messageid": next(self._ids),
                "message": message,
                "status": 5,
                "statustext": "ارسال به مخابرات",
                "sender": sender,
                "receptor": receptor,
                "date": int(time.time()),
                "cost": 120,
            }
            self.sent.append({**entry, **extra})
        return entry
