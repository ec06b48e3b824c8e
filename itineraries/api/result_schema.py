"""Serializers that document the itinerary's stored request and result in the OpenAPI schema.

The view returns the stored JSON as it is (no per-request re-serialisation); these classes describe its shape.
"""

from __future__ import annotations

from rest_framework import serializers

from itineraries.api.keyword_fields import KeywordFieldsMixin
from itineraries.catalogue.choices import INTERESTS, MODES, PACES
from itineraries.trips.advice import ADVICE_CODES


class PlaceSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    lat = serializers.FloatField(help_text="WGS-84")
    lon = serializers.FloatField(help_text="WGS-84")


class ProblemSerializer(serializers.Serializer):
    en = serializers.CharField()
    zh = serializers.CharField()


class DayProblemSerializer(ProblemSerializer):
    slug = serializers.SlugField(allow_null=True, help_text="the stop it concerns; null for the whole day")


class StopSerializer(PlaceSerializer):
    arrive = serializers.DateTimeField(help_text="Asia/Shanghai")
    start = serializers.DateTimeField(help_text="visit starts (after waiting for the opening, if any)")
    depart = serializers.DateTimeField()
    wait_minutes = serializers.IntegerField()
    visit_minutes = serializers.IntegerField()
    opening = serializers.CharField(help_text="opening hours that day, e.g. 08:30-17:30; 00:00-24:00 open access")
    hours_estimated = serializers.BooleanField(
        required=False, help_text="the hours are not confirmed: check before you go (absent in plans made before v1.2)"
    )
    categories = serializers.ListField(child=serializers.ChoiceField(choices=INTERESTS))
    ticket_cny = serializers.IntegerField(allow_null=True, help_text="adult ticket in yuan; 0 free, null unknown")
    ticket_estimated = serializers.BooleanField(
        required=False, help_text="the price is not confirmed (absent in plans made before v1.2)"
    )
    score = serializers.FloatField()
    problem = ProblemSerializer(
        required=False, allow_null=True, help_text="in a hand-edited plan: the rule this visit breaks, if any"
    )


class LegSerializer(KeywordFieldsMixin, serializers.Serializer):
    from_ = serializers.SlugField(help_text="slug of the place left")
    to = serializers.SlugField()
    km = serializers.FloatField()
    minutes = serializers.IntegerField()
    path = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2),
        help_text="the road geometry as [lat, lon] pairs (WGS-84), in driving order; empty for a zero-length leg",
    )
    on_foot = serializers.BooleanField(
        required=False, help_text="walked: the places are under 1.5 km apart (absent in plans made before 1.4)"
    )


class SeasonNoteSerializer(serializers.Serializer):
    en = serializers.CharField()
    zh = serializers.CharField()


class LunchSerializer(serializers.Serializer):
    start = serializers.DateTimeField(help_text="between 11:30 and 13:30")
    end = serializers.DateTimeField()
    after = serializers.SlugField(help_text="the visit lunch follows, or is inside of")
    before = serializers.SlugField(
        allow_null=True,
        required=False,
        help_text="when lunch is taken on arrival at this visit, after the drive from `after` (null otherwise)",
    )
    inside = serializers.BooleanField(help_text="eaten inside a long visit (a town or scenic area)")


class DaySerializer(serializers.Serializer):
    date = serializers.DateField()
    start = PlaceSerializer(help_text="where the day begins")
    stops = StopSerializer(many=True)
    legs = LegSerializer(many=True, help_text="one more than the stops: start -> stops -> night")
    lodging = PlaceSerializer(allow_null=True, help_text="where to sleep; null on the last day")
    end = PlaceSerializer(help_text="where the day ends: the lodging, or the trip's end")
    drive_km = serializers.FloatField()
    drive_minutes = serializers.IntegerField()
    drive_cap_minutes = serializers.IntegerField(help_text="the most minutes at the wheel (or riding) a day")
    lunch = LunchSerializer(allow_null=True, help_text="on days with visits before and after midday")
    day_start = serializers.DateTimeField()
    day_end = serializers.DateTimeField(help_text="arrival at the night's lodging or the trip's end")
    sunset = serializers.DateTimeField(
        required=False, help_text="sunset at the night's lodging or the trip's end (absent in plans made before 1.4)"
    )
    season_note = SeasonNoteSerializer(allow_null=True)
    rest = serializers.BooleanField(required=False, help_text="a rest day the tourist asked for: no driving")
    problems = DayProblemSerializer(
        many=True, required=False, help_text="in a hand-edited plan: what the day breaks (hours, cap, end, lunch)"
    )


class MissingMustSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    reason = serializers.CharField()


class SolverSerializer(serializers.Serializer):
    iterations = serializers.IntegerField()
    seconds = serializers.FloatField()


class AdviceSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=list(ADVICE_CODES), help_text="; ".join(f"{code}: {why}" for code, why in ADVICE_CODES.items())
    )
    day = serializers.IntegerField(allow_null=True, help_text="1-based; null for advice about the whole trip")
    en = serializers.CharField()
    zh = serializers.CharField()


class ChangesSerializer(serializers.Serializer):
    kept = serializers.ListField(child=serializers.SlugField(), help_text="on the same day as before")
    moved = serializers.ListField(child=serializers.SlugField(), help_text="on another day than before")
    added = serializers.ListField(child=serializers.SlugField())
    removed = serializers.ListField(child=serializers.SlugField())


class ResultSerializer(serializers.Serializer):
    days = DaySerializer(many=True)
    score = serializers.FloatField()
    total_km = serializers.FloatField()
    total_drive_minutes = serializers.IntegerField()
    mode = serializers.ChoiceField(choices=MODES)
    missing_must = MissingMustSerializer(many=True, help_text="must-see places the plan could not fit, and why")
    solver = SolverSerializer()
    drive_cap_minutes = serializers.IntegerField(help_text="the most minutes at the wheel (or riding) a day")
    advice = AdviceSerializer(many=True, help_text="why a day is free or the plan is thin, and what would help")
    changes = ChangesSerializer(allow_null=True, help_text="a re-plan's differences from the plan it came from")
    edited = serializers.BooleanField(required=False, help_text="true when the days were arranged by hand")
    violations = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="in a hand-edited plan: the engine checker's findings"
    )


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
