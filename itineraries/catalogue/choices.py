"""The words a trip is asked in, listed once: interests, travel modes, paces and how long a trip may be, with
the labels forms and the admin show."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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

# The same modes and paces inside a sentence ("by e-bike", "a relaxed day"), for the words trips/wording.py makes.
MODE_WORDS = {
    "car": pgettext_lazy("travel mode in a sentence", "car"),
    "ebike": pgettext_lazy("travel mode in a sentence", "e-bike"),
    "bicycle": pgettext_lazy("travel mode in a sentence", "bicycle"),
}
PACE_WORDS = {
    "relaxed": pgettext_lazy("pace in a sentence", "relaxed"),
    "normal": pgettext_lazy("pace in a sentence", "normal"),
    "packed": pgettext_lazy("pace in a sentence", "packed"),
}

INTERESTS = tuple(value for value, _label in INTEREST_CHOICES)
PACES = tuple(value for value, _label in PACE_CHOICES)
MODES = tuple(value for value, _label in MODE_CHOICES)
MAX_DAYS = 14
