"""Safe retries (as Stripe's API has them): a create, re-plan or edit sent with an `Idempotency-Key` is done once.
The same key with the same body, within a day, answers what the first request answered, without a second trip;
the same key with another body is a 422; a retry while the first is still being answered is a 409.

Only successful answers are kept: an error leaves the key free, so a corrected request may reuse it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException, ErrorDetail, ValidationError
from rest_framework.response import Response

from itineraries.api.models import IdempotentAnswer
from itineraries.http.client import client_address

HEADER = "Idempotency-Key"
KEEP = dt.timedelta(hours=24)
REPLAYED = "Idempotent-Replayed"
KEPT_HEADERS = ("Location", "ETag")

IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    pattern=r"^[\x21-\x7e]{1,255}$",
    description="any unique string (a UUID): a retry with the same key and body within 24 h gets the first answer "
    f"again (with `{REPLAYED}: true`) and changes nothing; the same key with another body is a 422",
)


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"
    default_detail = f"This {HEADER} was used with another request body: send a new key for a new request."


class KeyInUse(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_key_in_use"
    default_detail = f"A request with this {HEADER} is still being answered: retry in a moment."


def _key(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not 1 <= len(key) <= 255 or not all("!" <= c <= "~" for c in key):
        message = "Send 1 to 255 visible ASCII characters, e.g. a UUID."
        raise ValidationError({HEADER: [ErrorDetail(message, code="invalid")]})
    return key


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _scope(request, view, kwargs) -> str:
    who = f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{client_address(request)}"
    return f"{who}:{view.action}:{kwargs.get('pk', '')}"[:120]


def _replay(record: IdempotentAnswer) -> Response:
    return Response(record.body, status=record.status, headers={**record.headers, REPLAYED: "true"})


def idempotent(handler):
    """Wraps a viewset's write so it honours Idempotency-Key."""

    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        key = _key(request)
        if key is None:
            return handler(view, request, *args, **kwargs)
        scope, fingerprint = _scope(request, view, kwargs), _fingerprint(request)
        IdempotentAnswer.objects.filter(scope=scope, created_at__lt=timezone.now() - KEEP).delete()
        try:
            with transaction.atomic():
                record = IdempotentAnswer.objects.create(scope=scope, key=key, fingerprint=fingerprint)
        except IntegrityError:
            record = IdempotentAnswer.objects.get(scope=scope, key=key)
            if record.fingerprint != fingerprint:
                raise KeyReused() from None
            if record.status == 0:
                raise KeyInUse() from None
            return _replay(record)
        try:
            response = handler(view, request, *args, **kwargs)
        except BaseException:
            record.delete()
            raise
        if not status.is_success(response.status_code):
            record.delete()
            return response
        record.status, record.body = response.status_code, response.data
        record.headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        record.save(update_fields=["status", "body", "headers"])
        return response

    return wrapper
