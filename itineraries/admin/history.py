"""History entries for what the admin changes in bulk, so an object's history tells who did it and why."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import Model
from django.http import HttpRequest


def log_bulk(request: HttpRequest, objects: Sequence[Model], message: str, *, flag: int = CHANGE) -> None:
    if objects:
        LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=list(objects), action_flag=flag, change_message=str(message)
        )
