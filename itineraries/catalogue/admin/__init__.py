"""The editors' admin for the catalogue: destinations, roads, themed routes and season notes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from itineraries.catalogue.admin import destinations, roads, routes  # noqa: F401

admin.site.site_header = _("Shanxi trip planner: editors")
admin.site.site_title = _("Shanxi trip planner")
admin.site.index_title = _("Catalogue and trips")
