from django.apps import AppConfig


class ObservabilityConfig(AppConfig):
    name = "asoud.observability"
    label = "observability"
    verbose_name = "Observability"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import celery_signals, metrics

        connection_created.connect(metrics.db_timing_install, dispatch_uid="asoud-db-timing")
        celery_signals.connect()
