"""GET /healthz: the database and, when configured, Redis; says which part is down.

Without the database nothing works: 503. Without Redis the app still takes plans (they wait, saved, for the
broker to return): 200 with status "degraded", so a load balancer keeps the web process in service.
"""

from __future__ import annotations

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse


def healthz(_request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any driver error means unhealthy
        checks["database"] = f"failed: {type(exc).__name__}"
    if settings.REDIS_URL:
        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1).ping()
            checks["redis"] = "ok"
        except Exception as exc:
            checks["redis"] = f"failed: {type(exc).__name__} (plans are saved and computed when it returns)"
    else:
        checks["redis"] = "not configured (tasks run in-process)"
    if checks["database"] != "ok":
        return JsonResponse({"status": "unhealthy", **checks}, status=503)
    status = "degraded" if checks["redis"].startswith("failed") else "ok"
    return JsonResponse({"status": status, **checks}, status=200)
