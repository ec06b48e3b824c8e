"""The trip alone holds the owner: each version's owner moves onto its trip before the column goes, and every
version belongs to a trip (a row left without one becomes the first version of a trip of its own)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def owners_onto_trips(apps, schema_editor):
    Itinerary = apps.get_model("itineraries", "Itinerary")
    Trip = apps.get_model("itineraries", "Trip")
    for row in Itinerary.objects.filter(trip__isnull=True).order_by("created_at"):
        trip, _made = Trip.objects.get_or_create(id=row.pk, defaults={"owner_id": row.owner_id})
        row.trip = trip
        row.version = (Itinerary.objects.filter(trip=trip).aggregate(n=models.Max("version"))["n"] or 0) + 1
        row.save(update_fields=["trip", "version"])
    # A version with an owner makes its trip private: of several, the earliest version's owner keeps it.
    for trip in Trip.objects.filter(owner__isnull=True, versions__owner__isnull=False).distinct():
        first = trip.versions.filter(owner__isnull=False).order_by("version", "created_at").first()
        trip.owner_id = first.owner_id
        trip.save(update_fields=["owner"])
    if schema_editor.connection.vendor == "postgresql":
        # The foreign keys just written are checked now, not at commit: PostgreSQL refuses to alter a table
        # with checks still pending, and the columns change next.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def owners_onto_versions(apps, schema_editor):
    Itinerary = apps.get_model("itineraries", "Itinerary")
    for trip_id, owner_id in (
        apps.get_model("itineraries", "Trip").objects.filter(owner__isnull=False).values_list("id", "owner_id")
    ):
        Itinerary.objects.filter(trip_id=trip_id).update(owner_id=owner_id)


class Migration(migrations.Migration):
    dependencies = [
        ("itineraries", "0018_photos"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(owners_onto_trips, owners_onto_versions),
        migrations.RemoveField(model_name="itinerary", name="owner"),
        migrations.AlterField(
            model_name="itinerary",
            name="trip",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="versions",
                to="itineraries.trip",
                verbose_name="trip",
            ),
        ),
    ]
