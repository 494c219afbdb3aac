"""Stand-in for SMS.ir REST v1 (`POST /v1/send/verify`, `POST /v1/send/bulk`, and the report of
today's sends `GET /v1/send/live`); the protocol is described in `asoud.sms.backends.smsir`. Serve
it with `StandinServer(SmsIrStandin(...))` or `manage.py sms_standin smsir --port 8101`.

`drop_answers = N` makes it take the next N messages and hang up before answering (the answer is
lost on the way back), to test that a re-send does not deliver a second SMS."""

import json
import re
import threading
import time
import uuid
from itertools import count

from . import BROKEN_GATEWAY, forced_status, wait_if_slow
from .server import DropsAnswers, Request, broken_gateway, respond

MOBILE = re.compile(r"^0?9\d{9}$")  # the documented examples: 09120000000 and 9120000000
MAX_MOBILES = 100
MAX_PARAMETER_LENGTH = 25
MAX_PAGE_SIZE = 100
DELIVERED = 1  # deliveryState: delivered to the handset
TEHRAN_OFFSET = 12600  # seconds east of UTC (+03:30)

MESSAGES = {
    0: "درخواست شما با خطا مواجه شده است",
    1: "موفق",
    10: "کلید وب سرویس نامعتبر است",
    11: "کلید وب سرویس غیرفعال است",
    12: "کلید وب سرویس محدود به آی‌پی‌های تعریف شده است",
    13: "حساب کاربری غیرفعال است",
    14: "حساب کاربری در حالت تعلیق قرار دارد",
    15: "به منظور استفاده از وب سرویس پلن خود را ارتقا دهید",
    16: "مقدار ارسالی پارامتر نادرست است",
    20: "تعداد درخواست بیشتر از حد مجاز است",
    101: "شماره خط نامعتبر میباشد",
    102: "اعتبار کافی نمیباشد",
    103: "درخواست شما دارای متن (های) خالی است",
    104: "درخواست شما دارای موبایل (های) نادرست است",
    105: "تعداد موبایل ها بیشتر از حد مجاز (100 عدد) میباشد",
    106: "تعداد متن ها بیشتر از حد مجاز (100 عدد) میباشد",
    107: "لیست موبایل ها خالی میباشد",
    108: "لیست متن ها خالی میباشد",
    109: "زمان ارسال نامعتبر میباشد",
    110: "تعداد شماره موبایل ها و تعداد متن ها برابر نیستند",
    111: "با این شناسه ارسالی ثبت نشده است",
    112: "رکوردی برای حذف یافت نشد",
    113: "قالب یافت نشد",
    114: "طول رشته مقدار پارامتر، بیش از حد مجاز (25 کاراکتر) میباشد",
    115: "شماره موبایل(ها) در لیست سیاه سامانه میباشند",
    116: "نام یک یا چند پارامتر مقداردهی نشده است",
    117: "متن ارسال شده مورد تایید نمیباشد",
    118: "تعداد پیام ها بیش از حد مجاز میباشد",
    119: "به منظور استفاده از قالب‌ شخصی سازی شده پلن خود را ارتقا دهید",
    123: "خط ارسال‌کننده نیاز به فعال‌سازی دارد",
    124: "فقط امکان ارسال پیامک OTP وجود دارد و قالب شما OTP شناسایی نشده است",
}


def http_status_for(status: int) -> int:
    """The HTTP code SMS.ir documents next to each kind of answer."""
    if status == 1:
        return 200
    if status in (10, 11, 12, 13, 14):
        return 401
    if status == 20:
        return 429
    if status == 0:
        return 500
    return 400


class SmsIrError(Exception):
    def __init__(self, status: int):
        super().__init__(MESSAGES.get(status, ""))
        self.status = status


