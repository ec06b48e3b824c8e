"""The one body of every API error (4xx and 5xx), documented by itineraries.api.error_schema:

    {"code": "invalid_request", "message": "...", "detail": "...",
     "errors": [{"field": "days", "code": "max_value", "message": "..."}], "request_id": "..."}

`errors` lists every refused field at once, a list item by its index (`must[1]`, `days[0][2]`); `detail` repeats
`message` for clients written against 1.x before 1.7.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from itineraries.http.request_id import request_id

INVALID = "invalid"


def _path(prefix: str, key: object) -> str:
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
        return f"{prefix}[{key}]"
    if key == "non_field_errors":
        return prefix
    return f"{prefix}.{key}" if prefix else str(key)


def field_errors(detail: object, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's (or the trip domain's) nested messages into {field, code, message} items; a message
    without a field (the body as a whole) has the field ""."""
    if isinstance(detail, dict):
        return [item for key, inner in detail.items() for item in field_errors(inner, _path(prefix, key))]
    if isinstance(detail, list | tuple):
        return [item for inner in detail for item in field_errors(inner, prefix)]
    return [{"field": prefix, "code": str(getattr(detail, "code", None) or INVALID), "message": str(detail)}]


def summary(errors: list[dict[str, str]]) -> str:
    """One sentence for people that names every refused field."""
    return "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)


def error_body(
    request: HttpRequest | None, *, code: str, message: str, errors: list[dict[str, str]] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "detail": message,
        "errors": errors or [],
        "request_id": request_id(request) if request is not None else "",
        **extra,
    }
