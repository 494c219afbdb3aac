"""Base views: the market named in the path, conditional GET, caching headers, forms as validators."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from tenants.selectors import market_closed_reason, market_get_by_slug

from .problems import MarketClosed


class ApiView(APIView):
    """Every API view: private, revalidated responses that vary by token and language."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in ("POST", "PUT", "PATCH") and not isinstance(request.data, dict):
            # A JSON array or a bare value: every body of this API is an object.
            raise ValidationError(_("Send the request body as a JSON object."), code="not_an_object")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Authorization", "Accept-Language"])
        if request.method == "GET":
            patch_cache_control(response, private=True, no_cache=True)
        return response


class MarketView(ApiView):
    """Views under /api/v1/markets/{slug}/: the request runs in that market's schema.

    An unknown market answers 404, a closed one (draft to strangers, suspended, lapsed) 503, as the
    market's own host does. The public schema is restored when the request ends, whatever happens.
    """

    market_must_be_open = True

    def initial(self, request, *args, **kwargs):
        market = market_get_by_slug(kwargs.get("slug", ""))
        if market is None:
            raise NotFound
        if self.market_must_be_open:
            reason = market_closed_reason(market=market, user=request.user)
            if reason is not None:
                raise MarketClosed(reason)
        connection.set_tenant(market)
        request.tenant = request._request.tenant = market
        self.market = market
        super().initial(request, *args, **kwargs)

    def _context(self) -> dict:
        """Serializer context: absolute links (the request) and the market the answer is about."""
        return {"request": self.request, "market": self.market}

    def dispatch(self, request, *args, **kwargs):
        previous = getattr(connection, "tenant", None)
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            if previous is not None and previous.schema_name != connection.schema_name:
                connection.set_tenant(previous)
            elif previous is None:
                connection.set_schema_to_public()


class MarketListView(MarketView, generics.GenericAPIView):
    pass


class SignedIn:
    permission_classes = [IsAuthenticated]


def valid_form(form: forms.Form) -> dict:
    """The project's own form decides what is valid (one copy of each rule); its errors become a 400."""
    if not form.is_valid():
        raise ValidationError(dict(form.errors.as_data()))
    return form.cleaned_data
