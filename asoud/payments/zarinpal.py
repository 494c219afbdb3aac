"""Zarinpal payment gateway client, REST API v4 (https://www.zarinpal.com/docs/paymentGateway/).

What the published API says (looked up in Zarinpal's docs: connectToGateway, verify, other
(unVerified) and errorList pages, and cross-checked with open-source clients):

Every call is `POST` with a JSON body (`Content-Type` and `Accept: application/json`) and answers
with the envelope `{"data": {...}, "errors": [...]}`. On success `errors` is an empty list and
`data.code` is 100 (or 101). On failure the HTTP status is 4xx (clients see 400/422), `data` is an
empty list and `errors` is an object `{"code": -9, "message": "...", "validations": [{field: text}]}`
(a few answers put that object in a list; both shapes are accepted here).

- `{base}/pg/v4/payment/request.json`
  in:  merchant_id (36 characters), amount (integer; Rials unless currency says otherwise),
       currency ("IRR" or "IRT", optional), description (required, at most 500 characters),
       callback_url (required), metadata {mobile, email, order_id} (all optional)
  out: data {code: 100, message: "Success", authority: "A000…" (36 characters), fee_type, fee}
- The shopper pays at `{base}/pg/StartPay/{authority}`; Zarinpal then sends them to
  `callback_url?Authority=<authority>&Status=OK` (paid) or `…&Status=NOK` (cancelled / failed).
- `{base}/pg/v4/payment/verify.json`
  in:  merchant_id, amount (must equal the paid amount, taken from our database), authority
  out: data {code: 100, message: "Paid"/"Verified", ref_id, card_pan ("502229******5995"),
       card_hash (SHA-256 of the card number), fee_type ("Merchant"/"Payer"), fee}
       code 101 means "already verified": the same data, the money is ours, nothing new happened.
- `{base}/pg/v4/payment/unVerified.json`
  in:  merchant_id
  out: data {code: 100, message, authorities: [{authority, amount, callback_url, referer,
       date "YYYY-MM-DD HH:MM:SS"}]} — at most the last 100 paid but not verified payments.
       (The docs show `code` as the string "100"; it is read as a number here.)

Error codes (errorList): -9 validation, -10 merchant code or IP not valid, -11 merchant not active,
-12 too many attempts, -13 terminal limit reached, -14 callback domain mismatch, -15 suspended,
-16/-17 user level, -30…-39 shared settlement ("wages") problems, -40 bad extra params,
-41 above the maximum amount (100,000,000 Toman), -50 amount differs from the paid amount,
-51 payment not successful, -52 unexpected error, -53 authority belongs to another merchant,
-54 invalid authority, -55 manual payment request not found, -60…-63 reversal errors.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.utils.translation import gettext, gettext_lazy

logger = logging.getLogger(__name__)

CODE_SUCCESS = 100
CODE_ALREADY_VERIFIED = 101

CODE_MESSAGES = {
    -9: gettext_lazy("The payment request was not valid (the gateway refused its details)."),
    -10: gettext_lazy("The payment gateway did not accept the merchant code or the server's address."),
    -11: gettext_lazy("The merchant account is not active at the payment gateway."),
    -12: gettext_lazy("Too many attempts in a short time. Please try again in a few minutes."),
    -13: gettext_lazy("The merchant's transaction limit at the payment gateway has been reached."),
    -14: gettext_lazy("The return address does not match the domain registered with the payment gateway."),
    -15: gettext_lazy("The merchant's payment gateway is suspended."),
    -16: gettext_lazy("The merchant's verification level at the payment gateway is too low."),
    -17: gettext_lazy("The merchant's account is restricted at the payment gateway."),
    -30: gettext_lazy("The payment gateway does not allow shared settlement for this merchant."),
    -31: gettext_lazy("Shared settlement needs a default bank account in the gateway panel."),
    -32: gettext_lazy("The shared settlement is larger than the amount."),
    -33: gettext_lazy("The shared settlement percentages are not valid."),
    -34: gettext_lazy("The fixed shared settlement is larger than the amount."),
    -35: gettext_lazy("Too many recipients for the shared settlement."),
    -36: gettext_lazy("The smallest amount for shared settlement is 10,000 Rials."),
    -37: gettext_lazy("A bank account (IBAN) of the shared settlement is inactive."),
    -38: gettext_lazy("A bank account (IBAN) of the shared settlement is not registered correctly."),
    -39: gettext_lazy("The shared settlement failed at the payment gateway."),
    -40: gettext_lazy("The payment request had invalid extra parameters."),
    -41: gettext_lazy("The amount is above the payment gateway's maximum of 100,000,000 Toman."),
    -50: gettext_lazy("The paid amount does not match the amount due."),
    -51: gettext_lazy("The payment was not completed."),
    -52: gettext_lazy("An unexpected error happened at the payment gateway."),
    -53: gettext_lazy("This payment does not belong to our merchant account."),
    -54: gettext_lazy("The payment reference (authority) is not valid."),
    -55: gettext_lazy("The payment was not found at the payment gateway."),
    -60: gettext_lazy("The payment cannot be reversed with the bank."),
    -61: gettext_lazy("The payment is not successful or was already reversed."),
    -62: gettext_lazy("The merchant's IP restriction must be active to reverse payments."),
    -63: gettext_lazy("The time to reverse this payment has passed."),
    CODE_SUCCESS: gettext_lazy("The payment was successful."),
    CODE_ALREADY_VERIFIED: gettext_lazy("The payment was already verified."),
}


def zarinpal_message(code: int | None) -> str:
    """A translated, human sentence for a Zarinpal result code (None: the gateway could not be reached)."""
    if code is None:
        return gettext("The payment gateway could not be reached. Please try again in a few minutes.")
    message = CODE_MESSAGES.get(code)
    if message is None:
        return gettext("The payment gateway refused the payment (code %(code)s).") % {"code": code}
    return str(message)


class ZarinpalError(Exception):
    """The gateway answered with a negative code (or could not be reached: `code` is None)."""

    def __init__(self, code: int | None, gateway_message: str = "", response: dict | None = None):
        self.code = code
        self.gateway_message = gateway_message
        self.response = response or {}
        super().__init__(f"Zarinpal {code}: {gateway_message}")

    @property
    def message(self) -> str:
        return zarinpal_message(self.code)


class ZarinpalUnavailable(ZarinpalError):
    """Network failure, timeout, 5xx or an answer that is not the documented JSON."""

    def __init__(self, reason: str, response: dict | None = None):
        super().__init__(None, reason, response)


@dataclass(frozen=True)
class PaymentRequestResult:
    authority: str
    fee_type: str
    fee: int
    raw: dict = field(repr=False)


@dataclass(frozen=True)
class VerifyResult:
    code: int
    ref_id: str
    card_pan: str
    card_hash: str
    fee_type: str
    fee: int
    raw: dict = field(repr=False)

    @property
    def already_verified(self) -> bool:
        return self.code == CODE_ALREADY_VERIFIED


@dataclass(frozen=True)
class UnverifiedPayment:
    authority: str
    amount: int
    callback_url: str
    referer: str
    date: str


class ZarinpalClient:
    """The three v4 calls plus the StartPay address. Settings are read when the client is made."""

    def __init__(self, *, base_url: str | None = None, merchant_id: str | None = None, timeout: float | None = None):
        self.base_url = (base_url or settings.ZARINPAL_BASE_URL).rstrip("/")
        self.merchant_id = merchant_id if merchant_id is not None else settings.ZARINPAL_MERCHANT_ID
        self.timeout = timeout if timeout is not None else settings.ZARINPAL_TIMEOUT

    def request_body(
        self,
        *,
        amount: int,
        callback_url: str,
        description: str,
        mobile: str | None = None,
        email: str | None = None,
        order_id: str | None = None,
        currency: str = "IRR",
    ) -> dict:
        metadata = {
            key: value for key, value in (("mobile", mobile), ("email", email), ("order_id", order_id)) if value
        }
        body = {
            "merchant_id": self.merchant_id,
            "amount": int(amount),
            "currency": currency,
            "callback_url": callback_url,
            "description": description[:500],
        }
        if metadata:
            body["metadata"] = metadata
        return body

    def request_payment(
        self,
        *,
        amount: int,
        callback_url: str,
        description: str,
        mobile: str | None = None,
        email: str | None = None,
        order_id: str | None = None,
        currency: str = "IRR",
    ) -> PaymentRequestResult:
        """Open a payment and get its authority; raises ZarinpalError."""
        body = self.request_body(
            amount=amount,
            callback_url=callback_url,
            description=description,
            mobile=mobile,
            email=email,
            order_id=order_id,
            currency=currency,
        )
        data = self._post("request.json", body)
        authority = str(data.get("authority") or "")
        if not authority:
            raise ZarinpalUnavailable("no authority in the answer", {"data": data})
        return PaymentRequestResult(
            authority=authority, fee_type=str(data.get("fee_type") or ""), fee=_int(data.get("fee")), raw=data
        )

    def start_pay_url(self, authority: str) -> str:
        return f"{self.base_url}/pg/StartPay/{authority}"

    def verify(self, *, amount: int, authority: str) -> VerifyResult:
        """Confirm a payment: code 100 (verified now) or 101 (verified before). Raises ZarinpalError."""
        data = self._post(
            "verify.json", {"merchant_id": self.merchant_id, "amount": int(amount), "authority": authority}
        )
        return VerifyResult(
            code=_int(data.get("code")),
            ref_id=str(data.get("ref_id") or ""),
            card_pan=str(data.get("card_pan") or ""),
            card_hash=str(data.get("card_hash") or ""),
            fee_type=str(data.get("fee_type") or ""),
            fee=_int(data.get("fee")),
            raw=data,
        )

    def inquiry(self, *, authority: str) -> str:
        """Where a payment stands at the gateway: "IN_BANK" (the payer is still on the payment page),
        "PAID", "VERIFIED", "FAILED" or "REVERSED". Raises ZarinpalError."""
        data = self._post("inquiry.json", {"merchant_id": self.merchant_id, "authority": authority})
        return str(data.get("status") or "").upper()

    def unverified(self) -> list[UnverifiedPayment]:
        """Payments the shopper completed but nobody verified yet (the last 100 at most)."""
        data = self._post("unVerified.json", {"merchant_id": self.merchant_id})
        return [
            UnverifiedPayment(
                authority=str(item.get("authority") or ""),
                amount=_int(item.get("amount")),
                callback_url=str(item.get("callback_url") or ""),
                referer=str(item.get("referer") or ""),
                date=str(item.get("date") or ""),
            )
            for item in data.get("authorities") or []
            if item.get("authority")
        ]

    def _post(self, method: str, body: dict) -> dict:
        url = f"{self.base_url}/pg/v4/payment/{method}"
        try:
            response = requests.post(
                url, json=body, headers={"Accept": "application/json"}, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as error:
            logger.warning("Zarinpal %s unreachable: %s", method, error)
            raise ZarinpalUnavailable(error.__class__.__name__) from error
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            # A proxy's error page, a maintenance page: keep what it said for whoever investigates.
            logger.warning(
                "Zarinpal %s answered HTTP %s with something that is not JSON: %r",
                method, response.status_code, response.text[:300],
            )  # fmt: skip
            raise ZarinpalUnavailable(f"HTTP {response.status_code}, not JSON")
        data = payload.get("data")
        code = _int(data.get("code")) if isinstance(data, dict) else 0
        if code in (CODE_SUCCESS, CODE_ALREADY_VERIFIED):
            return data
        error = _first_error(payload.get("errors"))
        if error is None:
            raise ZarinpalUnavailable(f"HTTP {response.status_code} without a result code", payload)
        logger.info("Zarinpal %s refused: %s %s", method, error.get("code"), error.get("message"))
        raise ZarinpalError(_int(error.get("code")), str(error.get("message") or ""), payload)


def _first_error(errors) -> dict | None:
    if isinstance(errors, list):
        errors = errors[0] if errors else None
    if isinstance(errors, dict) and "code" in errors:
        return errors
    return None


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
