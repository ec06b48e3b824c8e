import pytest
from django.core import signals
from django.db import close_old_connections


@pytest.fixture
def keep_test_connection():
    """For requests sent through the WSGI app itself: as Django's test client does, a request must not close the
    test transaction's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
