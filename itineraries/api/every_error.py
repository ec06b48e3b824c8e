"""Every wrong field at once: a body refused for its shape (a bad `days`) is still checked against the trip rules
on the fields that passed (an unknown `start`), so a client fixes everything in one round trip."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from rest_framework import serializers
from rest_framework.fields import empty

from itineraries.trips.errors import InvalidRequest
from itineraries.trips.wording import refusals

Checked = TypeVar("Checked")


def _valid_part(serializer: serializers.Serializer) -> dict[str, Any]:
    """The fields of a refused body that pass on their own, validated."""
    data = serializer.initial_data
    values: dict[str, Any] = {}
    if not isinstance(data, Mapping):
        return values
    for name, field in serializer.fields.items():
        primitive = field.get_value(data)
        if name in serializer.errors or primitive is empty:
            continue
        try:
            values[field.source] = field.run_validation(primitive)
        except serializers.ValidationError:
            continue
    return values


def checked(serializer: serializers.Serializer, rules: Callable[[dict[str, Any]], Checked]) -> Checked:
    """`rules(validated_data)`, or a ValidationError naming every field the shape or the rules refuse."""
    if serializer.is_valid():
        return rules(serializer.validated_data)
    refused: dict[str, Any] = dict(serializer.errors)
    if "non_field_errors" not in refused:
        try:
            rules(_valid_part(serializer))
        except InvalidRequest as exc:
            refused = {**{k: v for k, v in refusals(exc).items() if k not in refused}, **refused}
    order = list(serializer.fields)  # the body's own order, whichever check refused a field
    raise serializers.ValidationError(
        dict(sorted(refused.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))
    )
