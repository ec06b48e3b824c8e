"""Destinations in the editors' admin: a map to place them, hours as a table, GCJ-02 conversion, publishing
that warns about themed routes, exports of a selection, an import with a preview, and places in an article."""

from __future__ import annotations

from typing import Any

import prcoords
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from itineraries.admin.history import log_bulk
from itineraries.admin.import_rows import form_check
from itineraries.admin.photos import PhotoInline
from itineraries.admin.widgets import LEAFLET, HoursField, point_map
from itineraries.catalogue import articles, transfer
from itineraries.catalogue.choices import INTEREST_CHOICES
from itineraries.catalogue.hours import EXAMPLE, closed_periods
from itineraries.catalogue.models import Destination
from itineraries.catalogue.passes import hours_outside_pass
from itineraries.catalogue.selectors import routes_needing
from itineraries.catalogue.validation import SHANXI_LAT, SHANXI_LON, fact_errors, inside_shanxi
from itineraries.trips.selectors import TripsHolding, trips_holding

IMPORT_SESSION_KEY = "itineraries.destination_import"


def trips_message(trips: TripsHolding) -> str:
    return _(
        "Saved trips hold it: %(saved)d, %(upcoming)d of them still ahead. They keep showing it, marked "
        "“no longer offered”, and re-plans will not add it again."
    ) % {"saved": len(trips.saved), "upcoming": len(trips.upcoming)}


def _route_names(routes) -> str:
    return ", ".join(f"{r.name_en} ({r.slug})" for r in routes)


