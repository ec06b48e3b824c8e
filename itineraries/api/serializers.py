from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from itineraries.api.catalogue_schema import CategoriesField, OpeningHoursField
from itineraries.api.filters import DISTANCES
from itineraries.api.result_schema import ResultSerializer, StoredRequestSerializer
from itineraries.catalogue.choices import INTERESTS, MAX_DAYS, MODES, PACES
from itineraries.catalogue.models import (
    COURTYARD_SERIES,
    DESTINATION_FIELDS,
    ROUTE_FIELDS,
    Destination,
    Photo,
    Source,
    ThemedRoute,
)
from itineraries.trips.models import Itinerary, Origin
from itineraries.trips.request import MAX_DRIVE_HOURS
from itineraries.trips.selectors import PUBLIC_FIELDS
from itineraries.trips.validation import MAX_AVOID, MAX_MUST, PlanInput
from itineraries.trips.wording import stored_wire


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ("key", "publisher", "title", "date", "url")


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="the picture, at most 1600 px on its longest side")
    thumbnail_url = serializers.SerializerMethodField(help_text="the same picture, at most 480 px")
    thumbnail_width = serializers.IntegerField(source="thumb_width", read_only=True)
    thumbnail_height = serializers.IntegerField(source="thumb_height", read_only=True)
    licence_url = serializers.CharField(
        read_only=True, help_text="the licence's deed; empty for own work and permission"
    )

    class Meta:
        model = Photo
        fields = [
            "url",
            "width",
            "height",
            "thumbnail_url",
            "thumbnail_width",
            "thumbnail_height",
            "author",
            "licence",
            "licence_url",
            "source_url",
            "alt_en",
            "alt_zh",
        ]
        read_only_fields = fields

    def _absolute(self, url: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, obj: Photo) -> str:
        return self._absolute(obj.image.url)

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_thumbnail_url(self, obj: Photo) -> str:
        return self._absolute(obj.thumbnail.url)


class DestinationSerializer(serializers.ModelSerializer):
    categories = CategoriesField(read_only=True)
    opening_hours = OpeningHoursField(read_only=True)
    ticket_pass = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="the pass whose ticket covers this place, or null"
    )
    sources = SourceSerializer(many=True, read_only=True, help_text="what the record's facts rest on")
    courtyard_series = serializers.ChoiceField(
        choices=[(s, s) for s in COURTYARD_SERIES],
        allow_blank=True,
        read_only=True,
        help_text="the brand's courtyard series, where a source names it; empty otherwise",
    )
    distance_km = serializers.SerializerMethodField(
        help_text="great-circle km from the `near` point of the query; null without `near`"
    )
    photos = PhotoSerializer(
        many=True, read_only=True, help_text="editors' photos with their credit, first shown first"
    )

    class Meta:
        model = Destination
        fields = [*DESTINATION_FIELDS, "ticket_pass", "sources", "distance_km", "photos"]
        read_only_fields = fields  # every field is always sent: the schema marks them required

    @extend_schema_field({"type": "number", "format": "double", "nullable": True, "minimum": 0})
    def get_distance_km(self, obj: Destination) -> float | None:
        distances = getattr(self.context.get("request"), DISTANCES, None) or {}
        km = distances.get(obj.pk)
        return None if km is None else round(km, 2)


class PlanSerializer(serializers.Serializer):
    """The shape of a plan request. The trip rules (known places, dates, reachability, a themed route filling
    what is left out) are the trip domain's: itineraries.trips.validation."""

    start = serializers.SlugField(
        required=False, help_text="slug of the start place, e.g. pingyao-ancient-city (required without a route)"
    )
    days = serializers.IntegerField(
        min_value=1, max_value=MAX_DAYS, required=False, help_text="length of the trip (required without a route)"
    )
    date = serializers.DateField(required=False, help_text="first day (YYYY-MM-DD); default tomorrow")
    interests = serializers.ListField(
        child=serializers.ChoiceField(choices=INTERESTS), required=False, max_length=len(INTERESTS)
    )
    pace = serializers.ChoiceField(choices=PACES, required=False, help_text="default normal")
    mode = serializers.ChoiceField(choices=MODES, required=False, help_text="default car")
    must = serializers.ListField(child=serializers.SlugField(), required=False, max_length=MAX_MUST)
    avoid = serializers.ListField(child=serializers.SlugField(), required=False, max_length=MAX_AVOID)
    end = serializers.SlugField(
        required=False, allow_null=True, help_text="where the trip ends; default: back at the start"
    )
    scenic = serializers.BooleanField(required=False, help_text="prefer the tourist highways over the fastest road")
    seed = serializers.IntegerField(min_value=0, max_value=2**31 - 1, required=False)
    max_drive_hours = serializers.FloatField(
        min_value=0.5,
        max_value=MAX_DRIVE_HOURS,
        required=False,
        allow_null=True,
        help_text="lowers the daily cap on hours at the wheel (car: 2.5 / 4 / 5.5 h by pace; e-bike and "
        "bicycle: 2 / 3 / 4 h of riding)",
    )
    rest_days = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_DAYS),
        required=False,
        max_length=MAX_DAYS,
        help_text="days (1-based, between the first and the last) spent at the night's base, with no driving",
    )
    route = serializers.SlugField(
        required=False,
        allow_null=True,
        help_text="a themed route (GET /api/v1/routes/); its start, days, interests and must-sees fill what the "
        "request leaves out",
    )

    @staticmethod
    def to_input(data: dict) -> PlanInput:
        listed = {k: tuple(data[k]) for k in ("interests", "must", "avoid", "rest_days") if k in data}
        return PlanInput(**{**{k: v for k, v in data.items() if k not in listed}, **listed})


