"""Itineraries in the admin, read-only: what was asked, how it went, a link to the trip page, and a re-run."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from itineraries.trips import services
from itineraries.trips.models import Itinerary


class RerunForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why re-run these plans? (kept in each trip's history)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )


@admin.register(Itinerary)
class ItineraryAdmin(admin.ModelAdmin):
    list_display = (
        "short_id",
        "start",
        "days",
        "date",
        "version",
        "origin",
        "status",
        "created_at",
        "short_error",
        "trip_link",
    )
    list_filter = ("status",)
    date_hierarchy = "created_at"
    actions = ["rerun"]
    fields = (
        "trip_link",
        "version",
        "origin",
        "requested_by",
        "reason",
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

    def has_delete_permission(self, request, obj=None) -> bool:
        # A version is part of its trip's history, and a trip is its owner's to delete (trips.services.trip_delete,
        # from My trips or the API): not even a superuser removes one here.
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # The list keeps its re-run action; a single itinerary is never edited by hand.
        return obj is None and super().has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        # Read-only rows: the list selects a plan to look at (or to re-run), never to change.
        title = _("Select %s to view") % self.model._meta.verbose_name  # Django's own words, translated
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

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
        owner = itinerary.trip.owner
        return owner.get_username() if owner else _("anonymous")

    @admin.display(description=gettext_lazy("trip page"))
    def trip_link(self, itinerary: Itinerary) -> str:
        url = reverse("web:trip", args=[itinerary.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open"))

    @admin.display(description=gettext_lazy("result"))
    def summary(self, itinerary: Itinerary) -> str:
        if not itinerary.result:
            return "-"
        days = itinerary.trip_result.days
        stops = sum(len(d.stops) for d in days)
        km = sum(leg.km for d in days for leg in d.legs)
        return _("%(days)d days, %(stops)d stops, %(km).0f km") % {"days": len(days), "stops": stops, "km": km}

    @admin.action(description=gettext_lazy("Re-run the selected plans"), permissions=["change"])
    def rerun(self, request, queryset):
        rows = list(queryset.select_related("trip__owner"))
        form = RerunForm(request.POST if request.POST.get("confirm") == "yes" else None)
        if not form.is_valid():
            return self._rerun_confirmation(request, rows, form)
        reason = form.cleaned_data["reason"]
        made = [services.itinerary_rerun(itinerary=row, by=request.user, reason=reason) for row in rows]
        for old, new in zip(rows, made, strict=True):
            self.log_change(
                request,
                old,
                _("Re-run as version %(version)d: %(reason)s") % {"version": new.version, "reason": reason},
            )
            self.log_addition(
                request,
                new,
                _("Re-run of version %(version)d: %(reason)s") % {"version": old.version, "reason": reason},
            )
        messages.success(
            request,
            ngettext(
                "%d plan queued again as a new version; the tourist's version is unchanged.",
                "%d plans queued again as new versions; the tourists' versions are unchanged.",
                len(made),
            )
            % len(made),
        )
        return None

    def _rerun_confirmation(self, request, rows: list[Itinerary], form: RerunForm) -> TemplateResponse:
        latest = {
            row["trip_id"]: row["latest"]
            for row in Itinerary.objects.filter(trip__in=[r.trip_id for r in rows])
            .values("trip_id")
            .annotate(latest=Max("version"))
        }
        seen: dict[object, int] = {}
        table = []
        for row in rows:
            key = row.trip_id
            seen[key] = seen.get(key, latest.get(key, row.version)) + 1
            table.append(
                {
                    "itinerary": row,
                    "short_id": self.short_id(row),
                    "owner": self.owner_name(row),
                    "start": self.start(row),
                    "next_version": seen[key],
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Re-run plans as new versions?"),
            "opts": self.model._meta,
            "rows": table,
            "trips": {row.trip_id for row in rows},
            "owners": ", ".join(f"{name} ({n})" for name, n in Counter(r["owner"] for r in table).most_common()),
            "form": form,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/itineraries/itinerary/rerun_confirmation.html", context)
