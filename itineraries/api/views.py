from __future__ import annotations

from django.db.models import F
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware, method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from itineraries.api.downloads import DownloadNegotiation, download_type
from itineraries.api.error_schema import (
    CONDITIONAL_GET,
    IF_MATCH,
    LOCATION,
    NOT_MODIFIED,
    RATE_LIMIT,
    RETRY_AFTER,
    errors,
)
from itineraries.api.errors import NotDone
from itineraries.api.every_error import checked
from itineraries.api.filters import DestinationFilter
from itineraries.api.geojson_schema import RoadFeatureCollectionSerializer, TripFeatureCollectionSerializer
from itineraries.api.idempotency import IDEMPOTENCY_KEY, idempotent
from itineraries.api.pagination import LINK, StrictOrderingFilter
from itineraries.api.preconditions import base_for_settings, base_for_version
from itineraries.api.serializers import (
    AcceptedSerializer,
    CollaboratorSerializer,
    DestinationSerializer,
    EditSerializer,
    ItinerarySerializer,
    PlanSerializer,
    ReplanSerializer,
    ThemedRouteSerializer,
    TripSettingsSerializer,
    VersionSerializer,
)
from itineraries.catalogue import selectors as catalogue
from itineraries.catalogue.models import ThemedRoute
from itineraries.http.claims import remember_planned
from itineraries.http.throttle import PlanSubmitThrottle
from itineraries.trips import exports, services
from itineraries.trips import selectors as trips
from itineraries.trips.access import Role, access_resolve
from itineraries.trips.errors import NoSuchTrip
from itineraries.trips.models import Itinerary
from itineraries.trips.validation import plan_request_build, replan_places_check

SLUG = "[-a-zA-Z0-9_]+"
# The catalogue's answers carry an ETag of their content, and If-None-Match gets a 304 while it holds.
conditional_get = method_decorator(decorator_from_middleware(ConditionalGetMiddleware), name="dispatch")
USER_ID = OpenApiParameter("user", OpenApiTypes.INT, OpenApiParameter.PATH, description="a collaborator's user id")
VERSION_NUMBER = OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH, description="a version number")
ITINERARY_ID = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="the itinerary's id")
GPX_TYPES = ("application/gpx+xml", "application/octet-stream")
ICS_TYPES = ("text/calendar", "application/octet-stream")
GEOJSON = "application/geo+json"
# The generated clients take the first type a response lists: a download is bytes to them whatever it is named.
DOWNLOAD_SCHEMA_ORDER = "application/octet-stream"


def _download(types: tuple[str, ...]) -> dict:
    listed = sorted(types, key=lambda kind: kind != DOWNLOAD_SCHEMA_ORDER)
    return {(200, kind): OpenApiTypes.BINARY for kind in listed}


@extend_schema_view(
    list=extend_schema(
        parameters=[*CONDITIONAL_GET, LINK],
        responses={200: DestinationSerializer(many=True), 304: NOT_MODIFIED, **errors(400, 401, 404)},
    ),
    retrieve=extend_schema(
        parameters=CONDITIONAL_GET, responses={200: DestinationSerializer, 304: NOT_MODIFIED, **errors(401, 404)}
    ),
)
@conditional_get
class DestinationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DestinationSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG
    filterset_class = DestinationFilter

    def get_queryset(self):
        return catalogue.destination_list()


@extend_schema_view(
    list=extend_schema(
        parameters=CONDITIONAL_GET, responses={200: ThemedRouteSerializer(many=True), 304: NOT_MODIFIED, **errors(401)}
    ),
    retrieve=extend_schema(
        parameters=CONDITIONAL_GET, responses={200: ThemedRouteSerializer, 304: NOT_MODIFIED, **errors(401, 404)}
    ),
)
@conditional_get
class ThemedRouteViewSet(viewsets.ReadOnlyModelViewSet):
    """Themed routes from the articles; start a plan from one with {"route": "<slug>"}."""

    serializer_class = ThemedRouteSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG
    pagination_class = None
    queryset = ThemedRoute.objects.none()  # the schema's model; requests get the usable routes

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ThemedRoute.objects.none()
        return catalogue.route_list()


