from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from asoud.accounts.second_factor import reauthentication_required
from asoud.core.http import client_ip, safe_next
from asoud.marketplace.links import market_url, product_path
from asoud.marketplace.selectors import listing_get, listings_for
from asoud.marketplace.services import market_host
from asoud.marketplace.views import search_context

from .charts import daily_chart_svg
from .forms import JoinForm, PageForm, WithdrawalForm
from .selectors import (
    access_link,
    link_get_by_code,
    link_list,
    marketer_for_user,
    marketer_get_by_handle,
    marketer_stats,
    page_links,
    referral_list,
    withdrawal_list,
)
from .services import (
    AffiliateError,
    click_record,
    click_token,
    link_create,
    link_delete,
    link_page_toggle,
    marketer_join,
    marketer_profile_update,
    withdrawal_request,
)


def marketer_required(view):
    """Signed-in marketers only; anyone else is sent to the join page."""

    @login_required
    def wrapped(request, *args, **kwargs):
        request.marketer = marketer_for_user(request.user)
        if request.marketer is None:
            return redirect("affiliates:join")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@login_required
@require_http_methods(["GET", "POST"])
def join(request):
    if marketer_for_user(request.user) is not None:
        return redirect("affiliates:dashboard")
    form = JoinForm(request.POST or None, initial={"bio": ""})
    if request.method == "POST" and form.is_valid():
        try:
            marketer_join(user=request.user, accept_terms=True, **{k: form.cleaned_data[k] for k in ("handle", "bio")})
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Welcome aboard! Pick products from the catalogue to get your links."))
            return redirect("affiliates:catalogue")
    profile = getattr(request.user, "profile", None)
    return render(request, "affiliates/join.html", {"form": form, "profile": profile})


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@marketer_required
@require_GET
def dashboard(request):
    marketer = request.marketer
    stats = marketer_stats(marketer=marketer)
    context = {
        "marketer": marketer,
        "stats": stats,
        "chart": daily_chart_svg(stats.days, title=_("Clicks and orders in the last 30 days")),
        "links": link_list(marketer=marketer),
        "referrals": referral_list(marketer=marketer)[:10],
        "withdrawals": withdrawal_list(marketer=marketer)[:10],
        "withdrawal_form": WithdrawalForm(),
    }
    return render(request, "affiliates/dashboard.html", context)


@marketer_required
@require_GET
@vary_on_headers("HX-Request")
def catalogue(request):
    """Products with an affiliate offer, across markets: full page or the `catalogue-results` partial."""
    context = search_context(request, affiliate_only=True)
    linked = {(link.market_id, link.product_id): link for link in request.marketer.links.all()}
    for listing in context["page"].object_list:
        listing.link = linked.get((listing.market_id, listing.product_id))
    template = "affiliates/catalogue.html#catalogue-results" if request.htmx else "affiliates/catalogue.html"
    return render(request, template, context)


@marketer_required
@require_POST
def link_add(request):
    listing = listing_get(listing_id=_int(request.POST.get("listing")))
    if listing is None:
        raise Http404
    try:
        link = link_create(marketer=request.marketer, listing=listing)
    except AffiliateError as error:
        messages.error(request, error.message)
    else:
        url = request.build_absolute_uri(reverse("affiliates:click", kwargs={"code": link.code}))
        messages.success(request, _("Your link for “%(title)s” is ready: %(url)s") % {"title": link.title, "url": url})
    return _back(request, reverse("affiliates:catalogue"))


@marketer_required
@require_POST
def link_toggle(request, link_id: int):
    link_page_toggle(link=access_link(request.marketer, link_id))
    return _back(request, reverse("affiliates:dashboard") + "#links")


@marketer_required
@require_POST
def link_remove(request, link_id: int):
    link_delete(link=access_link(request.marketer, link_id))
    messages.success(request, _("The link was removed."))
    return _back(request, reverse("affiliates:dashboard") + "#links")


def _back(request, fallback: str):
    return redirect(safe_next(request, request.POST.get("next"), fallback=fallback))


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@marketer_required
@require_http_methods(["GET", "POST"])
def page_edit(request):
    marketer = request.marketer
    form = PageForm(request.POST or None, request.FILES or None, initial={"bio": marketer.bio})
    if request.method == "POST" and form.is_valid():
        marketer_profile_update(
            marketer=marketer,
            bio=form.cleaned_data["bio"],
            avatar=form.cleaned_data["avatar"],
            avatar_remove=form.cleaned_data["avatar_remove"],
        )
        messages.success(request, _("Your page was updated."))
        return redirect("affiliates:page_edit")
    return render(request, "affiliates/page_edit.html", {"form": form, "marketer": marketer})


@marketer_required
@require_POST
@reauthentication_required
def withdraw(request):
    form = WithdrawalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the amount to withdraw in Toman."))
    else:
        try:
            withdrawal_request(marketer=request.marketer, amount=form.rials)
        except AffiliateError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your withdrawal request was received; staff pay it to your IBAN."))
    return redirect(reverse("affiliates:dashboard") + "#withdrawals")


@require_GET
@never_cache
def click(request, code: str):
    """A shared link: count the click, then send the visitor to the product on the market's own host."""
    link = link_get_by_code(code=code)
    if link is None or not link.market.is_active:
        raise Http404
    listing = listings_for([(link.market_id, link.product_id)]).get((link.market_id, link.product_id))
    outcome = click_record(
        link=link,
        ip=client_ip(request) or "",
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        user=request.user,
    )
    host = listing.market_host if listing else _market_host(link.market)
    path = product_path(listing.slug) if listing else "/"
    if outcome.click_id is None:
        return HttpResponseRedirect(market_url(request, host, path))
    landing = reverse("affiliates_market:land", urlconf="asoud.urls_tenant")
    query = urlencode({"t": click_token(outcome.click_id), "next": path})
    return HttpResponseRedirect(market_url(request, host, f"{landing}?{query}"))


def _market_host(market) -> str:
    return market_host(market)


@require_GET
def link_page(request, handle: str):
    """The page a marketer shares: their bio, avatar and picked products (each through their link)."""
    marketer = marketer_get_by_handle(handle=handle)
    return render(request, "affiliates/link_page.html", {"marketer": marketer, "links": page_links(marketer=marketer)})
