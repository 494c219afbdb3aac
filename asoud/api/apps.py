from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "asoud.api"
    label = "api"
    verbose_name = "REST API"
