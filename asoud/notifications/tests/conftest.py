from .live import live  # noqa: F401
