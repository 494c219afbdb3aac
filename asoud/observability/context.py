"""Who and what the current log line, error or metric is about: set per request and per Celery task.

Context variables follow the code across threads (asgiref copies them) and asyncio tasks, so a log
line written deep inside a service still carries its request id, market schema and user.
"""

import re
import uuid
from contextvars import ContextVar

request_id: ContextVar[str | None] = ContextVar("asoud_request_id", default=None)
schema_name: ContextVar[str | None] = ContextVar("asoud_schema_name", default=None)
user_id: ContextVar[int | None] = ContextVar("asoud_user_id", default=None)
task_id: ContextVar[str | None] = ContextVar("asoud_task_id", default=None)

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def request_id_from(header: str | None) -> str:
    """The caller's X-Request-ID when it is a sane token (nginx's $request_id is), else a new one."""
    if header and _REQUEST_ID.match(header):
        return header
    return uuid.uuid4().hex


def current() -> dict:
    """The context as a dict of the values that are set."""
    values = {
        "request_id": request_id.get(),
        "schema": schema_name.get(),
        "user_id": user_id.get(),
        "task_id": task_id.get(),
    }
    return {key: value for key, value in values.items() if value is not None}
