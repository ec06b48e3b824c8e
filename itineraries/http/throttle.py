"""Rate limits for plan submissions, shared by the API and the web pages.

Fixed-window counters incremented atomically in the cache (Redis in production), so concurrent requests
cannot overshoot the limit. The client is the signed-in user, else its address (http/client.py, the same one
the login lockout counts). When the cache cannot be reached the request is let through: a broken counter must
not stop tourists from planning.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from itineraries.http.client import client_address

log = logging.getLogger(__name__)
PLAN_SUBMIT = "plan_submit"


def _client(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_address(request)}"


@dataclass(frozen=True)
class Window:
    """Where a client stands in the current window: what the RateLimit headers say."""

    limit: int
    used: int
    reset: float  # seconds until the window closes

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(math.ceil(self.reset)),
        }


def throttle_count(request: HttpRequest, *, scope: str = PLAN_SUBMIT) -> Window | None:
    """Count this request in its window; None when the scope has no limit or the counter is unavailable."""
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
    if not rate:
        return None
    allowed, period = SimpleRateThrottle.parse_rate(None, rate)
    now = time.time()
    window = int(now // period)
    key = f"throttle:{scope}:{_client(request)}:{window}"
    try:
        cache.add(key, 0, timeout=period + 1)
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr: this request opens the window again
        count = 1
        try:
            cache.set(key, 1, timeout=period + 1)
        except Exception:
            log.warning("throttle counter unavailable; request allowed", exc_info=True)
    except Exception:
        log.warning("throttle counter unavailable; request allowed", exc_info=True)
        return None
    return Window(limit=allowed, used=count, reset=(window + 1) * period - now)


def throttle_wait(request: HttpRequest, *, scope: str = PLAN_SUBMIT) -> float | None:
    """Count this request; None if it may go ahead, else the seconds until the client may try again."""
    window = throttle_count(request, scope=scope)
    if window is None or window.used <= window.limit:
        return None
    return window.reset


class PlanSubmitThrottle(BaseThrottle):
    """Also leaves the client's window on the request, for the X-RateLimit headers of the answer."""

    scope = PLAN_SUBMIT

    def allow_request(self, request, view) -> bool:
        window = throttle_count(request, scope=self.scope)
        request.rate_limit = window
        self._wait = None if window is None or window.used <= window.limit else window.reset
        return self._wait is None

    def wait(self) -> float | None:
        return self._wait
