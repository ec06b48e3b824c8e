"""Itineraries in the admin, read-only: what was asked, how it went, a link to the trip page, and a re-run."""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from itineraries.admin.history import log_bulk
from itineraries.trips import services
from itineraries.trips.models import Itinerary


@admin.register(Itinerary)
class ItineraryAdmin(admin.ModelAdmin):
    list_display = ("short_id", "start", "days", "date", "version", "status", "created_at", "short_error", "trip_link")
    list_filter = ("status",)
    date_hierarchy = "created_at"
    actions = ["rerun"]
    fields = (
        "trip_link",
        "version",
        "origin",
        "status",
        "start",
        "days",
        "date",
        "summary",
        "error",
        "error_detail",
        "request",
        "replanned_from",
        "created_at",
        "started_at",
        "finished_at",
        "attempts",
        "owner_name",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # The list keeps its re-run action; a single itinerary is never edited by hand.
        return obj is None and super().has_change_permission(request)

    @admin.display(description=gettext_lazy("trip"))
    def short_id(self, itinerary: Itinerary) -> str:
        return str(itinerary.pk)[:8]

    @admin.display(description=gettext_lazy("start"))
    def start(self, itinerary: Itinerary) -> str:
        return str(itinerary.request.get("start") or itinerary.request.get("route") or "-")

    @admin.display(description=gettext_lazy("days"))
    def days(self, itinerary: Itinerary) -> str:
        return str(itinerary.request.get("days", "-"))

    @admin.display(description=gettext_lazy("first day"))
    def date(self, itinerary: Itinerary) -> str:
        return str(itinerary.request.get("date", "-"))

    @admin.display(description=gettext_lazy("error"))
    def short_error(self, itinerary: Itinerary) -> str:
        return itinerary.error[:80]

    @admin.display(description=gettext_lazy("owner"))
    def owner_name(self, itinerary: Itinerary) -> str:
        return itinerary.owner.get_username() if itinerary.owner else _("anonymous")

    @admin.display(description=gettext_lazy("trip page"))
    def trip_link(self, itinerary: Itinerary) -> str:
        url = reverse("web:trip", args=[itinerary.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open"))

    @admin.display(description=gettext_lazy("result"))
    def summary(self, itinerary: Itinerary) -> str:
        result = itinerary.result
        if not result:
            return "-"
        days = result.get("days", [])
        stops = sum(len(d.get("stops", [])) for d in days)
        km = sum(leg.get("km", 0) for d in days for leg in d.get("legs", []))
        return _("%(days)d days, %(stops)d stops, %(km).0f km") % {"days": len(days), "stops": stops, "km": km}

    @admin.action(description=gettext_lazy("Re-run the selected plans"), permissions=["change"])
    def rerun(self, request, queryset):
        rows = list(queryset)
        for itinerary in rows:
            services.itinerary_rerun(itinerary=itinerary)
        log_bulk(request, rows, _("Re-run from the admin"))
        messages.success(request, ngettext("%d plan queued again.", "%d plans queued again.", len(rows)) % len(rows))
