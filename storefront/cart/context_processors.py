from django.utils.functional import SimpleLazyObject

from storefront.catalog.http import request_tier

from .selectors import cart_get, cart_summary


def mini_cart(request) -> dict:
    """`mini_cart`: the visitor's cart summary for the header, computed only if a template uses it."""
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.is_public:
        return {}

    def summary():
        return cart_summary(cart=cart_get(user=request.user, session=request.session), tier=request_tier(request))

    return {"mini_cart": SimpleLazyObject(summary)}
