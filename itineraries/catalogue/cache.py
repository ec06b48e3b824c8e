"""The catalogue's version, which keys every cached road network and travel matrix, and the in-process memo.

The version lives in the database (CatalogueVersion): a restart of the cache server cannot bring back a stale
catalogue. Each edit draws a new random token, so versions never repeat, even across a rolled-back test.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, transaction

from itineraries.catalogue.models import CatalogueVersion

T = TypeVar("T")
_memo: dict = {}
_memo_lock = threading.Lock()


def catalogue_version() -> str:
    token = CatalogueVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is not None:
        return token
    try:
        with transaction.atomic():
            return CatalogueVersion.objects.get_or_create(pk=1, defaults={"token": uuid.uuid4().hex})[0].token
    except IntegrityError:  # another process created it first
        return CatalogueVersion.objects.get(pk=1).token


def catalogue_version_bump() -> None:
    token = uuid.uuid4().hex
    if not CatalogueVersion.objects.filter(pk=1).update(token=token):
        CatalogueVersion.objects.update_or_create(pk=1, defaults={"token": token})
    with _memo_lock:
        _memo.clear()


def memoised(key: tuple, build: Callable[[], T], *, keep: int | None = None) -> T:
    """One value per key (kind, version, ...) in this process; a new version's value drops the older ones, and
    with ``keep`` at most that many values of the kind stay (the oldest go first)."""
    with _memo_lock:
        if key in _memo:
            return _memo[key]
    value = build()
    with _memo_lock:
        for stale in [k for k in _memo if k[0] == key[0] and k[1] != key[1]]:
            del _memo[stale]
        _memo[key] = value
        if keep is not None:
            for old in [k for k in _memo if k[0] == key[0]][:-keep]:
                del _memo[old]
    return value
