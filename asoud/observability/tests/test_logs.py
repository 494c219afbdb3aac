"""Log lines carry the request id, the market's schema, the user and the Celery task id."""

import io
import json
import logging

import pytest
from django.test import Client

from asoud.accounts.models import User
from asoud.core.tasks import worker_heartbeat
from asoud.observability.logs import ContextFilter, JsonFormatter, TextFormatter, logging_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the production handler would print, for the loggers named: one JSON object per line."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    attached = []

    def capture(name: str, level=logging.INFO):
        logger = logging.getLogger(name)
        attached.append((logger, logger.level))
        logger.addHandler(handler)
        logger.setLevel(level)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    capture.lines = lines
    yield capture
    for logger, level in attached:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_a_request_log_line_has_the_request_id_market_schema_and_user(log_lines):
    log_lines("django.request")
    shopper = User.objects.create_user("09121112222")
    client = Client(HTTP_HOST="alpha.localhost")
    client.force_login(shopper)
    response = client.get("/p/no-such-product/", HTTP_X_REQUEST_ID="edge-req-42")
    assert response.status_code == 404

    (line,) = [entry for entry in log_lines.lines() if entry["logger"] == "django.request"]
    assert line["message"] == "Not Found: /p/no-such-product/"
    assert line["level"] == "WARNING"
    assert line["request_id"] == "edge-req-42"
    assert line["schema"] == "alpha"
    assert line["user_id"] == shopper.pk
    assert line["status_code"] == 404  # extras given by the caller are kept


def test_a_celery_task_log_line_has_the_task_id_and_schema(log_lines):
    log_lines("celery.app.trace")
    result = worker_heartbeat.apply()
    assert result.successful()
    (line,) = [entry for entry in log_lines.lines() if "succeeded" in entry["message"]]
    assert line["task_id"] == result.id
    assert line["schema"] == "public"
    assert "request_id" not in line


def test_log_format_switch_json_or_text():
    json_config = logging_config(log_format="json", level="INFO")
    text_config = logging_config(log_format="text", level="INFO")
    assert json_config["handlers"]["console"]["formatter"] == "json"
    assert text_config["handlers"]["console"]["formatter"] == "text"

    record = logging.LogRecord("asoud.test", logging.INFO, __file__, 1, "Order %s placed", ("1405-000123",), None)
    record.request_id, record.schema, record.user_id, record.task_id = "abc", "alpha", 7, None
    assert TextFormatter().format(record).endswith("[request_id=abc schema=alpha user_id=7] Order 1405-000123 placed")
    assert json.loads(JsonFormatter().format(record))["message"] == "Order 1405-000123 placed"
