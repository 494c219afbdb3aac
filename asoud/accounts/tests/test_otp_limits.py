"""Finding 6: a sign-in code is checked at most its limit of times, however many guesses arrive at
once, and the guess that locks the number says so."""

import random
import re
import threading
import time

import pytest
import requests

from asoud.accounts.models import LoginAttempt
from asoud.core.phone import normalize_mobile
from asoud.core.testing import english

from .test_login import confirm, request_code

pytestmark = pytest.mark.django_db


def _mobile() -> str:
    return f"0936{random.randint(0, 9_999_999):07d}"


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]


def test_forty_simultaneous_wrong_guesses_get_at_most_three_checks(live_server_url, settings):
    mobile = _mobile()
    browser = requests.Session()
    browser.cookies.set("asoud_language", "en")  # the visitor chose English (asoud.core.language)
    token = _csrf(browser, f"{live_server_url}/accounts/login/code/")
    # Every live-server test asks for codes from 127.0.0.1, whose per-address limit (10 a minute) other
    # tests may have used up just now: wait for the minute to pass rather than fail.
    deadline = time.monotonic() + 75
    while True:
        sent = browser.post(
            f"{live_server_url}/accounts/login/code/",
            {"phone": mobile, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=10,
        )
        if sent.status_code != 200 or time.monotonic() > deadline:
            break
        time.sleep(5)
    assert sent.status_code == 302 and "/accounts/login/code/confirm/" in sent.headers["Location"]
    token = _csrf(browser, f"{live_server_url}/accounts/login/code/confirm/")

    start = threading.Barrier(40)
    answers = []

    def guess(n: int) -> None:
        attacker = requests.Session()
        attacker.cookies.update(browser.cookies)
        start.wait()
        response = attacker.post(
            f"{live_server_url}/accounts/login/code/confirm/",
            {"code": f"{n:06d}", "action": "verify", "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=60,
        )
        answers.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(answers) == 40 and 500 not in answers
    checks = LoginAttempt.objects.filter(mobile=normalize_mobile(mobile), outcome="wrong_code").count()
    assert 1 <= checks <= settings.ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS


def test_the_failure_that_locks_the_number_shows_the_lock(visitor, new_mobile, settings):
    settings.OTP_LOCK_FAILURES = 4
    request_code(visitor, new_mobile)
    for wrong in ("000000", "000001"):
        assert "That code is not right" in confirm(visitor, wrong).text
    spent = confirm(visitor, "000002")
    assert "last try for this code" in english(visitor).get(spent["Location"]).text
    request_code(visitor, new_mobile)
    locking = confirm(visitor, "000003")  # the fourth failure in the window
    assert locking.status_code == 302
    page = english(visitor).get(locking["Location"])
    assert "Too many wrong codes for this number. Try again in 15 minutes." in page.text
    assert not page.context["user"].is_authenticated
