"""A request id on every request: the client's own `X-Request-ID` when it is a sane token, else a new one. It is
echoed in the response header, put in every API error body, and is what a client quotes in a bug report."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
SANE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def request_id(request: HttpRequest) -> str:
    """This request's id, made on first use (a guard middleware may answer before RequestIdMiddleware runs)."""
    given = getattr(request, "request_id", None)
    if given is None:
        sent = request.headers.get(HEADER, "")
        given = sent if SANE.match(sent) else uuid.uuid4().hex
        request.request_id = given
    return given


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        ident = request_id(request)
        response = self.get_response(request)
        response.setdefault(HEADER, ident)
        return response
