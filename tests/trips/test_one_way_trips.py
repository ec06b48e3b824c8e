"""Issue 41, item 9: one-way trips the request check accepted failed after the search ("produced an infeasible
plan: day N drives ... limit ..."): the search's nights stayed near the start and the last day could not reach
the end. The search now starts from nights that reach it, so an accepted one-way trip is planned."""

import pytest

from itineraries.trips import services
from itineraries.trips.validation import PlanInput, plan_request_build
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.mark.parametrize(
    ("start", "end", "days", "mode"),
    [
        ("qinshui", "guanque-tower", 2, "car"),
        ("yangcheng", "taiyuan-ancient-county-town", 3, "car"),
        ("qinshui", "stay-dayang-courtyards", 5, "ebike"),
        ("yangcheng", "tiefo-temple", 5, "ebike"),
    ],
)
def test_an_accepted_one_way_trip_is_planned_and_ends_at_its_end(
    start, end, days, mode, django_capture_on_commit_callbacks
):
    given = PlanInput(start=start, end=end, days=days, mode=mode, pace="relaxed", date=upcoming(5, 4))
    request = plan_request_build(given=given)
    with django_capture_on_commit_callbacks(execute=True):
        row = services.itinerary_create(request=request)
    row.refresh_from_db()
    assert row.status == "done", row.error
    assert row.result["days"][-1]["end"]["slug"] == end
    assert all(day["drive_minutes"] <= day["drive_cap_minutes"] + 1e-6 for day in row.result["days"])
