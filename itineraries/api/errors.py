"""One place where exceptions become HTTP answers: every client error is JSON and names its field."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import server_error as html_server_error
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from itineraries.trips.errors import InvalidRequest


def api_exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": "The request body is too large."}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, SuspiciousOperation):
        return Response({"detail": "The request could not be read."}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, InvalidRequest):
        exc = ValidationError(exc.errors)
    if isinstance(exc, Http404):
        return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
    return exception_handler(exc, context)


def server_error(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Django's last resort (handler500): JSON under /api/, the plain error page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error; the request was not completed."}, status=500)
    return html_server_error(request, *args, **kwargs)
