"""Roads in the editors' admin: the line drawn and edited on a map, its length checked against the stated one."""

from __future__ import annotations

import json
from typing import Any

import prcoords
from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from itineraries.admin.road_impact import RoadImpact, road_impact
from itineraries.admin.widgets import JSONWithPositionField, RoadLineWidget
from itineraries.catalogue.models import Road
from itineraries.catalogue.validation import inside_shanxi
from itineraries.roads import Road as NetRoad
from itineraries.roads import road_km


def _line(points: list) -> str:
    return json.dumps({"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]}) if points else ""


class RoadForm(forms.ModelForm):
    geojson = forms.CharField(
        label=pgettext_lazy("a road's course on the map", "line"),
        required=False,
        widget=RoadLineWidget(attrs={"rows": 3}),
        help_text=gettext_lazy('GeoJSON LineString: {"type": "LineString", "coordinates": [[lon, lat], ...]}.'),
    )
    geojson_datum = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_line = forms.CharField(required=False, widget=forms.HiddenInput)
    via = JSONWithPositionField(
        label=gettext_lazy("via"), help_text=gettext_lazy('waypoint names in order, e.g. ["jincheng", "gaoping"]')
    )

    class Meta:
        model = Road
        fields = ["slug", "name_en", "name_zh", "kind", "via", "stated_km", "source"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["geojson"].initial = _line(self.instance.points)
        self.points_before = list(self.instance.points or [])
        self.impact: RoadImpact | None = None

    @property
    def changed_data(self) -> list[str]:
        # History names what was stored: the model's points, not the form-only line, and JSON by value.
        cleaned = getattr(self, "cleaned_data", {})
        names = [
            n
            for n in super().changed_data
            if n not in ("geojson", "geojson_datum", "confirm_line")
            and not (n == "via" and cleaned.get("via") == self.initial.get("via"))
        ]
        return [*names, "points"] if self.instance.points != self.points_before else names

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        text = (data.get("geojson") or "").strip()
        points: list = []
        try:
            geometry = json.loads(text)
            coords = geometry["coordinates"]
            if geometry["type"] != "LineString" or len(coords) < 2:
                raise ValueError
            points = [[float(lat), float(lon)] for lon, lat in coords]
        except (ValueError, KeyError, TypeError):
            self.add_error(
                "geojson", _("Draw at least two points, or give a GeoJSON LineString of [lon, lat] positions.")
            )
            return data
        if data.get("geojson_datum") == "gcj02":
            points = [list(prcoords.gcj_wgs_bored((lat, lon))) for lat, lon in points]
        outside = [n for n, (lat, lon) in enumerate(points, start=1) if not inside_shanxi(lat, lon)]
        if outside:
            self.add_error(
                "geojson", _("Points %(points)s are outside Shanxi.") % {"points": ", ".join(map(str, outside))}
            )
        self.instance.points = [[round(lat, 5), round(lon, 5)] for lat, lon in points]
        if not self.errors and self.instance.points != self.points_before:
            self._check_impact(data)
        return data

    def _check_impact(self, data: dict) -> None:
        """A changed line is saved only once the editor has seen what it does, and never if it splits the network."""
        fields = {f: data.get(f) for f in ("slug", "name_en", "name_zh", "kind", "via", "stated_km", "source")}
        self.impact = impact = road_impact(road=self.instance, before=self.points_before, fields=fields)
        for (lat, lon), roads in impact.lost:
            self.add_error(
                "geojson",
                _("The line no longer passes (%(lat)s, %(lon)s), where it meets %(roads)s: keep that point on it.")
                % {"lat": lat, "lon": lon, "roads": ", ".join(roads)},
            )
        if impact.isolated:
            self.add_error("geojson", _("The line meets no other road: end it on a point of a road it joins."))
        if impact.lost or impact.isolated or data.get("confirm_line") == impact.digest:
            return
        self.data = self.data.copy()  # type: ignore[has-type]  # Django's forms are untyped here
        self.data["confirm_line"] = impact.digest
        self.add_error(None, _("Check what this line changes (above), then save again to confirm."))


@admin.register(Road)
class RoadAdmin(admin.ModelAdmin):
    form = RoadForm
    change_form_template = "admin/itineraries/road/change_form.html"
    list_display = ("slug", "name_en", "kind", "stated_km", "geometry_km")
    list_filter = ("kind",)
    search_fields = ("slug", "name_en", "name_zh")
    readonly_fields = ("geometry_km",)
    fieldsets = [
        (None, {"fields": ["slug", ("name_en", "name_zh"), "kind", "via"]}),
        (
            gettext_lazy("Line"),
            {"fields": ["geojson", "geojson_datum", "confirm_line", ("stated_km", "geometry_km")]},
        ),
        (None, {"fields": ["source"]}),
    ]

    @admin.display(description=gettext_lazy("length from geometry (km)"))
    def geometry_km(self, road: Road) -> str:
        if not road.points:
            return "-"
        km = road_km(NetRoad(road.slug, road.kind, tuple(tuple(p) for p in road.points)))
        stated = (
            _(" (stated %(km).0f, %(diff)+.1f%%)")
            % {"km": road.stated_km, "diff": 100 * (km - road.stated_km) / road.stated_km}
            if road.stated_km
            else ""
        )
        return f"{km:.1f}{stated}"
