import pytest
from django.contrib.auth.models import Group, User
from django.test import Client


@pytest.fixture
def editor(db):
    """A staff user in the editors group, signed in."""
    user = User.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    client = Client()
    client.force_login(user)
    return client
