"""Opening a market from the platform host: a short form with a live address check, then the new
market's dashboard, reached signed in through the sign-in handoff (sessions are per host)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_tenants.utils import schema_exists

from asoud.accounts import handoff
from asoud.core.context_processors import platform_url
from storefront.themes.registry import DEFAULT_THEME, THEMES
from tenants.models import Market
from tenants.services import market_create, market_domain_for, schema_name_for
from tenants.validators import validate_market_slug

AVAILABLE, TAKEN, INVALID = "available", "taken", "invalid"
SLUG_FIELD_ERRORS = {"taken", "length", "invalid", "reserved"}


@dataclass(frozen=True)
class SlugCheck:
    state: str  # AVAILABLE, TAKEN or INVALID
    slug: str
    reason: str = ""


def slug_normalize(value: str) -> str:
    return (value or "").strip().lower()


def market_slug_check(value: str) -> SlugCheck:
    """Whether `value` can be a new market's address, and why not (the rules of market_create)."""
    slug = slug_normalize(value)
    try:
        validate_market_slug(slug)
    except ValidationError as error:
        return SlugCheck(INVALID, slug, " ".join(error.messages))
    if Market.objects.filter(slug=slug).exists() or schema_exists(schema_name_for(slug)):
        return SlugCheck(TAKEN, slug, _("The address “%(slug)s” is already taken.") % {"slug": slug})
    return SlugCheck(AVAILABLE, slug)


class MarketOpenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Market name"), max_length=120)
    slug = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=30,
        help_text=gettext_lazy("3 to 30 lowercase English letters, digits and single hyphens."),
    )
    type = forms.ChoiceField(
        label=gettext_lazy("Kind of business"),
        choices=Market.Type.choices,
        initial=Market.Type.SHOP,
        widget=forms.RadioSelect,
    )
    theme = forms.ChoiceField(
        label=gettext_lazy("Theme"),
        choices=[(key, theme.name) for key, theme in THEMES.items()],
        initial=DEFAULT_THEME,
        widget=forms.RadioSelect,
    )

    def clean_slug(self) -> str:
        check = market_slug_check(self.cleaned_data["slug"])
        if check.state != AVAILABLE:
            raise ValidationError(check.reason, code=check.state)
        return check.slug


def market_url(request, slug: str, path: str) -> str:
    """`path` on the market's host, keeping this request's scheme and port."""
    scheme, rest = platform_url(request).split("://", 1)
    return f"{scheme}://{slug}.{rest}{path}"


@login_required
@require_http_methods(["GET", "POST"])
def market_new(request):
    form = MarketOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            market = market_create(
                name=data["name"],
                slug=data["slug"],
                owner=request.user,
                type=data["type"],
                status=Market.Status.ACTIVE,
                theme=data["theme"],
                is_listed=True,
            )
        except ValidationError as error:
            form.add_error("slug" if error.code in SLUG_FIELD_ERRORS else "name", error)
        except IntegrityError:  # someone took the address between the check and the insert
            form.add_error("slug", _("The address “%(slug)s” is already taken.") % {"slug": data["slug"]})
        else:
            token = handoff.token_issue(user=request.user, host=market_domain_for(market.slug))
            target = market_url(request, market.slug, "/dashboard/")
            return redirect(handoff.finish_url(target=target, params={"token": token}))
    return render(request, "core/market_new.html", _page_context(request, form))


def _page_context(request, form: MarketOpenForm, check: SlugCheck | None = None) -> dict:
    chosen = form["theme"].value() or DEFAULT_THEME
    return {
        "form": form,
        "check": check,
        "themes": [(key, theme.name, theme.colors, key == chosen) for key, theme in THEMES.items()],
        "host_suffix": platform_url(request).split("://", 1)[1],
    }


@login_required
@require_GET
@vary_on_headers("HX-Request")
def market_slug_availability(request):
    """The live address check: the `slug-status` partial for htmx, the whole page otherwise."""
    check = market_slug_check(request.GET.get("slug", ""))
    if request.htmx:
        return render(request, "core/market_new.html#slug-status", {"check": check})
    # Without JavaScript the "Check" button submits the whole form here: keep what was typed.
    form = MarketOpenForm(initial={**request.GET.dict(), "slug": check.slug})
    return render(request, "core/market_new.html", _page_context(request, form, check))
