"""One place where exceptions become HTTP answers: every API error is the body of itineraries.api.error_body."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import server_error as html_server_error
from rest_framework import status
from rest_framework.exceptions import APIException, NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from itineraries.api.error_body import error_body, field_errors, summary
from itineraries.trips.access import Role
from itineraries.trips.errors import InvalidRequest, NoSuchTrip, NotAllowed, StaleWrite, TripGone
from itineraries.trips.wording import refusals

SIGN_IN = "Sign in, or send an API token (Authorization: Bearer <key>), to do this."
INVALID_REQUEST = "invalid_request"


class NotDone(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "not_done"


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def _invalid(request, errors: list[dict[str, str]]) -> Response:
    body = error_body(request, code=INVALID_REQUEST, message=summary(errors), errors=errors)
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def _precondition_failed(request, exc: StaleWrite) -> Response:
    """A write whose If-Match no longer holds: what changed, and the version to read again."""
    message = f"The trip changed since you read it ({', '.join(exc.changed)}); read it again and re-apply your change."
    body = error_body(
        request,
        code="precondition_failed",
        message=message,
        changed=list(exc.changed),
        latest_version=exc.latest_version,
    )
    return Response(body, status=status.HTTP_412_PRECONDITION_FAILED)


def _code(exc: APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def api_exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    if isinstance(exc, SuspiciousOperation):
        exc = ValidationError("The request could not be read.", code="unreadable")
    if isinstance(exc, InvalidRequest):
        return _invalid(request, field_errors(refusals(exc)))
    if isinstance(exc, StaleWrite):
        return _precondition_failed(request, exc)
    if isinstance(exc, TripGone | NoSuchTrip | ObjectDoesNotExist):
        exc = Http404()  # a private trip is not admitted to exist
    if isinstance(exc, NotAllowed):
        exc = PermissionDenied(
            "Only the trip's owner may do this." if exc.need == Role.OWNER else "This trip is read-only for you."
        )
    if isinstance(exc, NotAuthenticated):
        signed = NotAuthenticated(SIGN_IN)
        signed.auth_header = getattr(exc, "auth_header", None)  # the view's WWW-Authenticate challenge
        exc = signed
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        return _invalid(request, field_errors(exc.detail)) if response.status_code == 400 else response
    if isinstance(exc, APIException):
        response.data = error_body(request, code=_code(exc), message=str(exc.detail))
    else:  # Django's Http404 and PermissionDenied, which DRF turned into its own
        response.data = error_body(request, code="not_found", message="Not found.")
        if response.status_code == status.HTTP_403_FORBIDDEN:
            response.data = error_body(request, code="permission_denied", message="You may not do this.")
    return response


def server_error(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Django's last resort (handler500): JSON under /api/, the plain error page elsewhere."""
    if request.path.startswith("/api/"):
        message = "Server error; the request was not completed."
        return JsonResponse(error_body(request, code="server_error", message=message), status=500)
    return html_server_error(request, *args, **kwargs)