class DestinationForm(forms.ModelForm):
    gcj02 = forms.BooleanField(
        required=False,
        label=gettext_lazy("Typed from a Chinese web map (GCJ-02)"),
        help_text=gettext_lazy(
            "Amap, Tencent and Baidu-derived points are GCJ-02; tick to convert them to WGS-84 on save."
        ),
    )
    categories = forms.MultipleChoiceField(
        label=gettext_lazy("categories"),
        choices=INTEREST_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opening_hours = HoursField(
        label=gettext_lazy("opening hours"),
        required=False,
        help_text=gettext_lazy(
            "One row per season; a season may run over the new year (11-01 to 03-31). Dates no season covers, "
            "and weekdays left unticked, are closed. No rows at all: open in daylight."
        ),
    )
    unpublish_anyway = forms.BooleanField(
        required=False,
        label=gettext_lazy("Unpublish even though themed routes or saved trips hold this place"),
        help_text=gettext_lazy(
            "Those routes disappear from the site and the API until the place is published; saved trips keep it."
        ),
    )

    class Meta:
        model = Destination
        fields = [*transfer.FIELDS]
        widgets = {
            "lat": forms.NumberInput(attrs={"step": "0.0001"}),
            "lon": forms.NumberInput(attrs={"step": "0.0001"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.converted: tuple[tuple[float, float], tuple[float, float]] | None = None
        self.renamed_from = ""
        if self.instance.pk and self.instance.published:
            self.fields["slug"].help_text = _(
                "Fixed while the place is published: links, themed routes and saved trips use it."
            )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        before = Destination.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        if before is None or slug == before.slug:
            return slug
        routes = routes_needing({before.slug})
        trips = trips_holding(slugs={before.slug}, today=timezone.localdate())
        if before.published or routes or trips.saved:
            raise forms.ValidationError(
                _(
                    "“%(slug)s” cannot change: the place is published or in use (%(routes)d themed routes, "
                    "%(trips)d saved trips, its page and API links use the slug). Change its names instead; a "
                    "different place is a new destination."
                )
                % {"slug": before.slug, "routes": len(routes), "trips": len(trips.saved)}
            )
        self.renamed_from = before.slug
        return slug

    def clean(self):
        data = super().clean()
        self._check_unpublish(data)
        lat, lon = data.get("lat"), data.get("lon")
        if lat is None or lon is None:
            return data
        if data.get("gcj02"):
            typed = (lat, lon)
            lat, lon = prcoords.gcj_wgs_bored((lat, lon))
            self.converted = (typed, (round(lat, 4), round(lon, 4)))
        lat, lon = round(lat, 4), round(lon, 4)
        if not inside_shanxi(lat, lon):
            self.add_error(
                "lat",
                _("(%(lat)s, %(lon)s) is outside Shanxi (%(s)s-%(n)s N, %(w)s-%(e)s E).")
                % {
                    "lat": lat,
                    "lon": lon,
                    "s": SHANXI_LAT[0],
                    "n": SHANXI_LAT[1],
                    "w": SHANXI_LON[0],
                    "e": SHANXI_LON[1],
                },
            )
        data["lat"], data["lon"] = lat, lon
        for field, message in fact_errors({**data, "hours": data.get("opening_hours")}):
            self.add_error(field, message)
        ticket = self.instance.ticket_pass if self.instance.pk else None
        if ticket and hours_outside_pass(data.get("opening_hours"), ticket.opening_hours):
            self.add_error(
                "opening_hours",
                _("%(pass)s covers this place: it cannot be open when the pass is not.") % {"pass": ticket.name_en},
            )
        return data

    def _check_unpublish(self, data: dict) -> None:
        if not self.instance.pk or not self.instance.published or data.get("published"):
            return
        routes = routes_needing({self.instance.slug})
        trips = trips_holding(slugs={self.instance.slug}, today=timezone.localdate())
        if data.get("unpublish_anyway"):
            return
        if routes:
            self.add_error(
                "published",
                _("Themed routes need this place: %(routes)s. Tick “Unpublish anyway” below to go ahead.")
                % {"routes": _route_names(routes)},
            )
        if trips.saved:
            self.add_error("published", trips_message(trips) + " " + _("Tick “Unpublish anyway” below to go ahead."))


class CategoryFilter(admin.SimpleListFilter):
    title = gettext_lazy("category")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return INTEREST_CHOICES

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(pk__in=[d.pk for d in queryset if self.value() in d.categories])


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV or JSON file"))


class ArticleForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 14, "cols": 100}), label=gettext_lazy("Article text"))
    source = forms.CharField(max_length=200, label=gettext_lazy("Source (publication, date)"))
    create_drafts = forms.BooleanField(required=False, label=gettext_lazy("Create draft destinations for new places"))


@admin.register(Destination)
class DestinationAdmin(admin.ModelAdmin):
    form = DestinationForm
    list_display = ("slug", "name_en", "name_zh", "kind", "city", "county", "confidence", "published")
    list_filter = ("kind", "city", "county", CategoryFilter, "lodging", "confidence", "published", "added")
    search_fields = ("slug", "name_en", "name_zh", "name_pinyin")
    actions = ["export_csv", "export_json", "publish", "unpublish", "delete_selected"]
    change_list_template = "admin/itineraries/destination/change_list.html"
    delete_confirmation_template = "admin/itineraries/destination/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/itineraries/destination/delete_selected_confirmation.html"
    fieldsets: list[tuple[str | None, dict[str, Any]]] = [
        (None, {"fields": ["slug", "kind", ("name_en", "name_zh"), "name_pinyin"]}),
        (gettext_lazy("Where"), {"fields": [("lat", "lon"), "gcj02", "location_map", ("city", "county")]}),
        (gettext_lazy("Visit"), {"fields": ["categories", ("weight", "visit_minutes")]}),
        (gettext_lazy("Opening hours"), {"fields": ["opening_hours", ("hours_estimated", "hours_source")]}),
        (gettext_lazy("Ticket"), {"fields": [("ticket_cny", "ticket_estimated"), "ticket_source"]}),
        (
            gettext_lazy("Lodging"),
            {"fields": ["lodging", ("lodging_kind", "lodging_brand", "courtyard_series")], "classes": ["collapse"]},
        ),
        (gettext_lazy("Description"), {"fields": ["description_en", "description_zh"]}),
        (
            gettext_lazy("Source and publishing"),
            {"fields": ["source", ("confidence", "added"), "published", "unpublish_anyway"]},
        ),
    ]
    readonly_fields = ("location_map",)
    inlines = [PhotoInline]

    @property
    def media(self) -> forms.Media:
        return super().media + LEAFLET

    @admin.display(description=gettext_lazy("map"))
    def location_map(self, place: Destination | None) -> str:
        return point_map(place.lat, place.lon) if place and place.pk else point_map(None, None)

    def get_fieldsets(self, request, obj=None):
        # The "unpublish anyway" box only where a themed route or a saved trip holds the place.
        if obj is not None and (
            routes_needing({obj.slug}) or trips_holding(slugs={obj.slug}, today=timezone.localdate()).saved
        ):
            return self.fieldsets
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f != "unpublish_anyway"]})
            for name, opts in self.fieldsets
        ]

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="itineraries_destination_import"),
            path("article/", self.admin_site.admin_view(self.article_view), name="itineraries_destination_article"),
            *super().get_urls(),
        ]

    def get_search_results(self, request, queryset, search_term):
        results, duplicates = super().get_search_results(request, queryset, search_term)
        squeezed = search_term.replace(" ", "").lower()
        if squeezed:
            # "shuanglinsi" finds "Shuanglin Si": pinyin is often typed without its spaces.
            plain = Replace(Lower("name_pinyin"), Value(" "), Value(""))
            results |= queryset.annotate(pinyin_plain=plain).filter(Q(pinyin_plain__contains=squeezed))
        return results, duplicates

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.renamed_from:
            messages.info(
                request,
                _("Slug changed from “%(old)s” to “%(new)s”: no themed route, saved trip or published page used it.")
                % {"old": form.renamed_from, "new": obj.slug},
            )
        if form.converted:
            (typed_lat, typed_lon), (lat, lon) = form.converted
            messages.info(
                request,
                _("Converted from GCJ-02 (%(a)s, %(b)s) to WGS-84 (%(c)s, %(d)s).")
                % {"a": typed_lat, "b": typed_lon, "c": lat, "d": lon},
            )
        closed = closed_periods(obj.opening_hours)
        if closed:
            messages.warning(
                request,
                _("%(name)s is closed %(periods)s: plans in those dates leave it out. Check this is meant.")
                % {"name": obj.name_en, "periods": ", ".join(closed)},
            )

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "opening_hours": []}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["hours_example"] = EXAMPLE
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Deleting: the confirmation names the themed routes that need the places.
    def render_delete_form(self, request, context):
        context["routes"] = routes_needing({context["object"].slug})
        return super().render_delete_form(request, context)

    @admin.action(description=gettext_lazy("Delete selected destinations"), permissions=["delete"])
    def delete_selected(self, request, queryset):
        response = django_delete_selected(self, request, queryset)
        if isinstance(response, TemplateResponse):
            response.context_data["routes"] = routes_needing({d.slug for d in queryset})
        return response

    @admin.action(description=gettext_lazy("Export selected as CSV"))
    def export_csv(self, request, queryset):
        response = HttpResponse(transfer.export_csv(queryset, bom=True), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="destinations.csv"'
        return response

    @admin.action(description=gettext_lazy("Export selected as JSON"))
    def export_json(self, request, queryset):
        response = HttpResponse(transfer.export_json(queryset), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="destinations.json"'
        return response

    @admin.action(description=gettext_lazy("Publish selected"), permissions=["change"])
    def publish(self, request, queryset):
        rows = list(queryset.filter(published=False))
        for d in rows:
            d.published = True
            d.save(update_fields=["published", "updated_at"])
        log_bulk(request, rows, _("Published"))
        messages.success(request, ngettext("%d place published.", "%d places published.", len(rows)) % len(rows))

    @admin.action(description=gettext_lazy("Unpublish selected"), permissions=["change"])
    def unpublish(self, request, queryset):
        rows = list(queryset.filter(published=True))
        routes = routes_needing({d.slug for d in rows})
        trips = trips_holding(slugs={d.slug for d in rows}, today=timezone.localdate())
        if (routes or trips.saved) and request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Unpublish places that themed routes or saved trips hold?"),
                "opts": self.model._meta,
                "places": rows,
                "routes": routes,
                "trips": trips_message(trips) if trips.saved else "",
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            }
            return TemplateResponse(request, "admin/itineraries/destination/unpublish_confirmation.html", context)
        for d in rows:
            d.published = False
            d.save(update_fields=["published", "updated_at"])  # a save, not update(): the catalogue version moves on
        log_bulk(request, rows, _("Unpublished"))
        messages.success(request, ngettext("%d place unpublished.", "%d places unpublished.", len(rows)) % len(rows))
        if routes:
            messages.warning(
                request,
                _("These themed routes are hidden until their places are published: %(routes)s")
                % {"routes": _route_names(routes)},
            )
        return None

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            return redirect("admin:index")
        report, upload_name, token, form = None, "", "", UploadForm()
        if request.method == "POST" and request.POST.get("confirm"):
            stored = request.session.get(IMPORT_SESSION_KEY) or {}
            if stored.get("token") != request.POST["confirm"]:
                messages.error(request, _("That preview has expired; choose the file again."))
                return redirect("admin:itineraries_destination_import")
            report, _problem = self._import(request, stored["text"], stored["name"], write=True)
            if report and report.written:
                del request.session[IMPORT_SESSION_KEY]
                messages.success(
                    request,
                    _("Imported %(name)s: %(new)d new, %(changed)d changed, %(same)d unchanged.")
                    % {
                        "name": stored["name"],
                        "new": report.created,
                        "changed": report.updated,
                        "same": report.unchanged,
                    },
                )
                if report.skipped:
                    messages.warning(
                        request,
                        ngettext(
                            "%d row with problems was left out.", "%d rows with problems were left out.", report.skipped
                        )
                        % report.skipped,
                    )
                return redirect("admin:itineraries_destination_changelist")
            upload_name = stored["name"]
        elif request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    text = upload.read().decode("utf-8-sig")
                except UnicodeDecodeError:
                    form.add_error("file", _("The file is not UTF-8 text."))
                else:
                    upload_name = upload.name
                    report, problem = self._import(request, text, upload_name, write=False)
                    if problem:
                        form.add_error("file", problem)
                    elif report and report.changes:
                        token = get_random_string(24)
                        request.session[IMPORT_SESSION_KEY] = {"token": token, "text": text, "name": upload_name}
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "report": report,
            "upload_name": upload_name,
            "token": token,
            "unit": _("item") if upload_name.lower().endswith(".json") else _("line"),
            "title": _("Import destinations"),
            "opts": self.model._meta,
        }
        return render(request, "admin/itineraries/destination/import.html", context)

    def _import(
        self, request: HttpRequest, text: str, name: str, *, write: bool
    ) -> tuple[transfer.ImportReport | None, str]:
        """The import's report (its good rows written when asked, bad rows listed), or why the file is unreadable."""
        fmt = "json" if name.lower().endswith(".json") else "csv"
        try:
            rows = transfer.parse(text, fmt)
        except ValueError as exc:
            return None, _("Could not read the file: %(problem)s") % {"problem": exc}
        report = transfer.destinations_import(rows, dry_run=not write, check=form_check)
        if report.written:
            by_slug = {d.slug: d for d in Destination.objects.filter(slug__in=[c.slug for c in report.changes])}
            for change in report.changes:
                place = by_slug[change.slug]
                fields = ", ".join(f for f, _old, _new in change.fields)
                if change.created:
                    self.log_addition(request, place, _("Imported from %(file)s") % {"file": name})
                else:
                    self.log_change(
                        request, place, _("Imported from %(file)s: %(fields)s") % {"file": name, "fields": fields}
                    )
        return report, ""

    def article_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            return redirect("admin:index")
        found, created = None, []
        form = ArticleForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            found = articles.mentions(form.cleaned_data["text"])
            if form.cleaned_data["create_drafts"]:
                created = articles.drafts_create(found, source=form.cleaned_data["source"])
                for draft in created:
                    self.log_addition(
                        request,
                        draft,
                        _("Drafted from an article: %(source)s") % {"source": form.cleaned_data["source"]},
                    )
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "found": found,
            "created": created,
            "title": _("Places in an article"),
            "opts": self.model._meta,
        }
        return render(request, "admin/itineraries/destination/article.html", context)
