"""Tourists' API tokens in the admin: who has which, when it was last used; revoke by deleting. Keys are made
by their owners (My trips > API tokens), since only the owner ever sees one."""

from __future__ import annotations

from django.contrib import admin

from itineraries.accounts.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at")
    search_fields = ("name", "user__username", "user__email", "prefix")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")
    fields = ("user", "name", "prefix", "created_at", "expires_at", "last_used_at")

    def has_add_permission(self, request) -> bool:
        return False
