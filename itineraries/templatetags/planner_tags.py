from django import template

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
