from asoud.notifications.tests.live import live  # noqa: F401
