"""The catalogue's version, which keys every cached road network and travel matrix, and the in-process memo."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

VERSION_KEY = "catalogue:version"
T = TypeVar("T")
_memo: dict = {}
_memo_lock = threading.Lock()


def catalogue_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def catalogue_version_bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    with _memo_lock:
        _memo.clear()


def memoised(key: tuple, build: Callable[[], T]) -> T:
    with _memo_lock:
        if key in _memo:
            return _memo[key]
    value = build()
    with _memo_lock:
        _memo[key] = value
    return value
