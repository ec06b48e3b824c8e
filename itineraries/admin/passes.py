"""Ticket passes (price, validity, hours, the sights each covers) and sources in the editors' admin."""

from __future__ import annotations

from django.contrib import admin

from itineraries.catalogue.models import Destination, Source, TicketPass


class SightInline(admin.TabularInline):
    model = Destination
    fields = ("slug", "name_en", "opening_hours")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(TicketPass)
class TicketPassAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_en", "price_cny", "valid_days", "estimated")
    search_fields = ("slug", "name_en", "name_zh")
    inlines = [SightInline]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("key", "publisher", "title", "date", "url")
    search_fields = ("key", "publisher", "title")
