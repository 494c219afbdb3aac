"""Products in the owner dashboard: list (live search, filters, sorting, pages), inline price and stock
edits, bulk actions, CSV import and export. The create/edit page lives in product_edit.py.

Every view checks the catalogue section itself (`dashboard_view`); htmx requests get the named
partial of the same page template, plain requests the whole page, so everything works without
JavaScript too.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event
from django_tenants.utils import schema_context

from asoud.core.http import safe_next
from storefront.catalog.services import product_update, products_delete, products_set_active, stock_set
from storefront.catalog.services.product_csv import (
    COLUMNS,
    error_report_rows,
    import_header_check,
    import_job_create,
    import_job_errors,
    import_job_get,
    product_csv_row,
)

from .access import dashboard_view
from .product_forms import BulkActionForm, ImportForm, PriceQuickForm, ProductFilterForm, StockQuickForm
from .product_selectors import (
    category_list_for_dashboard,
    product_ids_existing,
    product_list_for_dashboard,
    product_row_get,
    products_for_export,
)
from .tasks import products_import

PAGE_SIZE = 25
TEMPLATE = "dashboard/products.html"
QUICK_FIELDS = ("price", "stock")


def toast(response, text: str, level: str = "success"):
    """A short confirmation shown by static/js/dashboard.js after an htmx swap."""
    return trigger_client_event(response, "dashboard:toast", {"text": str(text), "level": level})


def _list_context(request, data=None, *, editing: tuple[int, str] | None = None) -> dict:
    categories = category_list_for_dashboard()
    form = ProductFilterForm(data if data is not None else request.GET, categories=categories)
    filters = form.filters()
    paginator = Paginator(product_list_for_dashboard(**filters), PAGE_SIZE)
    page = paginator.get_page(form.cleaned_data.get("page") or 1)
    query = (data if data is not None else request.GET).copy()
    for name in ("page", "ids", "action", "next"):
        query.pop(name, None)
    return {
        "market": request.market,
        "filter_form": form,
        "filters": filters,
        "page": page,
        "products": page.object_list,
        "categories": categories,
        "query": query.urlencode(),
        "editing": editing,
        "stock_reasons": StockQuickForm.REASONS,
        "is_filtered": any(filters[name] for name in ("text", "category", "active", "stock")),
    }


@vary_on_headers("HX-Request")
@require_GET
@dashboard_view("catalogue")
def product_list(request):
    context = _list_context(request)
    if request.htmx:
        return render(request, f"{TEMPLATE}#product-table", context)
    return render(request, TEMPLATE, context)


# --- Inline edits -----------------------------------------------------------------------------


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@dashboard_view("catalogue")
def product_quick_edit(request, product_id: int, field: str):
    """Click a price or stock → a small form in the row → save → the row again (or the form with errors)."""
    if field not in QUICK_FIELDS:
        raise Http404
    product = product_row_get(product_id)
    form_class = PriceQuickForm if field == "price" else StockQuickForm
    form = form_class(request.POST or None, initial={"price_main": product.price_main, "stock": product.stock})
    if request.method == "POST" and form.is_valid():
        try:
            _quick_save(request, product, field, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _quick_saved(request, product_row_get(product_id), field)
    if not request.htmx:
        context = _list_context(request, request.GET, editing=(product.pk, field))
        context.update(quick_form=form, quick_product=product)
        return render(request, TEMPLATE, context)
    context = {
        "product": product,
        "editing": (product.pk, field),
        "quick_form": form,
        "stock_reasons": StockQuickForm.REASONS,
    }
    return render(request, f"{TEMPLATE}#product-row", context)


@vary_on_headers("HX-Request")
@require_GET
@dashboard_view("catalogue")
def product_row(request, product_id: int):
    """One row as the list shows it (where "Cancel" on an inline edit goes back to)."""
    product = product_row_get(product_id)
    if not request.htmx:
        return redirect(_back(request))
    return render(request, f"{TEMPLATE}#product-row", {"product": product})


def _quick_save(request, product, field: str, data: dict) -> None:
    if field == "price":
        product_update(product=product, price_main=data["price_main"])
    elif product.has_variants:
        raise ValidationError(_("This product has variants: change the stock of each variant on its page."))
    else:
        stock_set(
            product=product, quantity=data["stock"], reason=data["reason"], user=request.user, note=_("Quick edit")
        )


def _quick_saved(request, product, field: str):
    text = _("Price saved.") if field == "price" else _("Stock saved.")
    if not request.htmx:
        messages.success(request, text)
        return redirect(_back(request))
    response = render(request, f"{TEMPLATE}#product-row", {"product": product, "saved": field})
    return toast(response, text)


def _back(request) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    return safe_next(request, target, fallback=reverse("dashboard:products"))


# --- Bulk actions -----------------------------------------------------------------------------


@require_POST
@dashboard_view("catalogue")
def product_bulk(request):
    form = BulkActionForm(request.POST)
    if form.is_valid():
        text = _bulk_apply(form.cleaned_data["action"], form.cleaned_data["ids"])
        level = "success"
    else:
        text, level = " ".join(message for errors in form.errors.values() for message in errors), "danger"
    if not request.htmx:
        messages.add_message(request, messages.SUCCESS if level == "success" else messages.ERROR, text)
        return redirect(_back(request))
    context = _list_context(request, _filters_from(request.POST))
    return toast(render(request, f"{TEMPLATE}#product-table", context), text, level)


def _filters_from(post):
    data = post.copy()
    for name in ("ids", "action", "csrfmiddlewaretoken"):
        data.pop(name, None)
    return data


def _bulk_apply(action: str, ids: list[int]) -> str:
    ids = product_ids_existing(ids)
    if action == "delete":
        count = products_delete(product_ids=ids)
        return ngettext("%(count)s product deleted.", "%(count)s products deleted.", count) % {"count": count}
    changed = products_set_active(product_ids=ids, is_active=action == "activate")
    if action == "activate":
        return ngettext("%(count)s product activated.", "%(count)s products activated.", changed) % {"count": changed}
    return ngettext("%(count)s product deactivated.", "%(count)s products deactivated.", changed) % {"count": changed}


# --- CSV import -------------------------------------------------------------------------------

IMPORT_TEMPLATE = "dashboard/products_import.html"


@require_http_methods(["GET", "POST"])
@dashboard_view("catalogue")
def product_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["file"]
        try:
            import_header_check(text)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            job_id = import_job_create(text=text, filename=request.FILES["file"].name, user_id=request.user.pk)
            transaction.on_commit(lambda: products_import.delay(job_id))
            return redirect("dashboard:products_import_status", job_id=job_id)
    return render(request, IMPORT_TEMPLATE, {"market": request.market, "form": form, "columns": COLUMNS})


@vary_on_headers("HX-Request")
@require_GET
@dashboard_view("catalogue")
def product_import_status(request, job_id: str):
    job = import_job_get(job_id)
    if job is None:
        raise Http404
    percent = round(100 * job["processed"] / job["total"]) if job.get("total") else 0
    context = {"market": request.market, "job": job, "job_id": job_id, "percent": percent, "columns": COLUMNS}
    context["errors"] = import_job_errors(job_id)[:20] if job["state"] == "done" else []
    if request.htmx:
        return render(request, f"{IMPORT_TEMPLATE}#import-status", context)
    return render(request, IMPORT_TEMPLATE, context)


@require_GET
@dashboard_view("catalogue")
def product_import_errors(request, job_id: str):
    if import_job_get(job_id) is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-errors-{job_id[:8]}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Persian text as UTF-8
    csv.writer(response).writerows(error_report_rows(import_job_errors(job_id)))
    return response


# --- CSV export -------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


@require_GET
@dashboard_view("catalogue")
def product_export(request):
    """Every product matching the list's filters, streamed (memory stays flat with many products)."""
    filters = ProductFilterForm(request.GET).filters()
    schema = connection.schema_name
    writer = csv.writer(_Echo())

    def rows():
        # Streaming continues after the view returns: pin the market's schema for the whole walk.
        with schema_context(schema):
            yield "\ufeff"
            yield writer.writerow([column.name for column in COLUMNS])
            for product in products_for_export(**filters).iterator(chunk_size=500):
                yield writer.writerow(product_csv_row(product))

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="products-{request.market.schema_name}-{stamp}.csv"'
    return response
