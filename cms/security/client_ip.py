"""The visitor's address, for rate limits and login lockout.

Behind the TLS proxy the README requires, REMOTE_ADDR is the proxy: every resident would share one
limit. With TRUSTED_PROXY_COUNT = N (the number of proxies in front of gunicorn that append to
X-Forwarded-For), the address is the N-th entry from the right: the one the outermost trusted proxy
saw. Entries further left were sent by the client and are never trusted (they can be forged). This is
Django REST framework's NUM_PROXIES rule; django-ipware's proxy_count reads the header differently
(left-most by default, and None when a single proxy adds the only entry), so it is not used.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    candidate = forwarded[-min(count, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def axes_client_ip(request):
    """django-axes' AXES_CLIENT_IP_CALLABLE (it passes the request)."""
    return client_ip(request)
