"""Making and revoking a tourist's API tokens, for the API and the My trips page alike."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser

from itineraries.accounts.models import SHOWN_PREFIX, ApiToken, key_digest


def token_create(*, user: AbstractBaseUser, name: str, expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """The new token and its key; the key is not kept (only its digest), so this is the one time it is known."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name, expires_at=expires_at, prefix=key[:SHOWN_PREFIX], digest=key_digest(key)
    )
    return token, key


def token_revoke(*, user: AbstractBaseUser, token_id: int) -> bool:
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0
