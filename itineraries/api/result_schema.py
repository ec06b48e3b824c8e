"""Serializers that document the itinerary's stored request and result in the OpenAPI schema.

The result's schema is derived from its types (trips/trip_result.py) by djangorestframework-dataclasses, which
drf-spectacular reads; the request's is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rest_framework import serializers
from rest_framework_dataclasses.serializers import DataclassSerializer

from itineraries.api.keyword_fields import KeywordFieldsMixin
from itineraries.catalogue.choices import INTERESTS, MODES, PACES
from itineraries.trips import trip_result
from itineraries.trips.trip_result import ADVICE_CODES, Day, Leg, TripResult, dataclass_fields, doc

# The coded parts of a result as the wire says them (trips/wording.py writes them): the same components as
# before results carried codes, named after these classes.


@dataclass(frozen=True, kw_only=True)
class Problem:
    en: str
    zh: str


@dataclass(frozen=True, kw_only=True)
class DayProblem(Problem):
    slug: str | None = field(metadata=doc("the stop it concerns; null for the whole day", slug=True))


@dataclass(frozen=True, kw_only=True)
class MissingMust:
    slug: str = field(metadata=doc(slug=True))
    reason: str


@dataclass(frozen=True, kw_only=True)
class Advice:
    code: str = field(
        metadata=doc("; ".join(f"{code}: {why}" for code, why in ADVICE_CODES.items()), choices=tuple(ADVICE_CODES))
    )
    day: int | None = field(metadata=doc("1-based; null for advice about the whole trip"))
    en: str
    zh: str


WORDED: dict[type, type] = {
    trip_result.Problem: Problem,
    trip_result.DayProblem: DayProblem,
    trip_result.MissingMust: MissingMust,
    trip_result.Advice: Advice,
}


# Fields from a dataclass of trips/trip_result.py, with the words its field metadata gives. No docstring: it
# would be published as the description of every component.
class TypedSerializer(KeywordFieldsMixin, DataclassSerializer):
    @property
    def serializer_dataclass_field(self) -> type[serializers.Field]:
        return TypedSerializer  # nested results get the same words

    def get_default_field_names(self, declared_fields: Any) -> list[str]:
        return list(self.dataclass_definition.fields)  # in the dataclass's order, declared ones among them

    def create_field(self, field_name: str, extra_kwargs: dict[str, Any]) -> serializers.Field:
        meta = self.dataclass_definition.fields[field_name].metadata
        words: dict[str, Any] = {"help_text": meta["help"]} if meta.get("help") else {}
        # Absent on the wire only when the metadata says so; a default that only fills old rows is not that.
        words["required"] = not meta.get("optional")
        return super().create_field(field_name, {**words, **extra_kwargs})

    def build_dataclass_field(self, field_name: str, type_info: Any) -> tuple[type[serializers.Field], dict]:
        field_class, kwargs = super().build_dataclass_field(field_name, type_info)
        if kwargs.get("dataclass") in WORDED:  # a coded part: published as the wire says it
            kwargs["dataclass"] = WORDED[kwargs["dataclass"]]
        return field_class, kwargs

    def build_standard_field(self, field_name: str, type_info: Any) -> tuple[type[serializers.Field], dict]:
        meta = self.dataclass_definition.fields[field_name].metadata
        if meta.get("choices"):
            return serializers.ChoiceField, {"choices": list(meta["choices"])}
        if meta.get("slug"):
            return serializers.SlugField, {}
        return super().build_standard_field(field_name, type_info)


class LegSerializer(TypedSerializer):
    path = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2),
        help_text=dataclass_fields(Leg)["path"].metadata["help"],
    )

    class Meta:
        dataclass = Leg


class DaySerializer(TypedSerializer):
    legs = LegSerializer(many=True, help_text=dataclass_fields(Day)["legs"].metadata["help"])

    class Meta:
        dataclass = Day
        extra_kwargs = {"drive_cap_minutes": {"allow_null": False}}  # None only in old rows, never on the wire


class ResultSerializer(TypedSerializer):
    days = DaySerializer(many=True)

    class Meta:
        dataclass = TripResult
        ref_name = "Result"
        extra_kwargs = {"drive_cap_minutes": {"allow_null": False}}


class StoredRequestSerializer(serializers.Serializer):
    """The request as accepted: every default filled in."""

    start = serializers.SlugField()
    days = serializers.IntegerField()
    date = serializers.DateField()
    interests = serializers.ListField(child=serializers.ChoiceField(choices=INTERESTS))
    pace = serializers.ChoiceField(choices=PACES)
    mode = serializers.ChoiceField(choices=MODES)
    must = serializers.ListField(child=serializers.SlugField())
    avoid = serializers.ListField(child=serializers.SlugField())
    end = serializers.SlugField(allow_null=True)
    scenic = serializers.BooleanField()
    seed = serializers.IntegerField()
    route = serializers.SlugField(allow_null=True)
    max_drive_hours = serializers.FloatField(allow_null=True)
    rest_days = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="days spent at the night's base (when asked)"
    )
    keep_days = serializers.ListField(child=serializers.IntegerField(), help_text="a re-plan's locked days")
    previous = serializers.ListField(
        child=serializers.ListField(child=serializers.SlugField()), help_text="a re-plan's previous stops, per day"
    )
    previous_nights = serializers.ListField(
        child=serializers.SlugField(), help_text="where each day of the previous plan ended"
    )
