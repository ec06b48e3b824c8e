"""A tourist's trip: the request, its computation's lifecycle and the result."""

import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

# A row's id as a caller may hold it: the UUID, or its text from a URL or a task argument.
ItineraryId = uuid.UUID | str
Owner = AbstractBaseUser | None


class Itinerary(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    request = models.JSONField()
    replanned_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replans", editable=False
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    error_detail = models.TextField(blank=True, help_text="for editors: the exception and where it was raised")
    task_id = models.CharField(max_length=64, blank=True)
    claim = models.CharField(max_length=64, blank=True, help_text="token of the attempt that owns the row")
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "itineraries"

    def __str__(self) -> str:
        return f"{self.id} ({self.status})"
