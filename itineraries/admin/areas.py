"""Areas in the editors' admin: a walled town, a castle village or a scenic area, and the places in it."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from itineraries.catalogue.models import Area, Destination


class AreaForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("places in the area"),
        queryset=Destination.objects.exclude(kind=Destination.Kind.TOWN).order_by("name_en"),
        required=False,
        widget=admin.widgets.FilteredSelectMultiple(_("places"), is_stacked=False),
        help_text=_("its sights, and a lodging inside it (an inn within the walls); a place is in one area at most"),
    )

    class Meta:
        model = Area
        fields = ["slug", "name_en", "name_zh", "kind", "source"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["members"].initial = list(self.instance.members.all())

    def clean_members(self):
        members = self.cleaned_data["members"]
        elsewhere = [p for p in members if p.area_id is not None and p.area_id != self.instance.pk]
        if elsewhere:
            names = ", ".join(p.name_en for p in elsewhere)
            raise forms.ValidationError(_("Already in another area: %(names)s.") % {"names": names})
        return members


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    form = AreaForm
    list_display = ("slug", "name_en", "kind")
    search_fields = ("slug", "name_en", "name_zh")

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        area, wanted = form.instance, set(form.cleaned_data["members"])
        for place in Destination.objects.filter(area=area).exclude(pk__in=[p.pk for p in wanted]):
            place.area = None
            place.save(update_fields=["area", "updated_at"])  # a save: the catalogue version moves on
        for place in wanted:
            if place.area_id != area.pk:
                place.area = area
                place.save(update_fields=["area", "updated_at"])
