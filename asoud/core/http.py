def client_ip(request) -> str | None:
    """The visitor's address; behind nginx the first X-Forwarded-For entry (nginx sets it)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None
