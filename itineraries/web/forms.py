from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itineraries.trips.request import MAX_DAYS
from itineraries.trips.validation import PlanInput

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


class PlanForm(forms.Form):
    start = forms.ChoiceField(label=_("Start from"))
    date = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label=_("Number of days"), min_value=1, max_value=MAX_DAYS, initial=3)
    interests = forms.MultipleChoiceField(
        label=_("Interests"), choices=INTEREST_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    pace = forms.ChoiceField(label=_("Pace"), choices=PACE_CHOICES, initial="normal")
    mode = forms.ChoiceField(label=_("Travel mode"), choices=MODE_CHOICES, initial="car")
    must = forms.MultipleChoiceField(
        label=_("Must-see places"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    scenic = forms.BooleanField(label=_("Prefer the tourist highways (scenic)"), required=False)
    max_drive_hours = forms.FloatField(
        label=_("At most this many hours at the wheel a day"),
        required=False,
        min_value=0.5,
        max_value=12,
        help_text=_("Leave empty for the pace's usual limit (car: 2.5, 4 or 5.5 h; e-bike and bicycle: 2, 3 or 4 h)."),
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    route = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, starts: list[tuple[str, str]], sights: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = starts
        self.fields["must"].choices = sights
        if not self.is_bound:
            self.fields["date"].initial = timezone.localdate() + dt.timedelta(days=1)

    def to_input(self) -> PlanInput:
        data = self.cleaned_data
        return PlanInput(
            start=data["start"],
            days=data["days"],
            date=data["date"],
            interests=tuple(data["interests"]),
            pace=data["pace"],
            mode=data["mode"],
            must=tuple(data["must"]),
            scenic=data["scenic"],
            route=data.get("route") or None,
            max_drive_hours=data.get("max_drive_hours"),
        )
