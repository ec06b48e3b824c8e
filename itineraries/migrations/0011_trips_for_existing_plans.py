from django.db import migrations


def trips_for_existing(apps, schema_editor):
    """Each chain of re-plans becomes one trip, its first plan's id the trip's id, versions by creation time."""
    Itinerary = apps.get_model("itineraries", "Itinerary")
    Trip = apps.get_model("itineraries", "Trip")
    parent = dict(Itinerary.objects.values_list("id", "replanned_from_id"))

    def root(pk):
        seen = set()
        while parent.get(pk) and pk not in seen:
            seen.add(pk)
            pk = parent[pk]
        return pk

    for row in Itinerary.objects.filter(trip__isnull=True).order_by("created_at"):
        first = root(row.pk)
        owner_id = Itinerary.objects.filter(pk=first).values_list("owner_id", flat=True).first()
        trip, _ = Trip.objects.get_or_create(id=first, defaults={"owner_id": owner_id})
        row.trip = trip
        row.version = Itinerary.objects.filter(trip=trip).count() + 1
        row.origin = "planned" if row.pk == first else "replanned"
        row.save(update_fields=["trip", "version", "origin"])


class Migration(migrations.Migration):
    dependencies = [("itineraries", "0010_trips_and_versions")]
    operations = [migrations.RunPython(trips_for_existing, migrations.RunPython.noop)]
