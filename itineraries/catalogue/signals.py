"""Any change to the catalogue bumps its version, which keys every cached network and matrix."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from itineraries.catalogue.cache import catalogue_version_bump
from itineraries.catalogue.models import Destination, Photo, Road


@receiver([post_save, post_delete], sender=Destination)
@receiver([post_save, post_delete], sender=Road)
def catalogue_changed(**_kwargs: object) -> None:
    catalogue_version_bump()


@receiver(post_delete, sender=Photo)
def photo_files_removed(instance: Photo, **_kwargs: object) -> None:
    # Once the deletion is committed: one rolled back keeps its row, and so its files.
    names = [stored.name for stored in (instance.image, instance.thumbnail) if stored]
    storage = instance.image.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
