from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from itineraries import selectors
from itineraries.models import DESTINATION_FIELDS, Destination, Itinerary, ThemedRoute
from itineraries.planning import MAX_DAYS, MODES, MOVING_LIMITS, PACES, PlanRequest
from itineraries.scoring import INTERESTS


class DestinationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Destination
        fields = list(DESTINATION_FIELDS)


def _slugs(values: list[str], *, sights_only: bool) -> list[str]:
    """Used by field validators, so errors are plain messages that DRF files under the field's name."""
    _, places = selectors.network_current()
    for slug in values:
        place = places.get(slug)
        if place is None:
            raise serializers.ValidationError(f"unknown place {slug!r}")
        if sights_only and place.kind != Destination.Kind.SIGHT:
            raise serializers.ValidationError(f"{slug!r} is not a place to visit")
    return values


class PlanRequestSerializer(serializers.Serializer):
    start = serializers.SlugField(help_text="slug of the start place, e.g. pingyao-ancient-city")
    days = serializers.IntegerField(min_value=1, max_value=MAX_DAYS)
    date = serializers.DateField(required=False, help_text="first day (YYYY-MM-DD); default tomorrow")
    interests = serializers.ListField(
        child=serializers.ChoiceField(choices=INTERESTS), required=False, default=list, max_length=len(INTERESTS)
    )
    pace = serializers.ChoiceField(choices=PACES, default="normal")
    mode = serializers.ChoiceField(choices=MODES, default="car")
    must = serializers.ListField(child=serializers.SlugField(), required=False, default=list, max_length=30)
    avoid = serializers.ListField(child=serializers.SlugField(), required=False, default=list, max_length=100)
    end = serializers.SlugField(
        required=False, allow_null=True, default=None, help_text="where the trip ends; default: back at the start"
    )
    scenic = serializers.BooleanField(default=False, help_text="prefer the tourist highways over the fastest road")
    seed = serializers.IntegerField(min_value=0, max_value=2**31 - 1, default=0)
    route = serializers.SlugField(
        required=False,
        allow_null=True,
        default=None,
        help_text="a themed route (GET /api/v1/routes/); its start, days, interests and must-sees fill what the "
        "request leaves out",
    )

    def to_internal_value(self, data):
        if isinstance(data, dict) and data.get("route"):
            route = ThemedRoute.objects.filter(slug=str(data["route"])).first()
            if route is None:
                raise serializers.ValidationError({"route": [f"unknown route {data['route']!r}"]})
            data = {**route.defaults(), **{k: v for k, v in data.items() if v not in (None, "", [])}}
        return super().to_internal_value(data)

    def validate_start(self, value: str) -> str:
        return _slugs([value], sights_only=False)[0]

    def validate_end(self, value: str | None) -> str | None:
        return value if value is None else _slugs([value], sights_only=False)[0]

    def validate_must(self, value: list[str]) -> list[str]:
        return _slugs(list(dict.fromkeys(value)), sights_only=True)

    def validate_avoid(self, value: list[str]) -> list[str]:
        return _slugs(list(dict.fromkeys(value)), sights_only=True)

    def validate_date(self, value: dt.date) -> dt.date:
        if value < timezone.localdate():
            raise serializers.ValidationError("the trip cannot start in the past")
        if value > timezone.localdate() + dt.timedelta(days=3 * 366):
            raise serializers.ValidationError("the trip must start within three years")
        return value

    def validate(self, attrs: dict) -> dict:
        both = set(attrs["must"]) & set(attrs["avoid"])
        if both:
            raise serializers.ValidationError({"avoid": [f"{sorted(both)[0]!r} is also a must-see"]})
        if attrs["must"]:
            matrix = selectors.matrix_current(mode=attrs["mode"], scenic=False)
            i = matrix.index(attrs["start"])
            budget = attrs["days"] * MOVING_LIMITS[attrs["mode"]][attrs["pace"]]
            for slug in attrs["must"]:
                minutes = float(matrix.minutes[i, matrix.index(slug)])
                if not np.isfinite(minutes) or minutes > budget:
                    raise serializers.ValidationError(
                        {
                            "must": [
                                f"{slug!r} cannot be reached by {attrs['mode']} from {attrs['start']!r} "
                                f"within {attrs['days']} day(s)"
                            ]
                        }
                    )
        return attrs

    def to_request(self) -> PlanRequest:
        data = self.validated_data
        date = data.get("date") or timezone.localdate() + dt.timedelta(days=1)
        return PlanRequest(
            start=data["start"],
            days=data["days"],
            date=date,
            interests=tuple(dict.fromkeys(data["interests"])),
            pace=data["pace"],
            mode=data["mode"],
            must=tuple(data["must"]),
            avoid=tuple(data["avoid"]),
            end=data["end"],
            scenic=data["scenic"],
            seed=data["seed"],
            route=data.get("route"),
        )


class ReplanSerializer(serializers.Serializer):
    pins = serializers.ListField(child=serializers.SlugField(), required=False, default=list, max_length=30)
    drops = serializers.ListField(child=serializers.SlugField(), required=False, default=list, max_length=100)

    def validate_pins(self, value: list[str]) -> list[str]:
        return _slugs(value, sights_only=True)

    def validate_drops(self, value: list[str]) -> list[str]:
        return _slugs(value, sights_only=True)


class AcceptedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.CharField()
    url = serializers.URLField()


class ItinerarySerializer(serializers.ModelSerializer):
    result = serializers.SerializerMethodField()

    class Meta:
        model = Itinerary
        fields = [
            "id",
            "status",
            "progress",
            "request",
            "error",
            "result",
            "created_at",
            "started_at",
            "finished_at",
            "attempts",
        ]

    @extend_schema_field({"type": "object", "nullable": True})
    def get_result(self, obj: Itinerary):
        return obj.result


class ThemedRouteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ThemedRoute
        fields = [
            "slug",
            "name_en",
            "name_zh",
            "description_en",
            "description_zh",
            "start",
            "days",
            "mode",
            "pace",
            "scenic",
            "must",
            "interests",
            "source",
        ]
