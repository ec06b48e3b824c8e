"""Issue 41, item 1: behind the compose file's proxy (TRUSTED_PROXIES=1) every request comes from the proxy's
address; the login lockout must key on the client the proxy names, as the plan throttle does, so one client's
wrong passwords lock that client only."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

PROXY = "10.0.0.2"
PASSWORD = "a long pass phrase 7"


@pytest.fixture
def behind_proxy(db, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    User.objects.create_user("li", email="li@example.com", password=PASSWORD)
    User.objects.create_user("wang", email="wang@example.com", password=PASSWORD)


def via_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_one_clients_wrong_passwords_lock_only_that_client(behind_proxy):
    attacker = via_proxy("203.0.113.5")
    for _ in range(6):
        attacker.post("/accounts/login/", {"login": "li@example.com", "password": "wrong"})
    attacker.post("/accounts/login/", {"login": "wang@example.com", "password": PASSWORD})
    assert not signed_in(attacker)  # the attacker's address is locked out, even with a right password
    tourist = via_proxy("198.51.100.7")
    answer = tourist.post("/accounts/login/", {"login": "wang@example.com", "password": PASSWORD})
    assert answer.status_code == 302
    assert signed_in(tourist)  # everyone else still signs in through the same proxy


def test_a_forged_forwarded_header_does_not_escape_the_lockout(behind_proxy):
    """The proxy appends the real address; whatever the client put before it is not trusted."""
    for n in range(6):
        client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5")
        client.post("/accounts/login/", {"login": "li@example.com", "password": "wrong"})
    again = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5")
    again.post("/accounts/login/", {"login": "li@example.com", "password": PASSWORD})
    assert not signed_in(again)
