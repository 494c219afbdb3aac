"""Database connection plumbing: what the psycopg pool does to a connection it takes back."""


def pool_connection_reset(connection) -> None:
    """Run by the pool (in its own worker thread) on every connection returned to it.

    django-tenants issues `SET search_path` for the market of the request, and that setting outlives
    the request on a pooled connection. Django's wrapper forgets its cached search path when it hands
    the connection back (so the next borrower issues its own `SET`), but anything that borrowed the raw
    connection would read the last market's tables. Resetting here makes every connection leave the
    pool on the default path (public), off the request path.
    """
    connection.execute("RESET search_path")
