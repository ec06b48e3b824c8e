"""Import previews as an editor reads them: field labels, yes/no, lists and opening hours in words."""

from __future__ import annotations

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from itineraries.catalogue.choices import INTEREST_CHOICES
from itineraries.catalogue.models import Destination

register = template.Library()
CATEGORIES = dict(INTEREST_CHOICES)


@register.filter
def field_label(name: str) -> str:
    """A destination field's name as the form labels it ("lat" -> "latitude"); other names as they are."""
    if name == "__all__":
        return _("the row")
    try:
        return str(Destination._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _season(season: dict) -> str:
    dates = _("%(from)s to %(to)s") % {"from": season.get("from", "01-01"), "to": season.get("to", "12-31")}
    if season.get("closed"):
        return _("%(dates)s closed") % {"dates": dates}
    days = season.get("days", "daily")
    days = _("daily") if days == "daily" else ", ".join(days) if isinstance(days, list) else str(days)
    return f"{dates}, {days}, {season.get('open', '')}-{season.get('close', '')}"


@register.filter
def editor_value(value: object, field: str = "") -> str:
    """A stored value as an editor reads it, not as Python prints it (None, True, ['heritage'])."""
    if value is None or value == "" or value == []:
        return _("(none)")
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return "; ".join(_season(v) for v in value)
    if isinstance(value, list):
        return ", ".join(str(CATEGORIES.get(v, v)) if field == "categories" else str(v) for v in value)
    if field:
        try:
            choices = dict(Destination._meta.get_field(field).choices or ())
        except FieldDoesNotExist:
            choices = {}
        if value in choices:
            return str(choices[value])
    return str(value)
