"""Signal receivers: only hand over to services (no logic of their own)."""

from .services import cart_merge


def cart_merge_on_login(sender, request, user, **kwargs) -> None:
    """A visitor who filled a cart before signing in on a market keeps it (django's login keeps the
    session's data when it rotates the key)."""
    tenant = getattr(request, "tenant", None) if request is not None else None
    if tenant is None or tenant.is_public or not hasattr(request, "session"):
        return
    cart_merge(user=user, session=request.session)
