"""A tourist's trip: the request, its computation's lifecycle and the result."""

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from itineraries.trips.trip_result import TripResult


class Origin(models.TextChoices):
    PLANNED = "planned", _("planned")
    REPLANNED = "replanned", _("re-planned")
    EDITED = "edited", _("edited by hand")
    OPTIMISED = "optimised", _("a day optimised")
    RESTORED = "restored", _("restored")
    RERUN = "rerun", _("re-run by an editor")


# A row's id as a caller may hold it: the UUID, or its text from a URL or a task argument.
ItineraryId = uuid.UUID | str
Owner = AbstractBaseUser | None


class Trip(models.Model):
    """What a tourist keeps: a name, notes, who may see and edit it, and its versions (itineraries). Its id is
    its first version's, so a link to a trip's first plan stays the trip's link."""

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="trips",
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    share_token = models.CharField(_("read-only link token"), max_length=40, blank=True, db_index=True)
    invite_token = models.CharField(_("invite link token"), max_length=40, blank=True, db_index=True)
    collaborators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("collaborators"), blank=True, related_name="shared_trips"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("trip")
        verbose_name_plural = _("trips")

    def __str__(self) -> str:
        return self.name or str(self.id)


class ItineraryQuerySet(models.QuerySet["Itinerary"]):
    def new_trip(self, *, owner: object = None, **fields: object) -> "Itinerary":
        """The first version of a new trip that shares its id (the trip's link is its first version's)."""
        with transaction.atomic():
            pk = uuid.uuid4()
            trip = Trip.objects.create(id=pk, owner=owner)
            return self.create(id=pk, trip=trip, version=1, **fields)


class Itinerary(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    request = models.JSONField(
        _("request"),
    )
    replanned_from = models.ForeignKey(
        "self",
        verbose_name=_("replanned from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replans",
        editable=False,
    )
    # Its trip holds what every version shares: the owner, the name, who else may see it.
    trip = models.ForeignKey(
        Trip, verbose_name=_("trip"), on_delete=models.CASCADE, related_name="versions", editable=False
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    origin = models.CharField(_("made by"), max_length=10, choices=Origin.choices, default=Origin.PLANNED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("the editor who re-ran the plan"),
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("why an editor re-ran the plan"))
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

    objects = ItineraryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["trip", "version"], name="one_row_per_trip_version")]
        verbose_name = _("itinerary")
        verbose_name_plural = _("itineraries")

    def __str__(self) -> str:
        return f"{self.id} ({self.status})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.trip_id is None:
            raise ValueError("a version belongs to a trip: make a new trip with Itinerary.objects.new_trip")
        super().save(*args, **kwargs)

    @property
    def trip_result(self) -> "TripResult":
        """The finished plan as typed values, upgraded from whatever shape the row was stored in."""
        from itineraries.trips.trip_result import TripResult

        if self.result is None:
            raise ValueError(f"itinerary {self.pk} has no result ({self.status})")
        return TripResult.from_stored(self.result)
