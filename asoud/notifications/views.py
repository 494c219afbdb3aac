from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from tenants.models import Domain

from .forms import PreferencesForm
from .selectors import access_notification, notification_list, notification_text, preference_matrix, recipient_language
from .services import notification_mark_all_read, notification_mark_read, preferences_update


@login_required
@vary_on_headers("HX-Request")
def centre(request):
    page = Paginator(notification_list(user=request.user), settings.NOTIFICATIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    language = translation.get_language()
    items = [(n, notification_text(notification=n, language=language)) for n in page.object_list]
    template = "notifications/centre.html#notification-list" if request.htmx else "notifications/centre.html"
    return render(request, template, {"page": page, "items": items})


@login_required
def open_notification(request, notification_id: int):
    """Mark it read and go where it points (only to our own hosts)."""
    notification = access_notification(user=request.user, notification_id=notification_id)
    notification_mark_read(notification=notification)
    url = notification.context.get("url") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts=_our_hosts(url), require_https=request.is_secure()):
        return redirect(url)
    return redirect("notifications:centre")


def _our_hosts(url: str) -> set[str]:
    host = urlsplit(url).hostname or ""
    base = settings.ASOUD_BASE_DOMAIN
    if host == base or host.endswith(f".{base}") or Domain.objects.filter(domain=host).exists():
        return {urlsplit(url).netloc}
    return set()


@require_POST
@login_required
def read_all(request):
    notification_mark_all_read(user_id=request.user.pk)
    if request.htmx:
        return centre(request)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:centre")


@login_required
def preferences(request):
    matrix = preference_matrix(user_id=request.user.pk)
    initial = {"language": recipient_language(user_id=request.user.pk)}
    form = PreferencesForm(request.POST or None, matrix=matrix, initial=initial)
    if request.method == "POST" and form.is_valid():
        preferences_update(user_id=request.user.pk, enabled=form.enabled(), language=form.cleaned_data["language"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "matrix": matrix})
