"""Request guards and response headers that apply to every page and API call."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from itineraries.api.error_body import error_body

CODES = {400: "unreadable", 411: "length_required", 413: "payload_too_large"}


def _refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(request, code=CODES[status], message=message), status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    return any("\x00" in value for values in request.GET.lists() for value in values[1])


def _cap(request: HttpRequest) -> int:
    """The body cap: editors' photos make the admin's larger."""
    return settings.MAX_ADMIN_REQUEST_BYTES if request.path.startswith("/admin/") else settings.MAX_REQUEST_BYTES


def _read_chunked(request: HttpRequest) -> HttpResponse | None:
    """A chunked body has no Content-Length, so Django would read it as empty (a PATCH "saved" nothing). Where
    the server has de-chunked it and marks its end (gunicorn: ``wsgi.input_terminated``) it is read here, up to
    the size cap, and given its length; a server that cannot mark the end gets a 411."""
    if not request.META.get("wsgi.input_terminated"):
        return _refuse(request, 411, "Send a Content-Length: this server does not read chunked bodies.")
    cap = _cap(request)
    body = request.META["wsgi.input"].read(cap + 1)
    if len(body) > cap:
        return _refuse(request, 413, f"The request body is larger than {cap} bytes.")
    request.META["CONTENT_LENGTH"] = str(len(body))
    request._stream = io.BytesIO(body)  # what Django reads the body from
    return None


class RequestGuardMiddleware:
    """Refuses what no view should see: bodies over the size cap (file parts included) and NUL characters
    in the path or the query (PostgreSQL cannot store them)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            refused = _read_chunked(request)
            if refused is not None:
                return refused
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refuse(request, 400, "The Content-Length header is not a number.")
        if length > _cap(request):
            return _refuse(request, 413, f"The request body is larger than {_cap(request)} bytes.")
        if _has_nul(request):
            return _refuse(request, 400, "The request contains a NUL character.")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """The app needs no camera, microphone, payment or sensor; geolocation only for itself."""

    POLICY = "camera=(), microphone=(), payment=(), usb=(), accelerometer=(), gyroscope=(), geolocation=(self)"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response
