"""Any change to the catalogue bumps its version, which keys every cached network and matrix."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from itineraries.catalogue.cache import catalogue_version_bump
from itineraries.catalogue.models import Destination, Road


@receiver([post_save, post_delete], sender=Destination)
@receiver([post_save, post_delete], sender=Road)
def catalogue_changed(**_kwargs) -> None:
    catalogue_version_bump()
