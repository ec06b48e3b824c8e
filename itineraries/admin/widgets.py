"""Form widgets of the editors' admin: a map to place a point or draw a road, and opening hours as a table."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from itineraries.catalogue.display import to_display
from itineraries.catalogue.hours import WEEKDAYS, hours_problems
from itineraries.catalogue.models import Destination, Road

LEAFLET = forms.Media(
    css={"all": ["leaflet/leaflet.css", "leaflet/draw/leaflet.draw.css", "itineraries/admin.css"]},
    js=["leaflet/leaflet.js", "leaflet/draw/leaflet.draw.js", "itineraries/admin_map.js"],
)


def map_context() -> dict[str, Any]:
    """Tiles, their datum, and the catalogue's roads and places drawn in that datum, so a map without tiles
    still shows where things are."""
    roads = [
        {"name": f"{r.name_en} · {r.name_zh}", "kind": r.kind, "points": [to_display(*p) for p in r.points]}
        for r in Road.objects.all()
    ]
    places = [
        {"name": f"{d.name_en} · {d.name_zh}", "slug": d.slug, "kind": d.kind, "point": to_display(d.lat, d.lon)}
        for d in Destination.objects.all()
    ]
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "datum": settings.MAP_TILE_DATUM.lower(),
        "roads": roads,
        "places": places,
    }


def point_map(lat: float | None, lon: float | None) -> str:
    """The map under a destination's coordinates: a click or a drag fills latitude and longitude."""
    shown = to_display(lat, lon) if lat is not None and lon is not None else None
    # The map's data goes out through json_script (escaped for a <script> element), never marked safe: a place's
    # name comes from an editor or an import.
    context = {"map": map_context(), "display": json.dumps(shown) if shown else ""}
    return render_to_string("admin/itineraries/map_point.html", context)


def _display_line(value: Any) -> list[tuple[float, float]]:
    """The line's [lon, lat] positions as [lat, lon] in the tiles' datum; empty when the text is not a line."""
    try:
        return [to_display(float(lat), float(lon)) for lon, lat in json.loads(value or "null")["coordinates"]]
    except (ValueError, TypeError, KeyError):
        return []


class RoadLineWidget(forms.Textarea):
    """A road's points as GeoJSON, edited on a map: drag a vertex, click the map to add one at the end."""

    template_name = "admin/itineraries/road_line_widget.html"

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["map"] = map_context()  # rendered with json_script
        context["display"] = json.dumps(_display_line(value))
        return context

    @property
    def media(self) -> forms.Media:
        return LEAFLET


WEEKDAY_LABELS = dict(
    zip(WEEKDAYS, (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")), strict=True)
)


def _text(value: object) -> str:
    return "" if value is None else str(value)


class HoursTableWidget(forms.Widget):
    """One table row per season: from, to, weekdays, open, close, or closed. Two empty rows take new seasons;
    a script adds more."""

    template_name = "admin/itineraries/hours_table_widget.html"
    blank_rows = 2

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.row_errors: dict[int, list[str]] = {}

    def format_value(self, value: Any) -> list[dict]:
        if isinstance(value, str):
            try:
                value = json.loads(value or "[]")
            except ValueError:
                value = []
        return [season for season in (value or []) if isinstance(season, dict)]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        seasons = self.format_value(value)
        rows = []
        for n, season in enumerate([*seasons, *([{}] * self.blank_rows)], start=1):
            days = season.get("days", "daily")
            ticked = WEEKDAYS if days == "daily" else [d for d in WEEKDAYS if d in (days or [])]
            rows.append(
                {
                    "number": n,
                    "prefix": f"{name}-{n - 1}",
                    "from": _text(season.get("from")),
                    "to": _text(season.get("to")),
                    "open": _text(season.get("open")),
                    "close": _text(season.get("close")),
                    "closed": bool(season.get("closed")),
                    "days": [(d, WEEKDAY_LABELS[d], d in ticked if season else True) for d in WEEKDAYS],
                    "errors": self.row_errors.get(n, []),
                }
            )
        context["widget"].update({"rows": rows, "weekdays": WEEKDAYS, "count": len(rows)})
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if name in data and not hasattr(data, "getlist"):
            return data[name]  # a record (an import row) gives its seasons as they are, not as a table
        try:
            count = min(int(data.get(f"{name}-count", 0)), 60)
        except (TypeError, ValueError):
            count = 0
        seasons = []
        for i in range(count):
            prefix = f"{name}-{i}"
            get = lambda key, p=prefix: (data.get(f"{p}-{key}") or "").strip()  # noqa: E731
            days = [d for d in WEEKDAYS if data.get(f"{prefix}-{d}")]
            closed = bool(data.get(f"{prefix}-closed"))
            if not any(get(k) for k in ("from", "to", "open", "close")) and not closed:
                continue
            season: dict[str, Any] = {"from": get("from"), "to": get("to")}
            if closed:
                season["closed"] = True
            else:
                season["days"] = "daily" if len(days) == len(WEEKDAYS) else days
                season["open"], season["close"] = get("open"), get("close")
            seasons.append(season)
        return seasons

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return f"{name}-count" not in data and name not in data


class HoursField(forms.Field):
    """Opening hours from the table; each problem is shown on its row and named in the form's errors."""

    widget = HoursTableWidget

    def to_python(self, value: Any) -> list[dict]:
        if value in (None, ""):
            return []
        if not isinstance(value, list) or not all(isinstance(season, dict) for season in value):
            raise forms.ValidationError(_("Opening hours must be a list of seasons."))
        return value

    def validate(self, value: list[dict]) -> None:
        problems = hours_problems(value)
        widget: HoursTableWidget = self.widget  # type: ignore[assignment]
        widget.row_errors = {}
        for n, message in problems:
            widget.row_errors.setdefault(n or 1, []).append(str(message))
        if problems:
            raise forms.ValidationError(
                [_("Row %(row)s: %(problem)s") % {"row": n, "problem": m} if n else m for n, m in problems]
            )

    def has_changed(self, initial: Any, data: Any) -> bool:
        return (initial or []) != (data or [])


class JSONWithPositionField(forms.JSONField):
    """JSON typed by hand: a mistake names its line and column, not only "Enter a valid JSON"."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.strip():
            try:
                json.loads(value)
            except json.JSONDecodeError as exc:
                raise forms.ValidationError(
                    _("Not valid JSON at line %(line)s, column %(column)s: %(problem)s")
                    % {"line": exc.lineno, "column": exc.colno, "problem": exc.msg}
                ) from exc
        return super().to_python(value)
