from django import template
from django.utils.translation import gettext as _

from itineraries.web.display import display_name

register = template.Library()


@register.simple_tag
def place_name(obj) -> str:
    if isinstance(obj, dict):
        return display_name(obj["name_en"], obj["name_zh"])
    return display_name(obj.name_en, obj.name_zh)


@register.filter
def hhmm(iso: str) -> str:
    return iso[11:16] if iso else ""


@register.filter
def day_colour(n: int) -> str:
    from itineraries.trips.exports import DAY_COLOURS

    return DAY_COLOURS[(int(n) - 1) % len(DAY_COLOURS)]


@register.filter
def duration(minutes) -> str:
    """Minutes as hours and minutes: 701 -> "11 h 41 min", 45 -> "45 min"."""
    if minutes in (None, ""):
        return ""
    hours, rest = divmod(round(float(minutes)), 60)
    if not hours:
        return _("%(m)d min") % {"m": rest}
    if not rest:
        return _("%(h)d h") % {"h": hours}
    return _("%(h)d h %(m)02d min") % {"h": hours, "m": rest}
