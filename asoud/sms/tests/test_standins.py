"""The stand-ins hold callers to each provider's documented protocol, so a backend that drifts from
it fails here, offline, instead of in production."""

import requests

from .conftest import KAVENEGAR_KEY, SMSIR_KEY, SMSIR_LINE, SMSIR_TEMPLATE

VERIFY = {"mobile": "09121234567", "templateId": SMSIR_TEMPLATE, "parameters": [{"name": "Code", "value": "1234"}]}
BULK = {"lineNumber": SMSIR_LINE, "messageText": "Hi", "mobiles": ["09121234567"], "sendDateTime": None}


def smsir_post(server, path: str, body, key: str = SMSIR_KEY) -> requests.Response:
    return requests.post(
        server.url + path, json=body, headers={"X-API-KEY": key, "Accept": "application/json"}, timeout=5
    )


def test_smsir_verify_success_envelope(smsir):
    response = smsir_post(smsir, "/v1/send/verify", VERIFY)
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["message"]) == (1, "موفق")
    assert set(body["data"]) == {"messageId", "cost"}


def test_smsir_bulk_success_envelope(smsir):
    body = smsir_post(smsir, "/v1/send/bulk", {**BULK, "mobiles": ["09121234567", "9121234568"]}).json()
    assert body["status"] == 1
    assert set(body["data"]) == {"packId", "messageIds", "cost"}
    assert len(body["data"]["messageIds"]) == 2


def test_smsir_requires_its_api_key_header(smsir):
    response = requests.post(smsir.url + "/v1/send/verify", json=VERIFY, timeout=5)
    assert response.status_code == 401
    assert response.json() == {"status": 10, "message": "کلید وب سرویس نامعتبر است", "data": None}


def test_smsir_only_takes_post_with_json(smsir):
    assert requests.get(smsir.url + "/v1/send/verify", headers={"X-API-KEY": SMSIR_KEY}, timeout=5).status_code == 405
    form = requests.post(smsir.url + "/v1/send/verify", data=VERIFY, headers={"X-API-KEY": SMSIR_KEY}, timeout=5)
    assert (form.status_code, form.json()["status"]) == (400, 16)
    assert requests.post(smsir.url + "/v1/send/nothing", json={}, timeout=5).status_code == 404


def test_smsir_checks_every_documented_field(smsir):
    cases = [
        ("/v1/send/verify", {**VERIFY, "mobile": "+989121234567"}, 104),
        ("/v1/send/verify", {**VERIFY, "templateId": "100200"}, 16),
        ("/v1/send/verify", {**VERIFY, "templateId": 999}, 113),
        ("/v1/send/verify", {**VERIFY, "parameters": [{"name": "", "value": "1"}]}, 116),
        ("/v1/send/verify", {**VERIFY, "parameters": [{"name": "Code", "value": "1" * 26}]}, 114),
        ("/v1/send/verify", {**VERIFY, "parameters": [{"name": "Other", "value": "1"}]}, 16),
        ("/v1/send/bulk", {**BULK, "lineNumber": 3000}, 101),
        ("/v1/send/bulk", {**BULK, "messageText": " "}, 103),
        ("/v1/send/bulk", {**BULK, "mobiles": []}, 107),
        ("/v1/send/bulk", {**BULK, "mobiles": ["09121234567"] * 101}, 105),
        ("/v1/send/bulk", {**BULK, "mobiles": ["0912123"]}, 104),
        ("/v1/send/bulk", {**BULK, "sendDateTime": 1}, 109),
    ]
    for path, body, status in cases:
        response = smsir_post(smsir, path, body)
        assert (response.status_code, response.json()["status"]) == (400, status), (path, body)
    assert smsir.app.sent == []


def test_smsir_forced_statuses_come_with_their_http_codes(smsir):
    for number, http_status, status in [("09990000011", 401, 11), ("09990000020", 429, 20), ("09990000000", 500, 0)]:
        response = smsir_post(smsir, "/v1/send/verify", {**VERIFY, "mobile": number})
        assert (response.status_code, response.json()["status"]) == (http_status, status)


def kavenegar_url(server, method: str, key: str = KAVENEGAR_KEY) -> str:
    return f"{server.url}/v1/{key}/{method}.json"


def test_kavenegar_lookup_by_get_or_post(kavenegar):
    fields = {"receptor": "09121234567", "token": "1234", "template": "asoud-otp"}
    for response in (
        requests.get(kavenegar_url(kavenegar, "verify/lookup"), params=fields, timeout=5),
        requests.post(kavenegar_url(kavenegar, "verify/lookup"), data=fields, timeout=5),
    ):
        assert response.status_code == 200
        body = response.json()
        assert body["return"] == {"status": 200, "message": "تایید شد"}
        assert set(body["entries"][0]) == {
            "messageid", "message", "status", "statustext", "sender", "receptor", "date", "cost"
        }  # fmt: skip
    assert len(kavenegar.app.sent) == 2


def test_kavenegar_checks_key_method_and_fields(kavenegar):
    lookup = {"receptor": "09121234567", "token": "1234", "template": "asoud-otp"}
    cases = [
        (kavenegar_url(kavenegar, "verify/lookup", key="wrong"), lookup, 403),
        (kavenegar_url(kavenegar, "verify/nothing"), lookup, 404),
        (kavenegar_url(kavenegar, "verify/lookup"), {"receptor": "09121234567", "token": "1"}, 400),
        (kavenegar_url(kavenegar, "verify/lookup"), {**lookup, "token": ""}, 406),
        (kavenegar_url(kavenegar, "verify/lookup"), {**lookup, "receptor": "0912"}, 411),
        (kavenegar_url(kavenegar, "verify/lookup"), {**lookup, "template": "nope"}, 424),
        (kavenegar_url(kavenegar, "verify/lookup"), {**lookup, "token": "12 34"}, 431),
        (kavenegar_url(kavenegar, "verify/lookup"), {**lookup, "token": "12_34"}, 431),
        (kavenegar_url(kavenegar, "verify/lookup"), {**lookup, "token": "abc", "type": "call"}, 428),
        (kavenegar_url(kavenegar, "sms/send"), {"receptor": "09121234567", "message": "x" * 901}, 413),
        (kavenegar_url(kavenegar, "sms/send"), {"receptor": ",".join(["09121234567"] * 201), "message": "x"}, 414),
        (kavenegar_url(kavenegar, "sms/send"), {"receptor": "09121234567", "message": "x", "sender": "1"}, 412),
    ]
    for url, fields, status in cases:
        response = requests.post(url, data=fields, timeout=5)
        assert response.status_code == status, (url, fields)
        assert response.json()["return"]["status"] == status
        assert response.json()["entries"] is None
    assert requests.put(kavenegar_url(kavenegar, "verify/lookup"), data=lookup, timeout=5).status_code == 405
    assert kavenegar.app.sent == []
