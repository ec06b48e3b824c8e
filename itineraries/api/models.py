"""What the API keeps of its own: the answers to writes sent with an Idempotency-Key (so a retried create,
re-plan or edit is answered again instead of done twice)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class IdempotentAnswer(models.Model):
    """The answer to one write sent with an Idempotency-Key, kept for a day. `status` 0 marks a write under way."""

    scope = models.CharField(max_length=120, help_text="who sent it (user or address) and which operation")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="sha256 of the method, path and body")
    status = models.PositiveSmallIntegerField(default=0)
    body = models.JSONField(null=True, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_once_per_scope")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