class ReplanSerializer(serializers.Serializer):
    pins = serializers.ListField(child=serializers.SlugField(), required=False, default=list, max_length=MAX_MUST)
    drops = serializers.ListField(child=serializers.SlugField(), required=False, default=list, max_length=MAX_AVOID)
    keep_days = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_DAYS),
        required=False,
        default=list,
        max_length=MAX_DAYS,
        help_text="days (1-based) that stay exactly as they are",
    )


class AcceptedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=Itinerary.Status.choices)
    url = serializers.URLField(help_text="the itinerary to poll; also in the Location header")


def _wire(stored: dict | None) -> dict | None:
    """A stored result as clients read it: upgraded from an older shape, without the row's own bookkeeping."""
    return None if stored is None else stored_wire(stored)


class ItinerarySerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Itinerary.Status.choices, read_only=True)
    progress = serializers.IntegerField(min_value=0, max_value=100, read_only=True, help_text="percent")
    error = serializers.CharField(read_only=True, help_text="why planning failed; empty otherwise")
    request = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()
    version = serializers.IntegerField(read_only=True, help_text="1 for the first plan; a re-plan or an edit adds one")
    origin = serializers.ChoiceField(choices=Origin.choices, read_only=True, help_text="how this version was made")
    trip = serializers.UUIDField(source="trip_id", read_only=True, help_text="the trip this is a version of")
    name = serializers.CharField(source="trip.name", read_only=True, help_text="the trip's name; empty if unnamed")
    notes = serializers.CharField(source="trip.notes", read_only=True)

    class Meta:
        model = Itinerary
        fields = [*PUBLIC_FIELDS, "trip", "name", "notes"]
        read_only_fields = fields

    @classmethod
    def from_row(cls, row: dict) -> dict:
        """The same representation from a row of trips.selectors.itinerary_public, without DRF's field machinery."""
        stamp = serializers.DateTimeField()
        data = {name: row[name] for name in PUBLIC_FIELDS}
        data["result"] = _wire(row["result"])
        data["id"] = str(row["id"])
        data["trip"] = str(row["trip_id"]) if row["trip_id"] else None
        data["name"], data["notes"] = row["trip__name"], row["trip__notes"]
        for name in ("created_at", "started_at", "finished_at"):
            data[name] = None if row[name] is None else stamp.to_representation(row[name])
        return data

    @extend_schema_field(ResultSerializer(allow_null=True, help_text="null until the status is done"))
    def get_result(self, obj: Itinerary):
        return _wire(obj.result)

    @extend_schema_field(StoredRequestSerializer)
    def get_request(self, obj: Itinerary):
        return obj.request


class ThemedRouteSerializer(serializers.ModelSerializer):
    mode = serializers.ChoiceField(choices=MODES, read_only=True)
    pace = serializers.ChoiceField(choices=PACES, read_only=True)
    must = serializers.ListField(child=serializers.SlugField(), read_only=True, help_text="must-see slugs")
    interests = serializers.ListField(child=serializers.ChoiceField(choices=INTERESTS), read_only=True)

    class Meta:
        model = ThemedRoute
        fields = list(ROUTE_FIELDS)
        read_only_fields = fields


class TripSettingsSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class CollaboratorSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        help_text="the user's id; DELETE /itineraries/<id>/collaborators/<user id> removes them"
    )
    email = serializers.EmailField()


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    id = serializers.UUIDField(help_text="this version's itinerary id")
    origin = serializers.ChoiceField(choices=Origin.choices)
    status = serializers.ChoiceField(choices=Itinerary.Status.choices)
    created_at = serializers.DateTimeField()


class EditSerializer(serializers.Serializer):
    days = serializers.ListField(
        child=serializers.ListField(child=serializers.SlugField(max_length=80), max_length=40),
        min_length=1,
        max_length=14,
        help_text="every day's places in the order to visit them; nights stay as they were",
    )
