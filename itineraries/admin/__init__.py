"""The editors' admin: destinations, roads, themed routes and season notes, and itineraries read-only. A
presentation layer like web/: it may use web's display helpers and labels."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from itineraries.admin import api_tokens, areas, destinations, itineraries, passes, roads, routes  # noqa: F401

admin.site.site_header = _("Shanxi trip planner: editors")
admin.site.site_title = _("Shanxi trip planner")
admin.site.index_title = _("Catalogue and trips")
