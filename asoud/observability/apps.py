from django.apps import AppConfig


class ObservabilityConfig(AppConfig):
    name = "asoud.observability"
    label = "observability"
    verbose_name = "Observability"

    def ready(self):
        # Imported here: ready() is Django's hook for start-up work once every app's models are loaded.
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created

        from . import celery_signals, metrics, middleware

        connection_created.connect(metrics.db_timing_install, dispatch_uid="asoud-db-timing")
        request_finished.connect(middleware.context_clear, dispatch_uid="asoud-context-clear")
        celery_signals.connect()
