"""Where browsers send Content-Security-Policy violation reports: logged, never stored."""

import json
import logging

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("asoud.csp")

_MAX_BODY = 16 * 1024
_FIELDS = ("document-uri", "violated-directive", "effective-directive", "blocked-uri", "source-file", "line-number")


@csrf_exempt
@require_POST
def csp_report(request):
    """`report-uri` (application/csp-report) and Reporting API (application/reports+json) bodies."""
    body = request.body[:_MAX_BODY]
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        return HttpResponse(status=400)
    reports = payload if isinstance(payload, list) else [payload]
    for report in reports[:20]:
        if not isinstance(report, dict):
            continue
        detail = report.get("csp-report") or report.get("body") or {}
        if isinstance(detail, dict):
            found = {key: str(detail.get(key) or detail.get(_camel(key)) or "")[:300] for key in _FIELDS}
            logger.warning("CSP violation on %s", request.get_host(), extra={"csp": found})
    return HttpResponse(status=204)


def _camel(key: str) -> str:
    head, *rest = key.split("-")
    return head + "".join(part.title() for part in rest).replace("Uri", "URL")
