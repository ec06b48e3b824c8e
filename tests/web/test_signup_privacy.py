"""Issue 41, item 13: sign-up must not tell whether an address is registered. Where mail reaches people
(EMAIL_HOST set) verification is mandatory and allauth answers a registered address exactly as a new one,
mailing its owner that someone tried to sign up; without a mail server a new tourist goes straight in."""

import re
import runpy

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import translation

from tests.integration.processes import REPO

PASSWORD = "a long pass phrase 7"


def sign_up(email: str, language: str = "en") -> tuple[str, str, Client]:
    """Where the sign-up form sends the person, the page they land on (addresses and tokens blanked)."""
    client = Client()
    client.cookies["django_language"] = language
    answer = client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    assert answer.status_code == 302, answer.content.decode()[-1500:]
    page = client.get(answer["Location"]).content.decode()
    page = page.replace(email, "EMAIL")
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    page = re.sub(r'nonce="[^"]+"', "", page)
    return answer["Location"], page, client


@pytest.fixture
def registered(db):
    owner = User.objects.create_user("owner", "owner@example.com", "the owner's own pass 1")
    EmailAddress.objects.create(user=owner, email="owner@example.com", primary=True, verified=True)
    return owner


def deployment_settings(monkeypatch, email_host: str) -> dict:
    """planner/settings.py as a deployment from .env.example, with or without a mail server, loads it."""
    shipped = re.search(r"^ACCOUNT_EMAIL_VERIFICATION=(.*)$", (REPO / ".env.example").read_text(), re.M)
    monkeypatch.setenv("EMAIL_HOST", email_host)
    monkeypatch.setenv("ACCOUNT_EMAIL_VERIFICATION", shipped.group(1) if shipped else "")
    return runpy.run_path(str(REPO / "planner" / "settings.py"))


@pytest.fixture
def mail_server(settings, monkeypatch):
    """The account settings a deployment with EMAIL_HOST gets; mail itself still goes to the test outbox."""
    loaded = deployment_settings(monkeypatch, "smtp.example.org")
    for name in ("ACCOUNT_EMAIL_VERIFICATION", "ACCOUNT_PREVENT_ENUMERATION", "ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION"):
        if name in loaded:
            setattr(settings, name, loaded[name])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_registered_address_gets_the_same_answer_as_a_new_one(registered, mail_server, language):
    new_to, new_page, new_client = sign_up("new@example.com", language)
    taken_to, taken_page, taken_client = sign_up("OWNER@example.com".lower(), language)
    assert taken_to == new_to
    assert taken_page == new_page
    with translation.override(language):
        assert str(get_adapter().error_messages["email_taken"]) not in taken_page
    for client in (new_client, taken_client):
        assert client.get("/trips/").status_code == 302  # nobody is in before their address is confirmed
    assert list(User.objects.filter(email__iexact="owner@example.com")) == [registered]


def test_the_owner_of_a_registered_address_is_told_someone_tried(registered, mail_server):
    sign_up("owner@example.com")
    (notice,) = [m for m in mail.outbox if m.to == ["owner@example.com"]]
    assert "Account Already Exists" in notice.subject
    assert "/accounts/password/reset/" in notice.body
    assert PASSWORD not in notice.body


def test_the_notice_is_in_chinese_for_a_chinese_page(registered, mail_server):
    sign_up("owner@example.com", "zh-hans")
    (notice,) = [m for m in mail.outbox if m.to == ["owner@example.com"]]
    with translation.override("zh-hans"):
        assert "账户已经存在" in notice.subject


def test_a_new_tourist_confirms_the_address_and_is_in(db, mail_server):
    _, _, client = sign_up("new@example.com")
    (confirmation,) = mail.outbox
    link = re.search(r"https?://testserver(/accounts/confirm-email/\S+)", confirmation.body).group(1)
    client.post(link)
    assert client.get("/trips/").status_code == 200


def test_without_a_mail_server_a_new_tourist_goes_straight_in(db):
    client = Client()
    answer = client.post(
        "/accounts/signup/", {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert answer["Location"] == "/trips/"
    assert client.get("/trips/").status_code == 200


@pytest.mark.parametrize(("email_host", "verification"), [("smtp.example.org", "mandatory"), ("", "optional")])
def test_verification_is_mandatory_where_mail_reaches_people(monkeypatch, email_host, verification):
    loaded = deployment_settings(monkeypatch, email_host)
    assert loaded["ACCOUNT_EMAIL_VERIFICATION"] == verification
    assert loaded.get("ACCOUNT_PREVENT_ENUMERATION", True) is True
