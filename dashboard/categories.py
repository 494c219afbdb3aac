"""Categories of the catalogue (section catalogue): add, rename or move, delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from storefront.catalog.services import category_create, category_delete, category_slug_unique, category_update

from .access import dashboard_view
from .product_forms import CategoryForm
from .product_selectors import category_get, category_list_for_dashboard
from .products import toast

TEMPLATE = "dashboard/categories.html"


def _context(request, *, form=None, editing=None, edit_form=None) -> dict:
    categories = category_list_for_dashboard()
    return {
        "market": request.market,
        "categories": categories,
        "form": form or CategoryForm(categories=categories),
        "editing": editing,
        "edit_form": edit_form,
    }


def _service(form, service, **kwargs):
    try:
        return service(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def _fields(form, exclude_id=None) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "slug": data["slug"] or category_slug_unique(name=data["name"], exclude_id=exclude_id),
        "parent": data["parent"],
        "position": data["position"] or 0,
    }


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@dashboard_view("catalogue")
def categories(request):
    form = CategoryForm(request.POST or None, categories=category_list_for_dashboard())
    if request.method == "POST" and form.is_valid():
        category = _service(form, category_create, **_fields(form))
        if category is not None:
            return _done(request, _("Category “%(name)s” added.") % {"name": category.name})
    return _render(request, _context(request, form=form) if request.method == "POST" else _context(request))


def _render(request, context):
    if request.htmx:
        return render(request, f"{TEMPLATE}#category-panel", context)
    return render(request, TEMPLATE, context)


def _done(request, text: str):
    if not request.htmx:
        messages.success(request, text)
        return redirect("dashboard:categories")
    return toast(render(request, f"{TEMPLATE}#category-panel", _context(request)), text)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@dashboard_view("catalogue")
def category_edit(request, category_id: int):
    category = category_get(category_id)
    initial = {
        "name": category.name,
        "slug": category.slug,
        "parent": category.parent_id,
        "position": category.position,
    }
    form = CategoryForm(request.POST or None, initial=initial, categories=category_list_for_dashboard(), prefix="edit")
    saved = request.method == "POST" and form.is_valid()
    if saved and _service(form, category_update, category=category, **_fields(form, category.pk)) is not None:
        return _done(request, _("Category “%(name)s” saved.") % {"name": category.name})
    return _render(request, _context(request, editing=category.pk, edit_form=form))


@require_POST
@dashboard_view("catalogue")
def category_remove(request, category_id: int):
    category = category_get(category_id)
    category_delete(category=category)
    return _done(
        request, _("Category “%(name)s” deleted; its products are now uncategorised.") % {"name": category.name}
    )
