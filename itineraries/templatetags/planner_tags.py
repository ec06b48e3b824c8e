import datetime as dt

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from itineraries.catalogue.display import day_colour, display_name

register = template.Library()


@register.simple_tag
def place_name(obj) -> str:
    if isinstance(obj, dict):
        return display_name(obj["name_en"], obj["name_zh"])
    return display_name(obj.name_en, obj.name_zh)


@register.filter
def hhmm(moment: dt.datetime | str | None) -> str:
    """The clock time of a plan's moment, in the plan's own zone (Asia/Shanghai), not the page's."""
    if isinstance(moment, dt.datetime):
        return f"{moment:%H:%M}"
    return moment[11:16] if moment else ""


@register.filter(name="day_colour")
def day_colour_filter(n: int) -> str:
    return day_colour(int(n))


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


@register.filter
def full_date(day: dt.date) -> str:
    """A day with its weekday, in the order the page's language writes it: "Sunday, 6 December 2026" or
    "2026年12月6日 星期日"."""
    if not day:
        return ""
    return _("%(weekday)s, %(date)s") % {"weekday": date_format(day, "l"), "date": date_format(day, "DATE_FORMAT")}


@register.filter
def day_date(day: dt.date) -> str:
    """A day of the trip in a heading: "Mon 3 May" or "5月3日 周一"."""
    if not day:
        return ""
    return _("%(weekday)s %(month_day)s") % {
        "weekday": date_format(day, "D"),
        "month_day": date_format(day, "MONTH_DAY_FORMAT"),
    }
