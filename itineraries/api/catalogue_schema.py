"""Typed shapes of the catalogue's JSON fields: a destination's opening hours and categories."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from itineraries.api.keyword_fields import KeywordFieldsMixin
from itineraries.catalogue.choices import INTERESTS
from itineraries.catalogue.hours import WEEKDAYS

MONTH_DAY = r"^\d\d-\d\d$"
TIME = r"^([01]\d|2[0-4]):[0-5]\d$"


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "enum": ["daily"]},
            {"type": "array", "items": {"type": "string", "enum": list(WEEKDAYS)}},
        ],
        "description": '"daily", or the weekdays the place opens in this season',
    }
)
class SeasonDaysField(serializers.JSONField):
    pass


class SeasonSerializer(KeywordFieldsMixin, serializers.Serializer):
    """One season of opening hours; seasons may wrap over the new year. A weekday not listed is closed."""

    from_ = serializers.RegexField(MONTH_DAY, required=False, help_text="first day, MM-DD; default 01-01")
    to = serializers.RegexField(MONTH_DAY, required=False, help_text="last day, MM-DD; default 12-31")
    days = SeasonDaysField(required=False)
    open = serializers.RegexField(TIME, required=False, help_text="HH:MM, Asia/Shanghai")
    close = serializers.RegexField(TIME, required=False, help_text="HH:MM, Asia/Shanghai")
    closed = serializers.BooleanField(required=False, help_text="closed for the whole season")


@extend_schema_field(SeasonSerializer(many=True, help_text="by season; empty when the place is always open"))
class OpeningHoursField(serializers.JSONField):
    pass


@extend_schema_field({"type": "array", "items": {"type": "string", "enum": list(INTERESTS)}})
class CategoriesField(serializers.JSONField):
    pass
