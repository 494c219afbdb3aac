"""Errors, languages, pagination, ETag and the docs pages."""

import pytest

from .conftest import api_client

pytestmark = pytest.mark.django_db


def test_an_unknown_address_is_a_problem_document_never_html(api):
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["code"] == "not_found" and body["type"].endswith("/not_found")


def test_errors_speak_persian_by_default_and_english_on_request():
    persian = api_client(language="fa").post("/api/v1/auth/code/", {"phone": "12"}, format="json")
    english = api_client(language="en").post("/api/v1/auth/code/", {"phone": "12"}, format="json")
    assert persian.status_code == english.status_code == 400
    assert english.json()["errors"]["phone"] == ["Enter a valid Iranian mobile number, for example 0912 345 6789."]
    assert persian.json()["errors"]["phone"][0] != english.json()["errors"]["phone"][0]
    assert persian.json()["title"] != english.json()["title"]


def test_a_wrong_method_and_a_broken_body_are_problems(api):
    assert api.get("/api/v1/auth/code/").json()["status"] == 405
    broken = api.post("/api/v1/auth/code/", "{not json", content_type="application/json")
    assert broken.status_code == 400 and broken["Content-Type"] == "application/problem+json"
    listed = api.post("/api/v1/auth/code/", "[1, 2]", content_type="application/json")
    assert listed.status_code == 400 and listed.json()["code"] == "not_an_object"
    unsupported = api.post("/api/v1/auth/code/", "phone", content_type="text/plain")
    assert unsupported.status_code == 415 and unsupported["Content-Type"] == "application/problem+json"


def test_signed_out_requests_for_private_things_answer_401(api):
    response = api.get("/api/v1/me/")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    assert api.get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer junk").status_code == 401


def test_an_unknown_market_is_404(api):
    assert api.get("/api/v1/markets/nowhere/products/").status_code == 404


def test_a_suspended_market_is_503_and_comes_back(api, market_alpha):
    from tenants.models import Market

    Market.objects.filter(pk=market_alpha.pk).update(status=Market.Status.SUSPENDED)
    response = api.get("/api/v1/markets/alpha/products/")
    assert response.status_code == 503 and response["Retry-After"] == "3600"
    assert response.json()["code"] == "market_closed"
    Market.objects.filter(pk=market_alpha.pk).update(status=Market.Status.ACTIVE)
    assert api.get("/api/v1/markets/alpha/products/").status_code == 200


def test_get_answers_carry_an_etag_and_honour_if_none_match(api, market_alpha):
    first = api.get("/api/v1/markets/alpha/")
    assert first.status_code == 200 and first["ETag"]
    again = api.get("/api/v1/markets/alpha/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_schema_and_both_docs_pages_work_offline(api):
    schema = api.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/auth/token/" in paths and "/api/v1/markets/{slug}/orders/" in paths
    for operation in (op for item in paths.values() for op in item.values() if isinstance(op, dict)):
        assert operation.get("summary"), operation.get("operationId")
    for page in ("/api/v1/docs/", "/api/v1/redoc/"):
        html = api.get(page).content.decode()
        # Everything from this server (offline, CSP 'self'): no other host, no inline script or style.
        assert "/static/drf_spectacular_sidecar/" in html
        assert "https://" not in html and "<script>" not in html and "<style" not in html
    start_up = api.get("/api/v1/docs/?script=")
    assert start_up.status_code == 200 and "SwaggerUIBundle" in start_up.content.decode()