@conditional_get
class HighwayView(APIView):
    @extend_schema(
        operation_id="highways_list",
        parameters=CONDITIONAL_GET,
        responses={(200, GEOJSON): RoadFeatureCollectionSerializer, 304: NOT_MODIFIED, **errors(401)},
        summary="The tourist highways as a GeoJSON FeatureCollection",
    )
    def get(self, request):
        return Response(catalogue.road_feature_collection(), content_type=GEOJSON)


def _accepted(request, itinerary: Itinerary) -> Response:
    url = request.build_absolute_uri(f"/api/v1/itineraries/{itinerary.pk}/")
    return Response(
        {"id": str(itinerary.pk), "status": itinerary.status, "url": url},
        status=status.HTTP_202_ACCEPTED,
        headers={"Location": url},
    )


def _tagged(response: Response, version: Itinerary) -> Response:
    """A write's answer carries the new ETag, for the client's next If-Match."""
    tag = trips.version_etag(version)
    if tag is not None:
        response["ETag"] = tag
    return response


@extend_schema_view(
    list=extend_schema(
        parameters=[LINK],
        responses={200: ItinerarySerializer(many=True), **errors(400, 401, 404)},
        summary="The latest version of each trip you own or edit",
    ),
)
class ItineraryViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Submit a plan (202), poll it, fetch it as JSON, GPX, ICS or GeoJSON. Ids are random UUIDs."""

    serializer_class = ItinerarySerializer
    throttle_scope = "plan_submit"
    lookup_value_regex = "[^/]+"
    filter_backends = [StrictOrderingFilter]
    ordering_fields = ["created_at", "name"]
    ordering = ["-created_at"]

    def finalize_response(self, request, response, *args, **kwargs):
        window = getattr(request, "rate_limit", None)
        if window is not None:
            for name, value in window.headers().items():
                response[name] = value
        return super().finalize_response(request, response, *args, **kwargs)

    def get_permissions(self):
        # Planning works without an account; reading and changing a trip follow trips.access (an anonymous
        # trip is open to its link, an owned one to its owner, collaborators and the read-only link).
        if self.action == "list":
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    def _version(self, pk, need: Role = Role.VIEWER, deferred: tuple[str, ...] = ()) -> Itinerary:
        """The version with this id, if the caller may read (or change) its trip; 404 hides a private trip."""
        tokens = [self.request.query_params.get("share", "")]
        access = access_resolve(
            pk, self.request.user, share_tokens=tokens, need=need, deferred=deferred
        )  # errors: api/errors.py
        if access.version is None:  # the API names versions
            raise NoSuchTrip
        return access.version

    def get_throttles(self):
        return [PlanSubmitThrottle()] if self.action in ("create", "replan") else []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Itinerary.objects.none()
        if self.action == "list":
            return trips.itinerary_list(owner=self.request.user).annotate(name=F("trip__name"))  # to sort by
        return Itinerary.objects.all()

    @extend_schema(
        parameters=[ITINERARY_ID, *CONDITIONAL_GET],
        responses={200: ItinerarySerializer, 304: NOT_MODIFIED, **errors(401, 404)},
    )
    def retrieve(self, request, *args, **kwargs):
        """A finished or failed plan no longer changes: it carries an ETag, and a client that sends it back in
        If-None-Match gets a 304 without the body."""
        sent = request.headers.get("If-None-Match")
        # A client that revalidates is answered from the version's status, times and trip: its JSON is loaded
        # only when the tag no longer matches.
        deferred = trips.BODY_FIELDS if sent else ()
        version = self._version(kwargs[self.lookup_field], deferred=deferred)
        tag = trips.version_etag(version)
        if tag is not None and sent and tag in sent:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        if deferred:
            version.refresh_from_db(fields=list(deferred))
        response = Response(ItinerarySerializer.from_row(trips.itinerary_public(version)))
        if tag is not None:
            response["ETag"] = tag
        return response

    @extend_schema(
        request=PlanSerializer,
        parameters=[IDEMPOTENCY_KEY, LOCATION, RETRY_AFTER, *RATE_LIMIT],
        responses={202: AcceptedSerializer, **errors(400, 401, 403, 409, 413, 415, 422, 429)},
        summary="Plan a trip: 202 at once, then poll the itinerary",
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        serializer = PlanSerializer(data=request.data)
        owner = request.user if request.user.is_authenticated else None
        plan_request = checked(serializer, lambda data: plan_request_build(given=PlanSerializer.to_input(data)))
        itinerary = services.itinerary_create(request=plan_request, owner=owner)
        if not request.user.is_authenticated and hasattr(request, "session"):
            remember_planned(request, itinerary.trip)
        return _accepted(request, itinerary)

    @extend_schema(
        request=ReplanSerializer,
        parameters=[ITINERARY_ID, IF_MATCH, IDEMPOTENCY_KEY, LOCATION, RETRY_AFTER, *RATE_LIMIT],
        responses={202: AcceptedSerializer, **errors(400, 401, 403, 404, 409, 412, 413, 415, 422, 429)},
        summary="Plan the trip again with pins, drops and kept days: a new version, 202, then poll it",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def replan(self, request, pk=None):
        itinerary = self._version(pk, Role.COLLABORATOR)
        serializer = ReplanSerializer(data=request.data)
        days = int(itinerary.request.get("days", 0))
        pins, drops = checked(
            serializer,
            lambda data: replan_places_check(
                pins=data.get("pins", []), drops=data.get("drops", []), keep_days=data.get("keep_days", []), days=days
            ),
        )
        keep_days = serializer.validated_data["keep_days"]
        new = services.itinerary_replan(
            itinerary=itinerary,
            pins=pins,
            drops=drops,
            keep_days=tuple(dict.fromkeys(keep_days)),
            base=base_for_version(request, itinerary),
        )
        return _accepted(request, new)

    @extend_schema(
        parameters=[ITINERARY_ID],
        responses={204: None, **errors(401, 403, 404)},
        summary="Delete the trip and all its versions (its owner only)",
    )
    def destroy(self, request, *args, **kwargs):
        version = self._version(kwargs[self.lookup_field], Role.OWNER)
        services.trip_delete(trip=version.trip)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=TripSettingsSerializer,
        parameters=[ITINERARY_ID, IF_MATCH],
        responses={200: ItinerarySerializer, **errors(400, 401, 403, 404, 412, 413, 415)},
        summary="Rename the trip or change its notes (owner or collaborator)",
    )
    def partial_update(self, request, pk=None):
        version = self._version(pk, Role.COLLABORATOR)
        serializer = TripSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.trip_update(trip=version.trip, base=base_for_settings(request), **serializer.validated_data)
        version.refresh_from_db()
        return _tagged(Response(ItinerarySerializer(version).data), version)

    @extend_schema(
        parameters=[ITINERARY_ID],
        responses={200: CollaboratorSerializer(many=True), **errors(401, 403, 404)},
        summary="Who edits the trip with its owner (the owner only)",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def collaborators(self, request, pk=None):
        version = self._version(pk, Role.OWNER)
        rows = version.trip.collaborators.order_by("email").values("id", "email")
        return Response(CollaboratorSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[ITINERARY_ID, USER_ID],
        request=None,
        responses={204: None, **errors(401, 403, 404)},
        summary="Remove a collaborator: the trip no longer exists for them (the owner only)",
    )
    @action(detail=True, methods=["delete"], url_path=r"collaborators/(?P<user>[0-9]{1,12})")
    def collaborator_remove(self, request, pk=None, user=None):
        version = self._version(pk, Role.OWNER)
        if not services.trip_collaborator_remove(trip=version.trip, user_id=int(user)):
            raise NotFound("The trip has no such collaborator.")
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[ITINERARY_ID],
        responses={200: VersionSerializer(many=True), **errors(401, 404)},
        summary="The trip's versions, oldest first",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def versions(self, request, pk=None):
        version = self._version(pk)
        rows = version.trip.versions.order_by("version").values("version", "id", "origin", "status", "created_at")
        return Response(VersionSerializer(rows, many=True).data)

    @extend_schema(
        request=None,
        parameters=[ITINERARY_ID, VERSION_NUMBER, IF_MATCH],
        responses={201: ItinerarySerializer, **errors(401, 403, 404, 412)},
        summary="Restore a version: it becomes the trip's newest version",
    )
    @action(detail=True, methods=["post"], url_path=r"versions/(?P<number>[0-9]{1,5})/restore")
    def restore(self, request, pk=None, number=None):
        version = self._version(pk, Role.COLLABORATOR)
        if not version.trip.versions.filter(version=int(number)).exists():
            raise NotFound("The trip has no such version.")
        new = services.itinerary_restore(
            trip=version.trip, version=int(number), base=base_for_version(request, version)
        )
        return _tagged(Response(ItinerarySerializer(new).data, status=status.HTTP_201_CREATED), new)

    @extend_schema(
        request=EditSerializer,
        parameters=[ITINERARY_ID, IF_MATCH, IDEMPOTENCY_KEY],
        responses={201: ItinerarySerializer, **errors(400, 401, 403, 404, 409, 412, 413, 415, 422)},
        summary="Arrange the days by hand: a new version, timed at once; what breaks is in each day's problems",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def edit(self, request, pk=None):
        version = self._done(pk, Role.COLLABORATOR)
        serializer = EditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        days = [list(day) for day in serializer.validated_data["days"]]
        new = services.itinerary_edit(itinerary=version, days=days, base=base_for_version(request, version))
        return _tagged(Response(ItinerarySerializer(new).data, status=status.HTTP_201_CREATED), new)

    def _done(self, pk, need: Role = Role.VIEWER) -> Itinerary:
        itinerary = self._version(pk, need)
        if itinerary.status != Itinerary.Status.DONE:
            raise NotDone(f"The itinerary is {itinerary.status}, not done yet.")
        return itinerary

    @extend_schema(
        parameters=[ITINERARY_ID],
        responses={**_download(GPX_TYPES), **errors(401, 404, 409)},
        summary="The trip as a GPX file: a track per day, a waypoint per stop and night",
    )
    @action(detail=True, methods=["get"], content_negotiation_class=DownloadNegotiation)
    def gpx(self, request, pk=None):
        itinerary = self._done(pk)
        body = exports.to_gpx(itinerary.trip_result, title=f"Shanxi trip {itinerary.pk}")
        response = HttpResponse(body, content_type=download_type(request, GPX_TYPES))
        response["Content-Disposition"] = f'attachment; filename="shanxi-trip-{itinerary.pk}.gpx"'
        return response

    @extend_schema(
        parameters=[ITINERARY_ID],
        responses={**_download(ICS_TYPES), **errors(401, 404, 409)},
        summary="The trip as an iCalendar file: an event per visit",
    )
    @action(detail=True, methods=["get"], content_negotiation_class=DownloadNegotiation)
    def ics(self, request, pk=None):
        itinerary = self._done(pk)
        body = exports.to_ics(itinerary.trip_result, uid_prefix=str(itinerary.pk))
        response = HttpResponse(body, content_type=download_type(request, ICS_TYPES))
        response["Content-Disposition"] = f'attachment; filename="shanxi-trip-{itinerary.pk}.ics"'
        return response

    @extend_schema(
        parameters=[ITINERARY_ID],
        responses={(200, GEOJSON): TripFeatureCollectionSerializer, **errors(401, 404, 409)},
        summary="The trip as a GeoJSON FeatureCollection: legs as lines, stops as points",
    )
    @action(detail=True, methods=["get"])
    def geojson(self, request, pk=None):
        itinerary = self._done(pk)
        return Response(exports.to_geojson(itinerary.trip_result), content_type=GEOJSON)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([permissions.AllowAny])
def api_not_found(request, rest=""):
    """Unknown API paths answer JSON, like every other API error."""
    raise NotFound()
