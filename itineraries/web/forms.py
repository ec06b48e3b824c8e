from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itineraries.catalogue.choices import INTEREST_CHOICES, MAX_DAYS, MODE_CHOICES, PACE_CHOICES
from itineraries.trips.validation import PlanInput

ISO_DATE = "%Y-%m-%d"  # what <input type="date"> accepts, whatever the page's language


class PlaceChecklist(forms.CheckboxSelectMultiple):
    """A filterable list of checkboxes: works by touch, shows whole names, and lists the chosen ones first."""

    template_name = "itineraries/widgets/place_checklist.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = set(value or ())
        context["widget"]["chosen_count"] = len(chosen)
        context["widget"]["chosen_first"] = sorted(self.choices, key=lambda choice: choice[0] not in chosen)
        return context


class PlanForm(forms.Form):
    start = forms.ChoiceField(label=_("Start from"), error_messages={"required": _("Choose where the trip starts.")})
    date = forms.DateField(
        label=_("First day"),
        input_formats=[ISO_DATE],
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
        error_messages={
            "required": _("Choose the first day of the trip."),
            "invalid": _("Enter the first day as a date, for example 2027-05-03."),
        },
    )
    days = forms.IntegerField(
        label=_("Number of days"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=3,
        error_messages={
            "required": _("Say how many days the trip lasts."),
            "invalid": _("Enter the number of days as a whole number."),
            "min_value": _("A trip lasts at least one day."),
            "max_value": _("A trip lasts at most %(limit_value)s days."),
        },
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"), choices=INTEREST_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    pace = forms.ChoiceField(label=_("Pace"), choices=PACE_CHOICES, initial="normal")
    mode = forms.ChoiceField(label=_("Travel mode"), choices=MODE_CHOICES, initial="car")
    must = forms.MultipleChoiceField(label=_("Must-see places"), required=False, widget=PlaceChecklist)
    end = forms.ChoiceField(
        label=_("End at"),
        required=False,
        help_text=_("Leave as it is for a round trip back to the start."),
    )
    avoid = forms.MultipleChoiceField(label=_("Places to leave out"), required=False, widget=PlaceChecklist)
    scenic = forms.BooleanField(label=_("Prefer the tourist highways (scenic)"), required=False)
    max_drive_hours = forms.FloatField(
        label=_("At most this many hours at the wheel a day"),
        required=False,
        min_value=0.5,
        max_value=12,
        help_text=_("Leave empty for the pace's usual limit (car: 2.5, 4 or 5.5 h; e-bike and bicycle: 2, 3 or 4 h)."),
        widget=forms.NumberInput(attrs={"step": "0.5"}),
        error_messages={
            "invalid": _("Enter the hours as a number, for example 3.5."),
            "min_value": _("Allow at least half an hour at the wheel a day."),
            "max_value": _("At most 12 hours at the wheel a day."),
        },
    )
    rest_days = forms.CharField(
        label=_("Rest days at the base"),
        required=False,
        max_length=40,
        help_text=_("Day numbers with no driving, such as 3 or 2, 4: spent where the night before was."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "3"}),
    )
    route = forms.CharField(label=_("Themed route"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, starts: list[tuple[str, str]], sights: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = starts
        self.fields["end"].choices = [("", _("Back to the start")), *starts]
        self.fields["must"].choices = sights
        self.fields["avoid"].choices = sights
        for name in ("start", "pace", "mode", "end"):
            self.fields[name].error_messages["invalid_choice"] = _("Choose one of the listed options.")
        if not self.is_bound:
            self.fields["date"].initial = timezone.localdate() + dt.timedelta(days=1)

    def clean_rest_days(self) -> tuple[int, ...]:
        text = self.cleaned_data.get("rest_days") or ""
        parts = [part for part in text.replace("，", ",").replace(" ", ",").split(",") if part]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(_("Write day numbers separated by commas, for example 2, 4."))
        return tuple(int(part) for part in parts)

    def to_input(self) -> PlanInput:
        """What the form holds, valid or not: fields that failed their own check are left out."""
        data = getattr(self, "cleaned_data", {})
        return PlanInput(
            start=data.get("start") or None,
            days=data.get("days"),
            date=data.get("date"),
            interests=tuple(data.get("interests", ())),
            pace=data.get("pace") or None,
            mode=data.get("mode") or None,
            must=tuple(data.get("must", ())),
            avoid=tuple(data.get("avoid", ())),
            end=data.get("end") or None,
            scenic=data.get("scenic"),
            route=data.get("route") or None,
            max_drive_hours=data.get("max_drive_hours"),
            rest_days=tuple(data.get("rest_days", ())),
        )
