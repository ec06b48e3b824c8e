"""API tokens a tourist makes and revokes: `GET/POST /api/v1/tokens/`, `DELETE /api/v1/tokens/{id}/`."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from itineraries.accounts.models import ApiToken
from itineraries.accounts.tokens import token_create
from itineraries.api.error_schema import errors, location


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at"]
        read_only_fields = fields
        extra_kwargs = {"expires_at": {"help_text": "null: never"}, "last_used_at": {"help_text": "null: not yet"}}


class NewApiTokenSerializer(ApiTokenSerializer):
    key = serializers.CharField(read_only=True, help_text="the secret; shown this once only")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = fields


class TokenSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=80, help_text="what the token is for, e.g. my trip script")
    expires_at = serializers.DateTimeField(required=False, allow_null=True, help_text="omit or null: never expires")

    def validate_expires_at(self, value):
        if value is not None and value <= timezone.now():
            raise serializers.ValidationError("Choose a time in the future.", code="past")
        return value


@extend_schema_view(
    list=extend_schema(responses={200: ApiTokenSerializer(many=True), **errors(400, 401, 404)}),
    destroy=extend_schema(
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="the token's id")],
        responses={204: None, **errors(401, 404)},
        summary="Revoke a token: it stops working",
    ),
)
class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Your API tokens. The key is shown once, when the token is made; list answers only its first characters."""

    serializer_class = ApiTokenSerializer
    permission_classes = [permissions.IsAuthenticated]
    queryset = ApiToken.objects.none()
    lookup_value_regex = "[0-9]{1,12}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return ApiToken.objects.filter(user=self.request.user)

    @extend_schema(
        request=TokenSerializer,
        parameters=[location(201, "the token (DELETE it to revoke)")],
        responses={201: NewApiTokenSerializer, **errors(400, 401, 403, 413, 415)},
        summary="Make a token, with a name and an optional expiry",
    )
    def create(self, request, *args, **kwargs):
        given = TokenSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        token, key = token_create(user=request.user, **given.validated_data)
        body = {**ApiTokenSerializer(token).data, "key": key}
        url = request.build_absolute_uri(f"/api/v1/tokens/{token.pk}/")
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": url})
