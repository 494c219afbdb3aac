"""HTTP helpers: the visitor's address behind trusted proxies, and safe `next` targets."""

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme


@lru_cache(maxsize=8)
def _networks(cidrs: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in cidrs if cidr.strip())


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str | None:
    """The visitor's address.

    X-Forwarded-For is believed only when the connection comes from a configured proxy
    (ASOUD_TRUSTED_PROXIES); then the right-most address that is not one of our proxies is the
    visitor (entries to its left were written by the client and can be anything).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(getattr(settings, "ASOUD_TRUSTED_PROXIES", ())))
    if not _trusted(_address(remote), networks):
        return remote or None
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage in the chain: the proxy's own view of the peer is all we can trust
        if not _trusted(address, networks):
            return str(address)
    return remote or None


def public_port(request) -> int:
    """The port visitors reach this deployment on: the Host header's (nginx passes the visitor's
    Host), else the scheme's default. Never the ASGI server's own port behind a proxy."""
    _domain, port = split_domain_port(request.get_host())
    if port.isdigit():
        return int(port)
    return 443 if request.is_secure() else 80


def port_suffix(request) -> str:
    """ ":8000" when the deployment is served on a non-default port, else ""."""
    port = public_port(request)
    return "" if port == (443 if request.is_secure() else 80) else f":{port}"


def _own_hosts(request) -> set[str]:
    hosts = {request.get_host()}
    tenant = getattr(request, "tenant", None)
    if tenant is not None and hasattr(tenant, "domains"):
        suffix = port_suffix(request)
        hosts.update(f"{domain}{suffix}" for domain in tenant.domains.values_list("domain", flat=True))
    return hosts


def _answers_get(view) -> bool:
    """False for views behind require_POST / require_http_methods without GET (a redirect would 405)."""
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and code.co_qualname.startswith("require_http_methods."):
            cells = dict(zip(code.co_freevars, view.__closure__ or (), strict=False))
            allowed = cells.get("request_method_list")
            if allowed is not None and "GET" not in allowed.cell_contents:
                return False
        view = getattr(view, "__wrapped__", None)
    return True


def is_safe_next(request, url: str | None) -> bool:
    """Whether `url` is a place on this site a visitor may be sent to after an action.

    An absolute path, or an http(s) address on this host or one of this market's own domains
    (https only when this request is); a path of ours must answer GET (a POST-only view would 405).
    """
    if not url or not isinstance(url, str) or len(url) > 2000:
        return False
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=_own_hosts(request), require_https=request.is_secure()):
        return False
    parts = urlsplit(url)
    if not parts.netloc and not url.startswith("/"):
        return False  # "foo", "cart:detail": not an address (redirect() would look them up as views)
    try:
        match = resolve(parts.path or "/", urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return True  # an unknown path answers our own friendly 404: harmless
    return _answers_get(match.func)


def safe_next(request, url: str | None, *, fallback: str) -> str:
    """`url` if it is a safe place to send the visitor next, else `fallback` (never an error)."""
    return url if is_safe_next(request, url) else fallback
