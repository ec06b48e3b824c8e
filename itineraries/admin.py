from django.contrib import admin

from itineraries.models import Destination, Itinerary, Road


@admin.register(Destination)
class DestinationAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_en", "name_zh", "kind", "city", "county", "confidence", "published")
    list_filter = ("kind", "city", "county", "lodging", "confidence", "published", "added")
    search_fields = ("slug", "name_en", "name_zh", "name_pinyin")


@admin.register(Road)
class RoadAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_en", "kind", "stated_km")
    list_filter = ("kind",)
    search_fields = ("slug", "name_en", "name_zh")


@admin.register(Itinerary)
class ItineraryAdmin(admin.ModelAdmin):
    list_display = ("id", "status", "progress", "owner", "created_at", "attempts")
    list_filter = ("status",)
    readonly_fields = ("id", "request", "result", "error", "created_at", "started_at", "finished_at")
