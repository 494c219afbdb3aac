"""End to end on a real Celery worker: service → commit → on_commit → broker → worker → row sent.

The worker is another process, so it only sees committed rows, while a normal `db` test never
commits. `transaction=True` tests would commit, but they end by flushing every table, which would
delete the session's markets (alpha, beta). So the message is created in a thread of its own: a
thread gets its own database connection in autocommit mode, the service's transaction really
commits, and its on_commit hook really queues the task. The test's own connection (READ COMMITTED)
then sees what the worker wrote. The committed row is deleted at the end the same way.
"""

import threading
import time

import pytest

from asoud.sms.models import SmsMessage
from asoud.sms.services import sms_send_otp


def in_own_connection(function):
    """Run `function` in a thread with its own (autocommit) database connection; return its result."""
    outcome = {}

    def run():
        from django.db import connection

        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the test below
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.mark.django_db
def test_otp_is_delivered_by_a_real_worker(celery_worker_process):
    message = in_own_connection(lambda: sms_send_otp(to="09121234567", code="246810"))
    try:
        deadline = time.monotonic() + 30
        row = SmsMessage.objects.get(pk=message.pk)
        while row.status != SmsMessage.Status.SENT and time.monotonic() < deadline:
            time.sleep(0.2)
            row = SmsMessage.objects.get(pk=message.pk)
        assert row.status == SmsMessage.Status.SENT
        assert row.provider == "outbox"  # the worker runs the test settings: outbox only
        assert row.attempts == 1
        assert row.sent_at is not None
    finally:
        in_own_connection(lambda: SmsMessage.objects.filter(pk=message.pk).delete())
