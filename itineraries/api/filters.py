from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Case, IntegerField, When
from drf_spectacular.utils import extend_schema_field
from geopy.distance import geodesic

from itineraries.catalogue import selectors
from itineraries.catalogue.choices import INTERESTS
from itineraries.catalogue.models import Destination

NEAR_PATTERN = r"^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$"
ORDERINGS = ("slug", "-slug", "name_en", "-name_en", "weight", "-weight", "ticket_cny", "-ticket_cny", "distance")
DISTANCES = "near_km"  # the request attribute that holds each place's distance from `near`


class NearField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            lat, lon = (float(x) for x in value.split(","))
        except ValueError as exc:
            raise forms.ValidationError("must be 'lat,lon', e.g. 37.2,112.18", code="invalid") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise forms.ValidationError("latitude or longitude out of range", code="out_of_range")
        return lat, lon


@extend_schema_field({"type": "string", "pattern": NEAR_PATTERN, "example": "37.2,112.18"})
class NearFilter(django_filters.Filter):
    field_class = NearField


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 1000, "default": 25})
class RadiusFilter(django_filters.NumberFilter):
    pass


class DestinationFilterForm(forms.Form):
    """A choice given empty (``?category=``) is an error, not "no filter": the schema lists the choices."""

    def clean(self):
        cleaned = super().clean()
        for name in ("category", "kind", "ordering"):
            if name in self.data and not self.data.get(name):
                self.add_error(name, "Choose one of the listed values, or leave the parameter out.")
        if cleaned.get("ordering") == "distance" and not cleaned.get("near"):
            self.add_error("ordering", "Ordering by distance needs `near`.")
        return cleaned


class DestinationFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=[(c, c) for c in INTERESTS], method="filter_category")
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact")
    kind = django_filters.ChoiceFilter(choices=Destination.Kind.choices)
    q = django_filters.CharFilter(method="filter_q", max_length=100)
    near = NearFilter(
        method="filter_near", help_text="lat,lon (WGS-84): places within radius_km, nearest first, with distance_km"
    )
    radius_km = RadiusFilter(method="filter_noop", min_value=0, max_value=1000, help_text="with near; default 25")
    ordering = django_filters.ChoiceFilter(
        choices=[(o, o) for o in ORDERINGS],
        method="filter_ordering",
        help_text="sort by a field, `-` for descending; `distance` needs near (and is its default)",
    )

    class Meta:
        model = Destination
        form = DestinationFilterForm
        fields = ["category", "city", "kind", "q", "near", "radius_km", "ordering"]

    def filter_category(self, queryset, _name, value):
        ids = [d.pk for d in queryset if value in (d.categories or [])]
        return queryset.filter(pk__in=ids)

    def filter_q(self, queryset, _name, value):
        return selectors.destination_search(queryset, value)

    def filter_noop(self, queryset, _name, _value):
        return queryset

    def filter_near(self, queryset, _name, value):
        if value is None:
            return queryset
        radius = self.form.cleaned_data.get("radius_km")
        radius = float(radius) if radius is not None else 25.0
        distances = {d.pk: geodesic(value, (d.lat, d.lon)).km for d in queryset}
        near = {pk: km for pk, km in distances.items() if km <= radius}
        setattr(self.request, DISTANCES, near)
        return _by_distance(queryset.filter(pk__in=near), near)

    def filter_ordering(self, queryset, _name, value):
        if value == "distance":
            return queryset  # filter_near already sorted nearest first
        return queryset.order_by(value, "slug")


def _by_distance(queryset, distances: dict[int, float]):
    nearest = sorted(distances, key=distances.__getitem__)
    rank = Case(*(When(pk=pk, then=i) for i, pk in enumerate(nearest)), output_field=IntegerField())
    return queryset.order_by(rank) if nearest else queryset
