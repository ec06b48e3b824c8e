"""API tokens: `Authorization: Token <key>` or `Bearer <key>`.

A request that carries an Authorization header the API cannot use is refused with a 401; it is never served as
anonymous, so a client with a misconfigured credential finds out at once.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header

from itineraries.accounts.models import ApiToken, key_digest

KEYWORDS = (b"token", b"bearer")
USE_NOTED_EVERY = dt.timedelta(minutes=5)  # last_used_at is a hint, not a write on every request


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header:
            return None
        if header[0].lower() not in KEYWORDS:
            raise exceptions.AuthenticationFailed(
                "Unsupported Authorization scheme: send 'Token <key>' or 'Bearer <key>'."
            )
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("The Authorization header must be '<scheme> <key>', one key.")
        try:
            key = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed("The token contains characters a key never has.") from exc
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key):
        """A tourist's named token (stored as a digest), else a token made in the admin."""
        try:
            token = ApiToken.objects.select_related("user").get(digest=key_digest(key))
        except ApiToken.DoesNotExist:
            return super().authenticate_credentials(key)
        if token.expired():
            expired = _("This token has expired: make a new one under My trips > API tokens.")
            raise exceptions.AuthenticationFailed(expired)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > USE_NOTED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token you make under My trips > API tokens (or `POST /api/v1/tokens/`). "
            "Send `Authorization: Bearer <key>`; "
            "`Authorization: Token <key>` works too. A header with another scheme or an unknown key is a 401.",
        }
