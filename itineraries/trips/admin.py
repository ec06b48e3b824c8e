"""Itineraries in the admin: see failed plans and re-run them."""

from __future__ import annotations

from django.contrib import admin, messages

from itineraries.trips import services
from itineraries.trips.models import Itinerary


@admin.register(Itinerary)
class ItineraryAdmin(admin.ModelAdmin):
    list_display = ("id", "status", "progress", "owner", "created_at", "attempts", "short_error")
    list_filter = ("status",)
    readonly_fields = ("id", "request", "result", "error", "created_at", "started_at", "finished_at", "attempts")
    actions = ["rerun"]

    @admin.display(description="error")
    def short_error(self, itinerary: Itinerary) -> str:
        return itinerary.error[:80]

    @admin.action(description="Re-run the selected plans")
    def rerun(self, request, queryset):
        count = 0
        for itinerary in queryset:
            services.itinerary_rerun(itinerary=itinerary)
            count += 1
        messages.success(request, f"{count} plan(s) queued again.")
