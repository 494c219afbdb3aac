import pytest
from django.core.cache import cache

from asoud.core.tasks import HEARTBEAT_KEY
from asoud.core.testing import in_language


@pytest.mark.django_db
def test_public_host_serves_the_platform_home(client, market_alpha):
    response = client.get("/markets/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "Alpha Shop" in response.text  # active markets are listed in the directory
    assert "market-template" not in response.text
    assert client.get("/", HTTP_HOST="localhost").status_code == 200


@pytest.mark.django_db
def test_market_host_serves_that_market(client, market_alpha):
    response = client.get("/", HTTP_HOST="alpha.localhost")
    assert response.status_code == 200
    assert "Alpha Shop" in response.text
    assert response.context["market"].slug == "alpha"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("fa", "هیچ فروشگاهی"), ("en", "There is no shop at this address")],
)
def test_unknown_host_gets_a_friendly_translated_404(client, language, expected):
    response = in_language(client, language).get("/", HTTP_HOST="nobody-here.localhost")
    assert response.status_code == 404
    assert expected in response.text
    assert "nobody-here.localhost" in response.text


@pytest.mark.django_db
def test_template_schema_is_never_served(client):
    assert client.get("/", HTTP_HOST="market-template.localhost").status_code == 404


@pytest.mark.django_db
def test_unknown_path_on_a_market_gets_the_market_404(client, market_alpha):
    response = client.get("/no-such-page/", HTTP_HOST="alpha.localhost")
    assert response.status_code == 404
    assert "Alpha Shop" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["localhost", "alpha.localhost"])
def test_healthz_reports_database_and_redis(client, host):
    response = client.get("/healthz", HTTP_HOST=host)
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["redis"] == "ok"


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_down(client, settings):
    from asoud.core.redis import get_redis

    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    get_redis.cache_clear()
    try:
        response = client.get("/healthz", HTTP_HOST="localhost")
    finally:
        get_redis.cache_clear()
    assert response.status_code == 503
    assert response.json()["redis"].startswith("error")
    assert response.json()["failed"] == ["redis"]
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "html_dir", "text"),
    [("fa", 'dir="rtl"', "جستجو"), ("en", 'dir="ltr"', "Every Iranian shop, one search away")],
)
def test_both_languages_render(client, language, html_dir, text):
    client.cookies["asoud_language"] = language
    response = client.get("/", HTTP_HOST="localhost")
    assert html_dir in response.text
    assert text in response.text
    assert ("bootstrap.rtl.trim.css" if language == "fa" else "bootstrap.trim.css") in response.text


@pytest.mark.django_db(transaction=False)
def test_celery_task_runs_on_a_real_worker_in_the_market_schema(celery_worker_process, market_alpha):
    from django_tenants.utils import tenant_context

    from asoud.core.tasks import worker_heartbeat

    with tenant_context(market_alpha):
        cache.delete(HEARTBEAT_KEY)
        result = worker_heartbeat.delay()
        beat = result.get(timeout=30)
        assert beat["schema"] == "alpha"
        assert cache.get(HEARTBEAT_KEY)["schema"] == "alpha"


@pytest.mark.django_db
def test_host_lookups_are_cached_and_cleared(settings, market_alpha, django_assert_num_queries):
    from tenants.selectors import market_for_host, market_host_cache_clear

    settings.ASOUD_HOST_CACHE_SECONDS = 30
    market_host_cache_clear(market_alpha)
    assert market_for_host("alpha.localhost") == market_alpha
    with django_assert_num_queries(0):
        assert market_for_host("alpha.localhost").slug == "alpha"
    market_host_cache_clear(market_alpha)
    with django_assert_num_queries(1):
        market_for_host("alpha.localhost")
    market_host_cache_clear(market_alpha)
