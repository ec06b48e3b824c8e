"""Browser tests drive Debian's Chromium with Playwright, never a browser Playwright downloads."""

import os
from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


LAPTOP_EN = (1440, 900, "en")
PHONE_ZH = (375, 812, "zh-hans")
# Each page's checks and accessibility scan run twice: on a laptop in English and on a phone in Chinese, so
# that each language is scanned once per template and each width is seen. Checks that belong to one width
# (tap targets on a phone) run in the view that has it; a behaviour that is the same in both runs once.
VIEWS = [LAPTOP_EN, PHONE_ZH]
AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_INSTALL = Path(__file__).resolve().parents[2] / "var" / "axe"


@pytest.fixture(params=VIEWS, ids=lambda v: f"{v[0]}px-{v[2]}")
def view(request):
    """A width and a language; a test that asks for it runs once in each."""
    return request.param


@pytest.fixture
def tourist(request, browser, live_server, settings):
    """A fresh browser tab at the view's size, with the view's language chosen as the language switch does: the
    test's ``view`` if it asks for one, else its ``tourist_view`` mark's (``LAPTOP_EN`` unless marked)."""
    settings.MAP_TILE_URL = ""  # no tile server here: maps draw their routes on a plain background
    if "view" in request.fixturenames:
        width, height, lang = request.getfixturevalue("view")
    else:
        mark = request.node.get_closest_marker("tourist_view")
        width, height, lang = mark.args[0] if mark else LAPTOP_EN
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from its npm package, installed into var/axe once for every run and worker of this checkout (again
    when tests/web/axe/package.json changes)."""
    import fcntl
    import shutil
    import subprocess

    if shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("npm is missing (.ci/run installs Debian's nodejs and npm)")
        pytest.skip("npm is missing")
    folder = AXE_INSTALL
    folder.mkdir(parents=True, exist_ok=True)
    wanted = (AXE_DIR / "package.json").read_text(encoding="utf-8")
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other pytest-xdist worker waits for this one's install
        installed = folder / "package.json"
        if script.exists() and installed.exists() and installed.read_text(encoding="utf-8") == wanted:
            return script
        installed.write_text(wanted, encoding="utf-8")
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
    return script


def serious_violations(page, axe_script: Path) -> list[str]:
    """What axe-core finds serious or critical on the page as it stands (WCAG 2 A and AA rules)."""
    # Evaluated through the DevTools protocol: a <script> tag would (rightly) be refused by the pages' CSP.
    page.evaluate(axe_script.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}});
            return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
        }"""
    )
    return list(found)


def shot(page, name: str, view) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-{view[0]}px-{view[2]}.png", full_page=True)
