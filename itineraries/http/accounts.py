"""allauth's adapter: the client address its rate limits count is the one every other limit counts."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from itineraries.http.client import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        return client_address(request) or super().get_client_ip(request)
