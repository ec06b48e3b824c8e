"""Themed routes and season notes in the editors' admin, checked like the seed loader checks them."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from itineraries.catalogue.models import ROUTE_FIELDS, Destination, SeasonNote, ThemedRoute
from itineraries.catalogue.validation import route_errors
from itineraries.trips.request import MAX_DAYS
from itineraries.web.forms import INTEREST_CHOICES, MODE_CHOICES, PACE_CHOICES

MONTHS = [(m, m) for m in range(1, 13)]


def _places(kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    rows = Destination.objects.filter(published=True, kind__in=kinds).order_by("name_en")
    return [(d.slug, f"{d.name_en} · {d.name_zh}") for d in rows]


class ThemedRouteForm(forms.ModelForm):
    start = forms.ChoiceField(label=gettext_lazy("start"))
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
        fields = list(ROUTE_FIELDS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = _places(("town", "sight"))
        self.fields["must"].choices = _places(("sight",))

    def clean(self):
        data = super().clean()
        published = {slug for slug, _name in _places(("town", "sight", "lodging"))}
        record = {**data, "must": data.get("must") or [], "interests": data.get("interests") or []}
        for field, message in route_errors(record, published):
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data


@admin.register(ThemedRoute)
class ThemedRouteAdmin(admin.ModelAdmin):
    form = ThemedRouteForm
    list_display = ("slug", "name_en", "name_zh", "start", "days", "mode", "usable")
    search_fields = ("slug", "name_en", "name_zh")

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