class SmsIrStandin(DropsAnswers):
    """The WSGI app. `sent` lists every message it accepted, like the provider panel's outbox."""

    def __init__(
        self,
        *,
        api_key: str = "standin-smsir-key",
        line_number: int = 30004505000017,
        templates: dict[int, list[str]] | None = None,
        blacklist: set[str] | None = None,
        slow_seconds: float = 3.0,
    ):
        self.api_key = api_key
        self.line_number = line_number
        self.service_line_number = 30002108000000  # verify messages leave from a service line
        self.templates = templates if templates is not None else {100000: ["Code"]}
        self.blacklist = {number[-10:] for number in blacklist or set()}
        self.slow_seconds = slow_seconds
        self.sent: list[dict] = []
        self.drop_answers = 0
        self._sent_at: dict[int, int] = {}  # messageId → sendDateTime (Unix), for the reports
        self._ids = count(89545112)
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        request = Request.from_environ(environ)
        path = request.path.rstrip("/")
        handler = {"/v1/send/verify": self._verify, "/v1/send/bulk": self._bulk, "/v1/send/live": self._live}.get(path)
        if handler is None:
            return respond(start_response, 404, {"status": 0, "message": "Not Found", "data": None})
        if request.method != ("GET" if handler == self._live else "POST"):
            return respond(start_response, 405, "", content_type="text/plain")
        taken_before = len(self.sent)
        try:
            data = self._live(request) if handler == self._live else handler(self._authenticated_json(request))
        except SmsIrError as error:
            if error.status == BROKEN_GATEWAY:
                return broken_gateway(start_response)
            envelope = {"status": error.status, "message": MESSAGES.get(error.status, ""), "data": None}
            return respond(start_response, http_status_for(error.status), envelope)
        if (dropped := self.dropped_answer(environ, start_response, taken_before=taken_before)) is not None:
            return dropped
        return respond(start_response, 200, {"status": 1, "message": MESSAGES[1], "data": data})

    def _live(self, request: Request) -> list[dict]:
        """Today's sends, oldest first, `pageSize` (at most 100) per page, `pageNumber` from 1."""
        self._authenticate(request)
        try:
            size = int(request.query.get("pageSize") or MAX_PAGE_SIZE)
            number = int(request.query.get("pageNumber") or 1)
        except ValueError as error:
            raise SmsIrError(16) from error
        if not (1 <= size <= MAX_PAGE_SIZE and number >= 1):
            raise SmsIrError(16)
        today = (time.time() + TEHRAN_OFFSET) // 86400 * 86400 - TEHRAN_OFFSET  # the provider's day
        with self._lock:
            sends = [{**sent, "sendDateTime": self._sent_at[sent["messageId"]]} for sent in self.sent]
        sends = [sent for sent in sends if sent["sendDateTime"] >= today]
        page = sends[(number - 1) * size : number * size]
        return [
            {
                "messageId": sent["messageId"],
                "mobile": int(sent["mobile"][-10:]),
                "messageText": sent["messageText"],
                "sendDateTime": sent["sendDateTime"],
                "lineNumber": sent["lineNumber"],
                "cost": 1.0,
                "deliveryState": DELIVERED,
                "deliveryDateTime": sent["sendDateTime"],
            }
            for sent in page
        ]

    def _authenticate(self, request: Request) -> None:
        if request.headers.get("x-api-key") != self.api_key:
            raise SmsIrError(10)

    def _authenticated_json(self, request: Request) -> dict:
        self._authenticate(request)
        if request.content_type != "application/json":
            raise SmsIrError(16)
        try:
            body = json.loads(request.body or b"null")
        except ValueError as error:
            raise SmsIrError(16) from error
        if not isinstance(body, dict):
            raise SmsIrError(16)
        return body

    def _verify(self, body: dict) -> dict:
        mobile = body.get("mobile")
        if not isinstance(mobile, str) or not MOBILE.match(mobile):
            raise SmsIrError(104)
        self._raise_forced(mobile)
        template_id = body.get("templateId")
        if not isinstance(template_id, int) or isinstance(template_id, bool):
            raise SmsIrError(16)
        if template_id not in self.templates:
            raise SmsIrError(113)
        parameters = self._parameters(body.get("parameters"), self.templates[template_id])
        self._refuse_blacklisted([mobile])
        # The panel's template text with its #Name# placeholders filled in, as the reports show it.
        text = " ".join(f"{item['name']}: {item['value']}" for item in parameters)
        message_id = self._record(
            endpoint="verify", mobile=mobile, templateId=template_id, parameters=parameters, messageText=text,
            lineNumber=self.service_line_number,
        )  # fmt: skip
        return {"messageId": message_id, "cost": 1.0}

    def _parameters(self, parameters, names: list[str]) -> list[dict]:
        if not isinstance(parameters, list) or not all(isinstance(item, dict) for item in parameters):
            raise SmsIrError(16)
        for item in parameters:
            if not str(item.get("name") or "").strip():
                raise SmsIrError(116)
            if len(str(item.get("value") or "")) > MAX_PARAMETER_LENGTH:
                raise SmsIrError(114)
        if sorted(str(item["name"]) for item in parameters) != sorted(names):
            raise SmsIrError(16)  # the template's #Name# placeholders must all be given, and only those
        return parameters

    def _bulk(self, body: dict) -> dict:
        line_number = body.get("lineNumber")
        if isinstance(line_number, bool) or line_number != self.line_number:
            raise SmsIrError(101)
        text = body.get("messageText")
        if not isinstance(text, str) or not text.strip():
            raise SmsIrError(103)
        mobiles = self._mobiles(body.get("mobiles"))
        self._check_send_time(body.get("sendDateTime"))
        with self._lock:
            message_ids = [0 if mobile[-10:] in self.blacklist else next(self._ids) for mobile in mobiles]
            self._sent_at.update((message_id, int(time.time())) for message_id in message_ids if message_id)
            self.sent.extend(
                {
                    "endpoint": "bulk",
                    "mobile": mobile,
                    "lineNumber": line_number,
                    "messageText": text,
                    "messageId": message_id,
                }
                for mobile, message_id in zip(mobiles, message_ids, strict=True)
                if message_id
            )
        return {"packId": str(uuid.uuid4()), "messageIds": message_ids, "cost": float(len(mobiles))}

    def _mobiles(self, mobiles) -> list[str]:
        if not isinstance(mobiles, list) or not mobiles:
            raise SmsIrError(107)
        if len(mobiles) > MAX_MOBILES:
            raise SmsIrError(105)
        if not all(isinstance(mobile, str) and MOBILE.match(mobile) for mobile in mobiles):
            raise SmsIrError(104)
        for mobile in mobiles:
            self._raise_forced(mobile)
        return mobiles

    def _check_send_time(self, send_time) -> None:
        if send_time is None:
            return
        now = time.time()
        # Documented window for scheduled sends: from one hour ahead up to a year ahead (Unix, UTC).
        if (
            isinstance(send_time, bool)
            or not isinstance(send_time, int)
            or not now + 3600 <= send_time <= now + 365 * 86400
        ):
            raise SmsIrError(109)

    def _raise_forced(self, mobile: str) -> None:
        status = wait_if_slow(forced_status(mobile), self.slow_seconds)
        if status is not None and (status in MESSAGES or status == BROKEN_GATEWAY) and status != 1:
            raise SmsIrError(status)

    def _refuse_blacklisted(self, mobiles: list[str]) -> None:
        if any(mobile[-10:] in self.blacklist for mobile in mobiles):
            raise SmsIrError(115)

    def _record(self, **fields) -> int:
        with self._lock:
            message_id = next(self._ids)
            self.sent.append({**fields, "messageId": message_id})
            self._sent_at[message_id] = int(time.time())
        return message_id
