"""Editors' admin for the catalogue: destinations with a map, validated hours and GCJ-02 conversion; roads;
themed routes and season notes."""

from __future__ import annotations

import json

import prcoords
from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from itineraries.catalogue import articles, transfer
from itineraries.catalogue.hours import validate_hours
from itineraries.catalogue.models import Destination, Road, SeasonNote, ThemedRoute
from itineraries.catalogue.scoring import INTERESTS
from itineraries.catalogue.validation import fact_errors, inside_shanxi
from itineraries.roads import Road as NetRoad
from itineraries.roads import road_km


class MapPointWidget(forms.NumberInput):
    """The latitude input, with a Leaflet map beside it: click to place the point."""

    template_name = "admin/itineraries/map_point_widget.html"

    class Media:
        css = {"all": ["leaflet/leaflet.css"]}
        js = ["leaflet/leaflet.js", "itineraries/admin_map.js"]


class DestinationForm(forms.ModelForm):
    gcj02 = forms.BooleanField(
        required=False,
        label="Typed from a Chinese web map (GCJ-02)",
        help_text="Amap, Tencent and Baidu-derived points are GCJ-02; tick to convert them to WGS-84 on save.",
    )
    categories = forms.MultipleChoiceField(
        choices=[(c, c) for c in INTERESTS], required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Destination
        fields = [*transfer.FIELDS]
        widgets = {"lat": MapPointWidget(attrs={"step": "0.0001"})}

    def clean_opening_hours(self):
        hours = self.cleaned_data.get("opening_hours") or []
        problems = validate_hours(hours)
        if problems:
            raise forms.ValidationError(problems)
        return hours

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if lat is None or lon is None:
            return data
        if data.get("gcj02"):
            lat, lon = prcoords.gcj_wgs_bored((lat, lon))
        lat, lon = round(lat, 4), round(lon, 4)
        if not inside_shanxi(lat, lon):
            self.add_error("lat", f"({lat}, {lon}) is outside Shanxi (34.4-40.8 N, 110.1-114.7 E).")
        data["lat"], data["lon"] = lat, lon
        for field, message in fact_errors({**data, "hours": data.get("opening_hours")}):
            self.add_error(field, message)
        return data


class CategoryFilter(admin.SimpleListFilter):
    title = "category"
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return [(c, c) for c in INTERESTS]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(pk__in=[d.pk for d in queryset if self.value() in d.categories])


class UploadForm(forms.Form):
    file = forms.FileField()
    dry_run = forms.BooleanField(required=False, initial=True, label="Dry run (preview only)")


class ArticleForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 14, "cols": 100}), label="Article text")
    source = forms.CharField(max_length=200, label="Source (publication, date)")
    create_drafts = forms.BooleanField(required=False, label="Create draft destinations for new places")


@admin.register(Destination)
class DestinationAdmin(admin.ModelAdmin):
    form = DestinationForm
    list_display = ("slug", "name_en", "name_zh", "kind", "city", "county", "confidence", "published")
    list_filter = ("kind", "city", "county", CategoryFilter, "lodging", "confidence", "published", "added")
    search_fields = ("slug", "name_en", "name_zh", "name_pinyin")
    actions = ["export_csv", "export_json"]
    change_list_template = "admin/itineraries/destination/change_list.html"

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="itineraries_destination_import"),
            path("article/", self.admin_site.admin_view(self.article_view), name="itineraries_destination_article"),
            *super().get_urls(),
        ]

    @admin.action(description="Export selected as CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(transfer.export_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="destinations.csv"'
        return response

    @admin.action(description="Export selected as JSON")
    def export_json(self, request, queryset):
        response = HttpResponse(transfer.export_json(), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="destinations.json"'
        return response

    def import_view(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            return redirect("admin:index")
        report = None
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            fmt = "json" if upload.name.lower().endswith(".json") else "csv"
            try:
                rows = transfer.parse(upload.read().decode("utf-8-sig"), fmt)
            except (ValueError, UnicodeDecodeError) as exc:
                form.add_error("file", f"could not read the file: {exc}")
            else:
                report = transfer.destinations_import(rows, dry_run=form.cleaned_data["dry_run"])
                if report.written:
                    messages.success(
                        request,
                        f"Imported: {report.created} created, {report.updated} updated, {report.unchanged} unchanged.",
                    )
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "report": report,
            "title": "Import destinations",
            "opts": self.model._meta,
        }
        return render(request, "admin/itineraries/destination/import.html", context)

    def article_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        found, created = None, []
        form = ArticleForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            found = articles.mentions(form.cleaned_data["text"])
            if form.cleaned_data["create_drafts"]:
                created = articles.drafts_create(found, source=form.cleaned_data["source"])
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "found": found,
            "created": created,
            "title": "Places in an article",
            "opts": self.model._meta,
        }
        return render(request, "admin/itineraries/destination/article.html", context)


class RoadForm(forms.ModelForm):
    geojson = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text='Optional: a GeoJSON LineString ({"type": "LineString", "coordinates": [[lon, lat], ...]}) '
        "replaces the points.",
    )

    class Meta:
        model = Road
        fields = ["slug", "name_en", "name_zh", "kind", "via", "points", "stated_km", "source"]

    def clean(self):
        data = super().clean()
        text = (data.get("geojson") or "").strip()
        if text:
            try:
                geometry = json.loads(text)
                coords = geometry["coordinates"]
                assert geometry["type"] == "LineString"
                assert len(coords) >= 2
                data["points"] = [[round(float(lat), 5), round(float(lon), 5)] for lon, lat in coords]
            except (ValueError, KeyError, TypeError, AssertionError):
                self.add_error("geojson", "must be a GeoJSON LineString with at least two [lon, lat] positions")
                return data
        points = data.get("points") or []
        if len(points) < 2 or any(not inside_shanxi(p[0], p[1]) for p in points):
            self.add_error("points", "needs at least two [lat, lon] points, all inside Shanxi")
        return data


@admin.register(Road)
class RoadAdmin(admin.ModelAdmin):
    form = RoadForm
    list_display = ("slug", "name_en", "kind", "stated_km", "geometry_km")
    list_filter = ("kind",)
    search_fields = ("slug", "name_en", "name_zh")
    readonly_fields = ("geometry_km", "preview")

    @admin.display(description="length from geometry (km)")
    def geometry_km(self, road: Road) -> str:
        if not road.points:
            return "-"
        km = road_km(NetRoad(road.slug, road.kind, tuple(tuple(p) for p in road.points)))
        stated = (
            f" (stated {road.stated_km:.0f}, {100 * (km - road.stated_km) / road.stated_km:+.1f}%)"
            if road.stated_km
            else ""
        )
        return f"{km:.1f}{stated}"

    @admin.display(description="preview")
    def preview(self, road: Road):
        from django.utils.html import format_html

        return format_html(
            '<div class="road-preview" data-points="{}" style="height:320px"></div>', json.dumps(road.points)
        )

    class Media:
        css = {"all": ["leaflet/leaflet.css"]}
        js = ["leaflet/leaflet.js", "itineraries/admin_map.js"]


@admin.register(ThemedRoute)
class ThemedRouteAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_en", "name_zh", "start", "days", "mode")


admin.site.register(SeasonNote)
