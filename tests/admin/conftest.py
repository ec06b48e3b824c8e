import pytest
from django.contrib.auth.models import User
from django.test import Client


@pytest.fixture
def editor(editors_group):
    """A staff user in the editors group, signed in."""
    user = User.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(editors_group)
    client = Client()
    client.force_login(user)
    return client
