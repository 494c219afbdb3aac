"""Cursor pagination: stable pages while rows are added, opaque `next`/`previous` links."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-id",)

    def get_ordering(self, request, queryset, view):
        """The view's own order for this request (e.g. the product list's `sort`), else `-id`."""
        ordering = getattr(view, "cursor_ordering", None)
        if callable(ordering):
            ordering = ordering()
        return tuple(ordering or self.ordering)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError(
                {"cursor": [_("This page link is not valid; start again from the first page.")]}
            ) from None
