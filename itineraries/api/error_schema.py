"""The one error shape every API error answers with, and the responses that declare it per operation."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

MESSAGES = {"type": "array", "items": {"type": "string"}}


class ErrorSerializer(serializers.Serializer):
    """Documents the error body; the exception handler (itineraries.api.errors) builds it."""


class ErrorSchema(OpenApiSerializerExtension):
    target_class = ErrorSerializer

    def map_serializer(self, auto_schema, direction):
        return {
            "type": "object",
            "description": "Every error. A 400 for bad input also has one key per field it refuses, holding that "
            "field's messages; for a list field, an object of messages by the 0-based index of each bad item.",
            "properties": {
                "detail": {"type": "string", "description": "what went wrong, for people; names the fields"},
                "non_field_errors": {**MESSAGES, "description": "problems with the body as a whole"},
            },
            "required": ["detail"],
            "additionalProperties": {
                "oneOf": [MESSAGES, {"type": "object", "additionalProperties": MESSAGES}],
            },
        }


DESCRIPTIONS = {
    400: "Bad input: `detail` names every refused field, and each has its messages.",
    401: "No usable credentials: sign in, or send `Authorization: Bearer <key>`. A header with another scheme "
    "or an unknown key is refused here too, never served as anonymous.",
    403: "Signed in but not allowed (not the trip's owner), or a session request without its CSRF token.",
    404: "No such object, or a page past the last one.",
    409: "The itinerary is not done yet (queued, running or failed); poll it until `status` is done.",
    412: "Sent with `If-Match`, and the trip changed since that ETag was read: `changed` lists what changed "
    "(`version`, `name`, `notes`) and `latest_version` the trip's newest version. Read it again and re-apply.",
    413: "The request body is larger than the server accepts.",
    415: "The body is not JSON: send `Content-Type: application/json`.",
    429: "Too many plans submitted: wait the seconds in `Retry-After`.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS[code]) for code in codes}


RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description="seconds to wait before submitting again",
)
LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    OpenApiParameter.HEADER,
    response=[202],
    description="the itinerary to poll",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="the ETag of the version you read: the write is refused (412) if the trip changed since",
)
