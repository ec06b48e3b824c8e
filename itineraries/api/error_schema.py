"""The one error shape every API error answers with, and the responses and headers operations declare."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers


class FieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        help_text='the refused field: `days`, a list item `must[1]`, a header `Idempotency-Key`; "" for the body '
        "as a whole"
    )
    code = serializers.CharField(help_text="for programs: `required`, `max_value`, `unknown_place`, `invalid` ...")
    message = serializers.CharField(help_text="for people, in the request's language")


class ErrorSerializer(serializers.Serializer):
    """Every error (4xx and 5xx). The exception handler (itineraries.api.errors) builds it."""

    code = serializers.CharField(
        help_text="for programs: `invalid_request`, `not_authenticated`, `authentication_failed`, "
        "`permission_denied`, `not_found`, `method_not_allowed`, `not_done`, `idempotency_key_in_use`, "
        "`idempotency_key_reused`, `length_required`, `precondition_failed`, `payload_too_large`, "
        "`unsupported_media_type`, `throttled`, `server_error`"
    )
    message = serializers.CharField(help_text="what went wrong, for people; on a 400 it names every refused field")
    detail = serializers.CharField(help_text="the same as `message` (kept for clients of 1.6 and before)")
    errors = FieldErrorSerializer(many=True, help_text="every refused field at once; empty when no field is at fault")
    request_id = serializers.CharField(help_text="also in the X-Request-ID header: quote it when reporting a problem")
    changed = serializers.ListField(
        child=serializers.ChoiceField(choices=["version", "name", "notes"]),
        required=False,
        help_text="412 only: what changed since the ETag sent in If-Match",
    )
    latest_version = serializers.IntegerField(required=False, help_text="412 only: the trip's newest version")


DESCRIPTIONS = {
    400: "Bad input: `errors` lists every refused field (body, query or header) with its code and message.",
    401: "No usable credentials: sign in, or send `Authorization: Bearer <key>`. A header with another scheme "
    "or an unknown, revoked or expired key is refused here too, never served as anonymous.",
    403: "Signed in but not allowed (not the trip's owner), or a session request without its CSRF token.",
    404: "No such object, or a page past the last one.",
    409: "The itinerary is not done yet (queued, running or failed; poll it until `status` is done), or a request "
    "with the same Idempotency-Key is still being answered.",
    412: "Sent with `If-Match`, and the trip changed since that ETag was read: `changed` lists what changed "
    "(`version`, `name`, `notes`) and `latest_version` the trip's newest version. Read it again and re-apply.",
    413: "The request body is larger than the server accepts (2 MB by default).",
    415: "The body is not JSON: send `Content-Type: application/json`.",
    422: "This Idempotency-Key was already used with another body: send a new key for a new request.",
    429: "Too many plans submitted: wait the seconds in `Retry-After`.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS[code]) for code in codes}


def location(code: int, what: str) -> OpenApiParameter:
    return OpenApiParameter("Location", OpenApiTypes.URI, OpenApiParameter.HEADER, response=[code], description=what)


RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description="seconds to wait before submitting again",
)
RATE_LIMIT = [
    OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.HEADER, response=[202, 429], description=what)
    for name, what in (
        ("X-RateLimit-Limit", "submissions allowed per window"),
        ("X-RateLimit-Remaining", "submissions left in this window"),
        ("X-RateLimit-Reset", "seconds until the window starts again"),
    )
]
LOCATION = location(202, "the itinerary to poll")
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="the ETag of the version you read: the write is refused (412) if the trip changed since",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="the ETag you have: 304 without a body if it still holds",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 304],
    description="send it back in If-None-Match to revalidate (and in If-Match on a trip's writes)",
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: what you have (If-None-Match) is current; no body.")
CONDITIONAL_GET = [IF_NONE_MATCH, ETAG]
