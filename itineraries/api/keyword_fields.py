"""Serializers whose JSON keys are Python keywords ("from"): declared with a trailing underscore."""

from __future__ import annotations


# No docstring on the class: drf-spectacular would publish it as the description of every serializer using it.
class KeywordFieldsMixin:
    # A field declared as `from_` is published under the key `from`.
    def get_fields(self):
        return {name.removesuffix("_"): field for name, field in super().get_fields().items()}  # type: ignore[misc]
