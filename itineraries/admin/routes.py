"""Themed routes and season notes in the editors' admin, checked like the seed loader checks them."""

from __future__ import annotations

from math import cos, radians

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from itineraries.catalogue.choices import INTEREST_CHOICES, MAX_DAYS, MODE_CHOICES, PACE_CHOICES
from itineraries.catalogue.models import ROUTE_FIELDS, Destination, SeasonNote, ThemedRoute
from itineraries.catalogue.validation import route_errors
from itineraries.trips.route_trial import RouteTrial, route_trial
from itineraries.trips.trip_result import MissingMust
from itineraries.trips.wording import missing_reason, refusal_text

MONTHS = [(m, m) for m in range(1, 13)]


def _places(kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    rows = Destination.objects.filter(published=True, kind__in=kinds).order_by("name_en")
    return [(d.slug, f"{d.name_en} · {d.name_zh}") for d in rows]


def _nearest_town(musts: list[str]) -> str:
    """The published town closest to the middle of the must-sees: a route's start when the editor leaves it."""
    spots = list(Destination.objects.filter(slug__in=musts).values_list("lat", "lon"))
    if not spots:
        return ""
    lat, lon = sum(p[0] for p in spots) / len(spots), sum(p[1] for p in spots) / len(spots)
    towns = Destination.objects.filter(published=True, kind=Destination.Kind.TOWN)
    best = min(towns, key=lambda t: (t.lat - lat) ** 2 + ((t.lon - lon) * cos(radians(lat))) ** 2, default=None)
    return best.slug if best else ""


def _missing_text(route_days: int, missing: tuple[MissingMust, ...], names: dict[str, str]) -> str:
    by_reason: dict[str, list[str]] = {}
    for m in missing:
        by_reason.setdefault(missing_reason(m), []).append(names.get(m.slug, m.slug))
    places = "; ".join(f"{', '.join(spots)} ({reason})" for reason, spots in by_reason.items())
    return _(
        "Planned at its default length (%(days)d days from tomorrow), the route leaves out its own must-see "
        "places: %(places)s. Add a day, change the start or drop them; it can be saved unpublished meanwhile."
    ) % {"days": route_days, "places": places}


class ThemedRouteForm(forms.ModelForm):
    start = forms.ChoiceField(
        label=gettext_lazy("start"),
        required=False,
        help_text=gettext_lazy("Left empty: the town nearest the must-see places."),
    )
    must = forms.MultipleChoiceField(
        label=gettext_lazy("must-see places"),
        required=False,
        widget=FilteredSelectMultiple(gettext_lazy("places"), is_stacked=False),
    )
    interests = forms.MultipleChoiceField(
        label=gettext_lazy("interests"),
        required=False,
        choices=INTEREST_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    mode = forms.ChoiceField(label=gettext_lazy("mode"), choices=MODE_CHOICES)
    pace = forms.ChoiceField(label=gettext_lazy("pace"), choices=PACE_CHOICES)
    days = forms.TypedChoiceField(
        label=gettext_lazy("days"), coerce=int, choices=[(d, d) for d in range(1, MAX_DAYS + 1)]
    )

    class Meta:
        model = ThemedRoute
        fields = [*ROUTE_FIELDS, "end", "promises", "published"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = [("", _("(the town nearest the must-sees)")), *_places(("town", "sight"))]
        self.fields["must"].choices = _places(("sight",))
        self.trial: RouteTrial | None = None
        if not self.instance.pk:  # a new route: the model's defaults, not the first choice of each list
            for name in ("mode", "pace", "days"):
                self.initial.setdefault(name, ThemedRoute._meta.get_field(name).get_default())

    def clean(self):
        data = super().clean()
        if not data.get("start"):
            data["start"] = _nearest_town(data.get("must") or [])
            if not data["start"] and "start" not in self.errors:
                self.add_error("start", _("Choose a start, or must-see places to start near."))
        published = {slug for slug, _name in _places(("town", "sight", "lodging"))}
        lodgings = set(Destination.objects.filter(published=True, lodging=True).values_list("slug", flat=True))
        record = {**data, "must": data.get("must") or [], "interests": data.get("interests") or []}
        for field, message in route_errors(record, published, lodgings):
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        if not self.errors:
            self._plan(record)
        return data

    def _plan(self, record: dict) -> None:
        """The route planned as a tourist gets it by default; a published route must fit its own must-sees."""
        self.trial = route_trial(record=record)
        for field, problems in self.trial.errors.items():
            for message in problems:
                self.add_error(field if field in self.fields else None, refusal_text(message))
        if self.trial.missing and record.get("published"):
            names = dict(_places(("sight",)))
            self.add_error("published", _missing_text(int(record["days"]), self.trial.missing, names))


@admin.register(ThemedRoute)
class ThemedRouteAdmin(admin.ModelAdmin):
    form = ThemedRouteForm
    list_display = ("slug", "name_en", "name_zh", "start", "days", "mode_label", "pace_label", "published", "usable")
    list_filter = ("published",)
    search_fields = ("slug", "name_en", "name_zh")

    @admin.display(description=gettext_lazy("mode"), ordering="mode")
    def mode_label(self, route: ThemedRoute) -> str:
        return str(dict(MODE_CHOICES).get(route.mode, route.mode))

    @admin.display(description=gettext_lazy("pace"), ordering="pace")
    def pace_label(self, route: ThemedRoute) -> str:
        return str(dict(PACE_CHOICES).get(route.pace, route.pace))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        trial = form.trial
        if trial is None or trial.km is None:
            return
        if trial.missing:
            messages.warning(request, _missing_text(obj.days, trial.missing, dict(_places(("sight",)))))
            return
        messages.info(
            request,
            _("Planned at its default length: %(days)d days, %(km)s km (%(by_day)s); every must-see fits.")
            % {"days": obj.days, "km": trial.km, "by_day": " + ".join(f"{km}" for km in trial.days_km)},
        )

    @admin.display(description=gettext_lazy("every place published"), boolean=True)
    def usable(self, route: ThemedRoute) -> bool:
        places = {route.start, *route.must}
        return Destination.objects.filter(slug__in=places, published=True).count() == len(places)


class SeasonNoteForm(forms.ModelForm):
    city = forms.ChoiceField(label=gettext_lazy("city"))
    months = forms.TypedMultipleChoiceField(
        label=gettext_lazy("months"), coerce=int, choices=MONTHS, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SeasonNote
        fields = ["city", "months", "note_en", "note_zh", "source"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cities = sorted(set(Destination.objects.exclude(city="").values_list("city", flat=True)))
        self.fields["city"].choices = [(c, c) for c in cities]

    def clean_source(self) -> str:
        source = self.cleaned_data.get("source", "").strip()
        if not source:
            raise forms.ValidationError(_("A season note needs its source."))
        return source


@admin.register(SeasonNote)
class SeasonNoteAdmin(admin.ModelAdmin):
    form = SeasonNoteForm
    list_display = ("city", "months", "note_en")
    list_filter = ("city",)
