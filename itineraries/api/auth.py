"""API tokens: `Authorization: Token <key>` or `Bearer <key>`.

A request that carries an Authorization header the API cannot use is refused with a 401; it is never served as
anonymous, so a client with a misconfigured credential finds out at once.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header

KEYWORDS = (b"token", b"bearer")


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

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token from the admin (Auth Token > Tokens). Send `Authorization: Bearer <key>`; "
            "`Authorization: Token <key>` works too. A header with another scheme or an unknown key is a 401.",
        }
