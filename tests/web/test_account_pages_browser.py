"""The account pages and My trips on a laptop and a phone, in English and Chinese: the site's look, no serious
accessibility problem, nothing wider than the screen."""

import pytest

from tests.web.conftest import serious_violations, shot

pytestmark = [pytest.mark.usefixtures("catalogue")]


def test_sign_up_sign_in_and_my_trips_read_well_everywhere(tourist, live_server, view, axe_script):
    page = tourist
    english = view[2] == "en"
    page.goto(f"{live_server.url}/accounts/signup/")
    assert page.locator("header.top .brand").is_visible()
    assert ("Sign Up" if english else "注册") in page.inner_text("main h1")
    assert serious_violations(page, axe_script) == []
    shot(page, "account-signup", view)
    page.fill("#id_email", f"{view[0]}-{view[2]}@example.com")
    page.fill("#id_password1", "loess plateau 2027")
    page.fill("#id_password2", "loess plateau 2027")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/trips/")
    assert ("My trips" if english else "我的行程") in page.inner_text("main h1")
    assert serious_violations(page, axe_script) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "account-my-trips-empty", view)
    page.locator("header.top button", has_text="Sign out" if english else "退出").click()
    page.goto(f"{live_server.url}/accounts/login/")
    assert serious_violations(page, axe_script) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
