"""Pages a client can walk: `page` and `page_size`, the usual `count/next/previous/results` body, and the same
links in a `Link` header (RFC 8288: first, prev, next, last), as GitHub's API sends them."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ErrorDetail, ValidationError
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
