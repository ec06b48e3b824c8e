"""API reads by token or share link skip the middleware that only browsers need.

A GET or HEAD under /api/ that names its caller by an Authorization header or a ``share`` parameter, and sends
no session cookie, has no session to load, no signed-in user to find from it and no flash messages to show. The
session, authentication and message middleware let such a request pass straight on; everything else (security
headers, CSP, CORS, CSRF, the language from Accept-Language, throttling) runs as for any request. A request with
a session cookie, or any write, takes the whole stack, so cookie clients keep their session and CSRF checks.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import middleware as auth
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

READS = ("GET", "HEAD")
FLAG = "_stateless_api_read"


def stateless_api_read(request: HttpRequest) -> bool:
    """Whether this request is an API read by token or share link without a session cookie (decided once)."""
    known = getattr(request, FLAG, None)
    if known is None:
        known = (
            request.method in READS
            and request.path.startswith("/api/")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and ("HTTP_AUTHORIZATION" in request.META or "share" in request.GET)
        )
        setattr(request, FLAG, known)
    return known


class SessionMiddleware(sessions.SessionMiddleware):
    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not stateless_api_read(request):
            return super().__call__(request)
        response = self.get_response(request)
        # The answer may differ for a client that sends a session cookie (it takes the whole stack).
        patch_vary_headers(response, ("Cookie",))
        return response


class AuthenticationMiddleware(auth.AuthenticationMiddleware):
    """Skipped: DRF's token authentication finds the user, and without a session there is no session user."""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request) if stateless_api_read(request) else super().__call__(request)


class MessageMiddleware(messages.MessageMiddleware):
    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request) if stateless_api_read(request) else super().__call__(request)
