"""Who is knocking: the client address that django-axes locks together with the username."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _is_trusted_proxy(address: str) -> bool:
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(peer in ipaddress.ip_network(proxy, strict=False)
               for proxy in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str | None:
    """The visitor's IP address (AXES_CLIENT_IP_CALLABLE).

    The socket's peer; when that peer is the trusted TLS proxy (settings.TRUSTED_PROXIES, set
    only with TRUST_X_FORWARDED_PROTO), the address the proxy saw: the last X-Forwarded-For
    entry, which nginx's `$proxy_add_x_forwarded_for` appends. Entries before it are whatever
    the client sent, so they are never believed.
    """
    peer = request.META.get("REMOTE_ADDR") or None
    if peer is None or not _is_trusted_proxy(peer):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    seen = forwarded[-1].strip()
    try:
        return str(ipaddress.ip_address(seen))
    except ValueError:
        return peer
