"""The words a trip is asked in, listed once: interests, travel modes, paces and how long a trip may be, with
the labels forms and the admin show."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

INTEREST_CHOICES = [
    ("heritage", _("Heritage")),
    ("temples", _("Temples")),
    ("wukong", _("Follow Wukong")),
    ("cycling", _("Cycling")),
    ("wellness", _("Wellness and health care")),
    ("nature", _("Nature")),
    ("painting", _("Painting")),
    ("villages", _("Villages and courtyards")),
]
PACE_CHOICES = [("relaxed", _("Relaxed")), ("normal", _("Normal")), ("packed", _("Packed"))]
MODE_CHOICES = [("car", _("Car")), ("ebike", _("E-bike")), ("bicycle", _("Bicycle"))]

INTERESTS = tuple(value for value, _label in INTEREST_CHOICES)
PACES = tuple(value for value, _label in PACE_CHOICES)
MODES = tuple(value for value, _label in MODE_CHOICES)
MAX_DAYS = 14
