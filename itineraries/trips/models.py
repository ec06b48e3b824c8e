"""A tourist's trip: the request, its computation's lifecycle and the result."""

import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils.translation import gettext_lazy as _

# A row's id as a caller may hold it: the UUID, or its text from a URL or a task argument.
ItineraryId = uuid.UUID | str
Owner = AbstractBaseUser | None


class Itinerary(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True, on_delete=models.CASCADE
    )
    request = models.JSONField(
        _("request"),
    )
    replanned_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replans", editable=False
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    error_detail = models.TextField(
        _("error detail"), blank=True, help_text=_("for editors: the exception and where it was raised")
    )
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    claim = models.CharField(
        _("claim"), max_length=64, blank=True, help_text=_("token of the attempt that owns the row")
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("itinerary")
        verbose_name_plural = _("itineraries")

    def __str__(self) -> str:
        return f"{self.id} ({self.status})"
