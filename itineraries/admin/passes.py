"""Ticket passes in the editors' admin: price, validity, hours and the sights each one covers."""

from __future__ import annotations

from django.contrib import admin

from itineraries.catalogue.models import Destination, TicketPass


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
