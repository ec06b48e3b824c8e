"""The GeoJSON answers as typed FeatureCollections (RFC 7946: coordinates are [lon, lat], WGS-84)."""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from itineraries.api.keyword_fields import KeywordFieldsMixin
from itineraries.catalogue.models import Road

POSITION = serializers.ListField(
    child=serializers.FloatField(), min_length=2, max_length=2, help_text="[lon, lat], WGS-84 (GeoJSON order)"
)


class LineStringSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["LineString"])
    coordinates = serializers.ListField(child=POSITION, help_text="[lon, lat] positions in driving order")


class PointSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Point"])
    coordinates = POSITION


class LegPropertiesSerializer(KeywordFieldsMixin, serializers.Serializer):
    day = serializers.IntegerField(help_text="1-based")
    date = serializers.DateField()
    from_ = serializers.SlugField()
    to = serializers.SlugField()
    km = serializers.FloatField()
    minutes = serializers.IntegerField()
    colour = serializers.CharField(help_text="the day's colour on the app's map, #rrggbb")


class StopPropertiesSerializer(serializers.Serializer):
    day = serializers.IntegerField(help_text="1-based")
    order = serializers.IntegerField(help_text="1-based position in the day")
    slug = serializers.SlugField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    arrive = serializers.DateTimeField()
    depart = serializers.DateTimeField()
    colour = serializers.CharField()


class LegFeatureSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Feature"])
    geometry = LineStringSerializer()
    properties = LegPropertiesSerializer()


class StopFeatureSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Feature"])
    geometry = PointSerializer()
    properties = StopPropertiesSerializer()


class TripFeatureCollectionSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["FeatureCollection"])
    features = PolymorphicProxySerializer(
        component_name="TripFeature",
        serializers=[LegFeatureSerializer, StopFeatureSerializer],
        resource_type_field_name=None,
        many=True,
        help_text="each day's legs (LineString), then its stops (Point)",
    )


class RoadPropertiesSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    kind = serializers.ChoiceField(choices=Road.Kind.choices)
    length_km = serializers.FloatField(help_text="along the modelled line")
    stated_km = serializers.FloatField(allow_null=True, help_text="as a source states it, where one does")
    via = serializers.ListField(child=serializers.CharField(), help_text="waypoint names in order")
    source = serializers.CharField()


class RoadFeatureSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Feature"])
    geometry = LineStringSerializer()
    properties = RoadPropertiesSerializer()


class RoadFeatureCollectionSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["FeatureCollection"])
    features = RoadFeatureSerializer(many=True)
