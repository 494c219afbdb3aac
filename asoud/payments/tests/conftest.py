from .sandbox_server import sandbox_server, zarinpal  # noqa: F401
