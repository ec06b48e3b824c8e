"""Schemathesis generates requests from /api/schema/ for every operation: no 5xx, and every response conforms
to the schema (status code, content type, declared headers, body). Every request carries a token (schemathesis
takes it out to check that the operations declaring security refuse anonymous calls), and every other request to
an itinerary reaches a real finished trip. Run with -s to see the totals per operation."""

from collections import Counter, defaultdict

import pytest
import schemathesis
from django.contrib.auth.models import User
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from planner.wsgi import application
from tests.dates import upcoming

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
STATUSES: dict[str, Counter] = defaultdict(Counter)
SENT_TO_TRIP: Counter = Counter()
FUZZ_KEY = "fuzz0000000000000000000000000000000000ab"


@pytest.fixture(scope="module", autouse=True)
def totals():
    """Prints what each operation answered (with -s); under pytest-xdist a worker sees only its share."""
    yield
    sent = sum(sum(counts.values()) for counts in STATUSES.values())
    for operation, counts in sorted(STATUSES.items()):
        print(f"{operation}: {sum(counts.values())} requests, statuses {dict(sorted(counts.items()))}")
    print(f"schemathesis: {len(STATUSES)} operations, {sent} requests, 0 schema mismatches, 0 server errors")


def test_every_operation_in_the_schema_is_fuzzed():
    """schemathesis makes one test per operation it can read; one it cannot read would be silently missing."""
    operations = list(schema.get_all_operations())
    assert len(operations) >= 22
    assert all(isinstance(operation, Ok) for operation in operations), operations


@pytest.fixture(autouse=True)
def _no_throttle(settings, keep_test_connection):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"plan_submit": "100000/min"}}


@schema.auth()
class FuzzToken:
    """A real token on every request, given to schemathesis so that its auth checks take it out (and expect a 401
    on the operations that declare security)."""

    def get(self, case, ctx) -> str:
        return FUZZ_KEY  # the key the `trip` fixture stores: the provider runs outside the test's database access

    def set(self, case, data: str, ctx) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def trip(django_capture_on_commit_callbacks) -> str:
    """A finished trip planned without an account: anyone may read and change it, nobody may delete it."""
    Token.objects.create(user=User.objects.create_user("fuzz"), key=FUZZ_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        made = services.itinerary_create(request=PlanRequest(start="jincheng", days=2, date=upcoming(5, 4)))
    return str(made.pk)


@pytest.mark.usefixtures("catalogue")
@schema.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_every_generated_request_within_its_schema(case, trip):
    if "id" in (case.path_parameters or {}) and case.path.startswith("/api/v1/itineraries/"):
        SENT_TO_TRIP[case.operation.label] += 1
        if SENT_TO_TRIP[case.operation.label] % 2:  # every other request reaches a real trip: 200s, 409s, 412s
            case.path_parameters = {**case.path_parameters, "id": trip}
    response = case.call()
    STATUSES[case.operation.label][response.status_code] += 1
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
    # Whether the API refuses a request the schema allows (an unknown place slug, a past date) or lets an
    # empty optional filter through is request policy, not response conformance: those two checks are left out.
    case.validate_response(response, excluded_checks=[positive_data_acceptance, negative_data_rejection])


@pytest.fixture(autouse=True)
def _enough_requests(request):
    """Each operation's test sends a real number of requests (about 150 on 2026-12-06), not a handful."""
    yield
    label = getattr(request.node, "operation_label", None)
    if label is not None:
        assert sum(STATUSES[label].values()) >= 100, (label, STATUSES[label])
