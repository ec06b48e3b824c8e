"""One place where exceptions become HTTP answers: every client error is JSON with a `detail` for people, and
a 400 also lists the messages of each field it names (see itineraries.api.error_schema)."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import server_error as html_server_error
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from itineraries.trips.errors import InvalidRequest, StaleWrite, TripGone

SIGN_IN = "Sign in, or send an API token (Authorization: Bearer <key>), to do this."


def _first_message(messages: object) -> str:
    if isinstance(messages, dict):
        index, inner = next(iter(messages.items()))
        return f"item {index}: {_first_message(inner)}"
    if isinstance(messages, list) and messages:
        return _first_message(messages[0])
    return str(messages)


def field_errors_body(errors: object) -> dict:
    """A validation error's body: the messages by field, and a `detail` that names each field."""
    if not isinstance(errors, dict):
        errors = {"non_field_errors": errors if isinstance(errors, list) else [errors]}
    summary = "; ".join(
        _first_message(messages) if field == "non_field_errors" else f"{field}: {_first_message(messages)}"
        for field, messages in errors.items()
    )
    return {"detail": summary, **errors}


def _precondition_failed(exc: StaleWrite) -> Response:
    """A write whose If-Match no longer holds: what changed, and the version to read again."""
    return Response(
        {
            "detail": f"The trip changed since you read it ({', '.join(exc.changed)}); read it again and re-apply "
            "your change.",
            "changed": list(exc.changed),
            "latest_version": exc.latest_version,
        },
        status=status.HTTP_412_PRECONDITION_FAILED,
    )


def api_exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": "The request body is too large."}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, SuspiciousOperation):
        return Response({"detail": "The request could not be read."}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, InvalidRequest):
        exc = ValidationError(exc.errors)
    if isinstance(exc, StaleWrite):
        return _precondition_failed(exc)
    if isinstance(exc, Http404 | TripGone | ObjectDoesNotExist):
        return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, NotAuthenticated):
        exc = NotAuthenticated(SIGN_IN)
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        response.data = field_errors_body(response.data)
    return response


def server_error(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Django's last resort (handler500): JSON under /api/, the plain error page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error; the request was not completed."}, status=500)
    return html_server_error(request, *args, **kwargs)
