import os
import subprocess
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[3]


def test_sms_standin_command_serves_the_provider_api():
    process = subprocess.Popen(
        [sys.executable, "manage.py", "sms_standin", "kavenegar", "--port", "0"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "asoud.settings.test", "KAVENEGAR_API_KEY": "cli-key"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first_line = process.stdout.readline()
        assert first_line.startswith("kavenegar stand-in listening on http://127.0.0.1:")
        url = first_line.split()[-1]
        hint = process.stdout.readline()
        assert f"KAVENEGAR_BASE_URL={url}" in hint and "KAVENEGAR_API_KEY=cli-key" in hint

        fields = {"receptor": "09121234567", "token": "1234", "template": "asoud-otp"}
        response = requests.post(f"{url}/v1/cli-key/verify/lookup.json", data=fields, timeout=5)
        assert response.json()["return"]["status"] == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
