"""Lists a client can walk and sort: `page` and `page_size`, the usual `count/next/previous/results` body, the
same links in a `Link` header (RFC 8288: first, prev, next, last) as GitHub's API sends them, and a strict
`ordering`."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_PAGE_SIZE = 200

LINK = OpenApiParameter(
    "Link",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description='the first, previous, next and last pages, e.g. `<https://.../?page=2>; rel="next"` (RFC 8288)',
)


class LinkedPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = f"results per page, 1 to {MAX_PAGE_SIZE}; default 50"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        if not given.isdigit() or not 1 <= int(given) <= MAX_PAGE_SIZE:
            message = f"A page holds 1 to {MAX_PAGE_SIZE} results."
            raise ValidationError({self.page_size_query_param: [ErrorDetail(message, code="out_of_range")]})
        return int(given)

    def _page_url(self, number: int) -> str:
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        page, last = self.page.number, self.page.paginator.num_pages
        links = [(1, "first")]
        if page > 1:
            links.append((page - 1, "prev"))
        if page < last:
            links.append((page + 1, "next"))
        links.append((last, "last"))
        response["Link"] = ", ".join(f'<{self._page_url(number)}>; rel="{rel}"' for number, rel in links)
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` with a field it cannot sort by is a 400 naming `ordering`, not silently the default order."""

    def get_ordering(self, request, queryset, view):
        given = request.query_params.get(self.ordering_param)
        if given is not None:
            fields = [field.strip() for field in given.split(",")]
            if not fields or self.remove_invalid_fields(queryset, fields, view, request) != fields:
                allowed = ", ".join(f"{name}, -{name}" for name in view.ordering_fields)
                message = f"Sort by one of {allowed}."
                raise ValidationError({self.ordering_param: [ErrorDetail(message, code="invalid_choice")]})
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        choices = [f"{sign}{name}" for name in view.ordering_fields for sign in ("", "-")]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "sort by this field; `-` for descending",
                "schema": {"type": "string", "enum": choices},
            }
        ]
