"""An import row is checked by the very form an editor fills in, so a file cannot hold what the form refuses."""

from __future__ import annotations

import copy

from django.db.models import Q
from django.utils.translation import gettext as _

from itineraries.catalogue import transfer
from itineraries.catalogue.models import Destination


def _form_data(row: dict, current: Destination | None) -> dict:
    """The row over what the place has now (or the model's defaults for a new place), as a form takes it."""
    if current is not None:
        base = {f: getattr(current, f) for f in transfer.FIELDS}
    else:
        base = {f: Destination._meta.get_field(f).get_default() for f in transfer.FIELDS}
    data = {**base, **{k: v for k, v in row.items() if k in transfer.FIELDS}}
    return {k: ("" if v is None else v) for k, v in data.items()}


def _renamed_from(row: dict) -> Destination | None:
    """A new slug for a place already published under another one: an attempt to rename it by import."""
    names = Q(name_en=row.get("name_en") or None) | Q(name_zh=row.get("name_zh") or None)
    return Destination.objects.filter(names, published=True).exclude(slug=row.get("slug")).first()


def form_check(row: dict, current: Destination | None) -> tuple[list[tuple[str, str]], dict]:
    from itineraries.admin.destinations import DestinationForm  # the form module imports this one's caller

    errors: list[tuple[str, str]] = []
    if current is None and (same := _renamed_from(row)) is not None:
        errors.append(
            (
                "slug",
                _("%(name)s is already published as “%(slug)s”, and a published place keeps its slug: use that slug.")
                % {"name": same.name_en, "slug": same.slug},
            )
        )
    form = DestinationForm(data=_form_data(row, current), instance=copy.copy(current) if current else None)
    if not form.is_valid():
        errors += [(field, str(message)) for field, messages in form.errors.items() for message in messages]
    if errors:
        return errors, {}
    return [], {f: form.cleaned_data[f] for f in transfer.FIELDS if f != "slug"}
