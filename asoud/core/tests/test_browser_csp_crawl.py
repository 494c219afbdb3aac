"""Finding 10, crawled: from the platform's home, a storefront's home and the owner's dashboard, every
page a visitor reaches by following links on the same host (breadth first, up to LIMIT pages each)
loads in Chromium without a Content-Security-Policy violation, a script error or a server error."""

from urllib.parse import urlsplit

import pytest

from .test_browser_csp import WATCH, seeded  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

LIMIT = 30
# Links that end the visit or change state on a GET, downloads, and the development stand-ins
# (visited by test_browser_csp).
SKIPPED = ("logout", "/dev/", "/static/", "/media/", ".csv", "/export", "/api/v1/schema", "/set-language", "/i18n/")


def _crawl(browser, start: str, *, session: str | None) -> tuple[list[str], list[str]]:
    host = urlsplit(start).netloc
    context = browser.new_context(locale="fa-IR")
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": start}])
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}") if "Security Policy" in m.text else None)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: script error: {error}"))
    queue, seen = [start], []
    try:
        while queue and len(seen) < LIMIT:
            url = queue.pop(0)
            seen.append(url)
            response = page.goto(url, wait_until="domcontentloaded")
            if response is None or response.status >= 500:
                problems.append(f"{url}: answered {response.status if response else 'nothing'}")
                continue
            problems += [f"{url}: {violation}" for violation in page.evaluate("window.__csp || []")]
            for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"):
                parts = urlsplit(href)
                target = parts._replace(fragment="").geturl()
                if parts.netloc != host or parts.scheme not in ("http", "https"):
                    continue
                if any(part in parts.path for part in SKIPPED) or target in seen or target in queue:
                    continue
                queue.append(target)
    finally:
        context.close()
    return seen, problems


def test_every_page_a_crawler_reaches_keeps_the_policy(browser, live_server_url, seeded):  # noqa: F811
    market = live_server_url.replace("localhost", "alpha.localhost")
    visits = {
        "platform": _crawl(browser, live_server_url + "/", session=None),
        "storefront": _crawl(browser, market + "/", session=None),
        "dashboard": _crawl(browser, market + "/dashboard/", session=seeded["sessions"]["owner"]),
    }
    for name, (seen, _problems) in visits.items():
        assert len(seen) >= 5, (name, seen)  # the crawl really went somewhere
    assert [problem for _seen, problems in visits.values() for problem in problems] == []
