"""HTTP helpers: the visitor's address behind trusted proxies, and safe `next` targets."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http.request import split_domain_port


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
