"""Who a request comes from, one answer for every limit: the plan throttle, django-axes' login lockout and
allauth's own rate limits. ``X-Forwarded-For`` counts only through ``TRUSTED_PROXIES`` proxies (DRF's
``NUM_PROXIES``): the address the last trusted proxy saw, else ``REMOTE_ADDR``. A forged header cannot pick
another client's address, and behind the compose file's nginx each client is itself, not the proxy."""

from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    return BaseThrottle().get_ident(request) or ""


def login_username(request: HttpRequest, credentials: Mapping[str, object] | None) -> str | None:
    """The account a sign-in tried, for axes' records: allauth authenticates with ``email``, its form posts
    ``login``, the admin posts ``username``."""
    for source in (credentials or {}, request.POST if request is not None else {}):
        for field in ("email", "login", "username"):
            value = source.get(field)
            if isinstance(value, str) and value:
                return value.strip().lower()
    return None
