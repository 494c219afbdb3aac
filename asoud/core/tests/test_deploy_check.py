"""The production settings pass Django's deployment checklist (`manage.py check --deploy`)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

# Addresses nothing listens on: the checks must pass without reaching a database or Redis.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "asoud.settings.production",
    "DATABASE_URL": "postgres://asoud:secret@127.0.0.1:9/asoud",
    "REDIS_URL": "redis://127.0.0.1:9/0",
    "ASOUD_BASE_DOMAIN": "example.com",
    "ASOUD_EMBEDDED_SERVICES": "0",
}


def run_deploy_check(**extra: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "AWS_"))}
    env.update(PRODUCTION_ENV, DJANGO_SECRET_KEY=secrets.token_urlsafe(64), **extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({}, id="media-on-a-volume"),
        pytest.param({"AWS_STORAGE_BUCKET_NAME": "asoud-media", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9"}, id="s3"),
    ],
)
def test_production_settings_pass_the_deployment_checklist(extra):
    result = run_deploy_check(**extra)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.skipif(
    (ROOT / ".env").exists() and "DJANGO_SECRET_KEY" in (ROOT / ".env").read_text(),
    reason="the local .env file provides a secret key",
)
def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
