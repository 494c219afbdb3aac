"""Create and edit a product: its fields, variants and discounts in one form; photos and related
products as small htmx cards on the same page (each also a plain form post).

Saving is all or nothing: the services run inside one transaction, and any error they raise is put
on the form field it belongs to, the transaction rolls back and the page shows the user's input again.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from asoud.core.jalali import calendar_render
from storefront.catalog.models import Product
from storefront.catalog.services import (
    discount_create,
    discount_delete,
    discount_update,
    product_create,
    product_image_add,
    product_image_alt_set,
    product_image_delete,
    product_image_move,
    product_images_reorder,
    product_keywords_set,
    product_relation_add,
    product_relation_delete,
    product_slug_unique,
    product_update,
    stock_set,
    variant_create,
    variant_delete,
    variant_update,
)

from .access import dashboard_view
from .product_forms import (
    DiscountFormSet,
    ImageAltForm,
    ImageReorderForm,
    ImageUploadForm,
    ProductForm,
    RelationForm,
    VariantFormSet,
    discount_initial,
    variant_initial,
)
from .product_selectors import (
    category_list_for_dashboard,
    product_get_for_edit,
    product_image_get,
    product_lookup,
    product_other_get,
    product_relation_get,
)
from .products import toast

TEMPLATE = "dashboard/products_form.html"
# Parts of the edit page an htmx request may ask for (named partials, ids in the page).
PARTIALS = {"product-images", "product-relations", "relation-results"}


class _Rollback(Exception):
    """Raised inside the save transaction once a form got an error, to undo everything."""


def _forms(request, product: Product | None):
    data = request.POST if request.method == "POST" else None
    categories = category_list_for_dashboard()
    form = ProductForm(data, product=product)
    form.fields["category"].choices = [("", _("No category"))] + [(c.pk, c.label) for c in categories]
    variants = [variant_initial(v) for v in product.edit_variants] if product else []
    discounts = [discount_initial(d) for d in product.edit_discounts] if product else []
    return (
        form,
        VariantFormSet(data, prefix="variants", initial=variants),
        DiscountFormSet(data, prefix="discounts", initial=discounts),
    )


@dashboard_view("catalogue")
def product_calendar(request):
    """The Jalali month under a discount's date field (Persian pages)."""
    return calendar_render(request, url_name="dashboard:products_calendar")


@require_http_methods(["GET", "POST"])
@dashboard_view("catalogue")
def product_new(request):
    form, variants, discounts = _forms(request, None)
    uploads = ImageUploadForm()
    uploads.fields["images"].required = False
    if request.method == "POST" and _all_valid(form, variants, discounts):
        try:
            with transaction.atomic():
                product = _create(request, form, variants, discounts)
        except _Rollback:
            pass
        else:
            for problem in _images_added(product, request.FILES.getlist("images")):
                messages.error(request, problem)
            messages.success(request, _("“%(title)s” was added.") % {"title": product.title})
            return redirect("dashboard:product_edit", product_id=product.pk)
    return _page(request, None, form, variants, discounts, uploads)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@dashboard_view("catalogue")
def product_edit(request, product_id: int):
    product = product_get_for_edit(product_id)
    if request.method == "GET" and request.htmx and request.htmx.target in PARTIALS:
        return _partial(request, product, request.htmx.target)
    form, variants, discounts = _forms(request, product)
    if request.method == "POST" and _all_valid(form, variants, discounts):
        try:
            with transaction.atomic():
                _update(request, product, form, variants, discounts)
        except _Rollback:
            pass
        else:
            messages.success(request, _("Changes to “%(title)s” were saved.") % {"title": form.cleaned_data["title"]})
            return redirect("dashboard:product_edit", product_id=product.pk)
    return _page(request, product, form, variants, discounts, ImageUploadForm())


def _page(request, product, form, variants, discounts, uploads):
    context = {
        "market": request.market,
        "product": product,
        "form": form,
        "variants": variants,
        "discounts": discounts,
        "uploads": uploads,
        "calendar_url": reverse("dashboard:products_calendar"),
        "has_errors": form.is_bound and not (form.is_valid() and variants.is_valid() and discounts.is_valid()),
    }
    if product is not None:
        context.update(_extras(request, product))
    return render(request, TEMPLATE, context)


def _extras(request, product, **more) -> dict:
    text = request.GET.get("related_q", "")
    return {
        "market": request.market,
        "product": product,
        "images": product.edit_images,
        "relations": product.edit_relations,
        "related_q": text,
        "lookup": product_lookup(text=text, exclude_id=product.pk),
        "image_forms": {image.pk: ImageAltForm(initial={"alt": image.alt}) for image in product.edit_images},
        **more,
    }


def _partial(request, product, name: str, **more):
    return render(request, f"{TEMPLATE}#{name}", _extras(request, product, **more))


def _all_valid(*forms) -> bool:
    results = [form.is_valid() for form in forms]  # every form validated, so each shows its own errors
    return all(results)


# --- Saving -----------------------------------------------------------------------------------


def _service(form, service, field_map: dict | None = None, **kwargs):
    """Call a service; put its ValidationError on `form` (field by field) and undo the whole save."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                field = (field_map or {}).get(field, field)
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        raise _Rollback from error


def _adds_variants(formset) -> bool:
    """Whether the posted variant rows create at least one variant."""
    return any(
        form.has_changed()
        and form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and not form.cleaned_data.get("id")
        for form in formset.forms
    )


def _create(request, form, variants, discounts) -> Product:
    data = form.cleaned_data
    # With variants the product's stock is the sum of theirs: its own field is not used.
    own_stock = 0 if _adds_variants(variants) else data["stock"] or 0
    product = _service(
        form,
        product_create,
        **form.product_fields(),
        slug=data["slug"] or product_slug_unique(title=data["title"]),
        keywords=data["keywords"],
        initial_stock=own_stock,
        user=request.user,
    )
    product.edit_variants, product.edit_discounts = [], []
    _variants_save(request, product, variants, data["stock_reason"])
    _discounts_save(product, discounts)
    return product


def _update(request, product, form, variants, discounts) -> None:
    data = form.cleaned_data
    _service(form, product_update, product=product, **form.product_fields(), slug=data["slug"] or product.slug)
    _service(form, product_keywords_set, product=product, keywords=data["keywords"])
    # A product getting its first variants hands its own stock over to them (set to zero, recorded).
    own_stock = 0 if not product.has_variants and _adds_variants(variants) else data["stock"]
    if not product.has_variants and own_stock is not None and own_stock != product.stock:
        _service(
            form,
            stock_set,
            {"quantity": "stock"},
            product=product,
            quantity=own_stock,
            reason=data["stock_reason"],
            user=request.user,
        )
    _variants_save(request, product, variants, data["stock_reason"])
    _discounts_save(product, discounts)


def _variants_save(request, product, formset, reason: str) -> None:
    existing = {variant.pk: variant for variant in product.edit_variants}
    for form in formset.forms:
        if not form.has_changed() or not form.cleaned_data:
            continue
        data = form.cleaned_data
        variant = existing.get(data.get("id"))
        fields = {key: data[key] for key in ("title", "sku", "options", "price_main")}
        if data.get("DELETE"):
            if variant is not None:
                _service(form, variant_delete, variant=variant)
        elif variant is None:
            _service(
                form, variant_create, product=product, **fields, initial_stock=data["stock"] or 0, user=request.user
            )
        else:
            _service(form, variant_update, variant=variant, **fields, is_active=data["is_active"])
            if data["stock"] != variant.stock:
                stock = {"quantity": data["stock"], "reason": reason, "user": request.user}
                _service(form, stock_set, {"quantity": "stock"}, product=product, variant=variant, **stock)


def _discounts_save(product, formset) -> None:
    existing = {discount.pk: discount for discount in product.edit_discounts}
    for form in formset.forms:
        if not form.has_changed() or not form.cleaned_data:
            continue
        data = form.cleaned_data
        discount = existing.get(data.get("id"))
        fields = {key: data[key] for key in ("kind", "value", "min_quantity", "starts_at", "ends_at", "name")}
        if data.get("DELETE"):
            if discount is not None:
                _service(form, discount_delete, discount=discount)
        elif discount is None:
            _service(form, discount_create, product=product, **fields)
        else:
            _service(form, discount_update, discount=discount, **fields, is_active=data["is_active"])


# --- Photos -----------------------------------------------------------------------------------


@require_POST
@dashboard_view("catalogue")
def product_images_upload(request, product_id: int):
    product = product_get_for_edit(product_id)
    form = ImageUploadForm(request.POST, request.FILES)
    problems, added = [], 0
    if form.is_valid():
        files = form.cleaned_data["images"]
        problems = _images_added(product, files)
        added = len(files) - len(problems)
    else:
        problems = [message for errors in form.errors.values() for message in errors]
    success = ngettext("%(count)s photo added.", "%(count)s photos added.", added) % {"count": added} if added else ""
    return _images_done(request, product_id, problems, success)


def _images_added(product, files) -> list[str]:
    """Add each photo on its own: a bad file gets its own message and never stops the others."""
    problems = []
    for upload in files:
        try:
            product_image_add(product=product, upload=upload, alt=product.title)
        except ValidationError as error:
            problems.append(_("%(file)s: %(reason)s") % {"file": upload.name, "reason": " ".join(error.messages)})
    return problems


def _images_done(request, product_id: int, problems: list[str], success: str = ""):
    if not request.htmx:
        for problem in problems:
            messages.error(request, problem)
        if success:
            messages.success(request, success)
        return redirect("dashboard:product_edit", product_id=product_id)
    product = product_get_for_edit(product_id)
    response = _partial(request, product, "product-images", upload_problems=problems)
    return toast(response, success) if success else response


@require_POST
@dashboard_view("catalogue")
def product_image_action(request, product_id: int, image_id: int, action: str):
    product = product_get_for_edit(product_id)
    image = product_image_get(product, image_id)
    success, problems = "", []
    if action == "up" or action == "down":
        product_image_move(image=image, offset=-1 if action == "up" else 1)
    elif action == "delete":
        product_image_delete(image=image)
        success = _("Photo deleted.")
    elif action == "alt":
        form = ImageAltForm(request.POST)
        if form.is_valid():
            product_image_alt_set(image=image, alt=form.cleaned_data["alt"])
            success = _("Alternative text saved.")
        else:
            problems = [message for errors in form.errors.values() for message in errors]
    else:
        return redirect("dashboard:product_edit", product_id=product_id)
    return _images_done(request, product_id, problems, success)


@require_POST
@dashboard_view("catalogue")
def product_images_order(request, product_id: int):
    """The new order after a drag (static/js/dashboard.js posts the ids in order)."""
    product = product_get_for_edit(product_id)
    form = ImageReorderForm(request.POST)
    problems = []
    if form.is_valid():
        product_images_reorder(product=product, image_ids=form.cleaned_data["order"])
    else:
        problems = [message for errors in form.errors.values() for message in errors]
    return _images_done(request, product_id, problems)


# --- Required and gift products ---------------------------------------------------------------


@require_POST
@dashboard_view("catalogue")
def product_relation_add_view(request, product_id: int):
    product = product_get_for_edit(product_id)
    form = RelationForm(request.POST)
    problem, success = "", ""
    related = product_other_get(product, form.cleaned_data["related"]) if form.is_valid() else None
    if related is None:
        problem = _("Choose a product from the search results.")
    else:
        try:
            product_relation_add(
                product=product, related=related, kind=form.cleaned_data["kind"], quantity=form.cleaned_data["quantity"]
            )
            success = _("“%(title)s” linked.") % {"title": related.title}
        except ValidationError as error:
            problem = " ".join(error.messages)
    return _relations_done(request, product_id, problem, success)


@require_POST
@dashboard_view("catalogue")
def product_relation_remove(request, product_id: int, relation_id: int):
    product = product_get_for_edit(product_id)
    product_relation_delete(relation=product_relation_get(product, relation_id))
    return _relations_done(request, product_id, "", _("Link removed."))


def _relations_done(request, product_id: int, problem: str, success: str):
    if not request.htmx:
        if problem:
            messages.error(request, problem)
        if success:
            messages.success(request, success)
        return redirect("dashboard:product_edit", product_id=product_id)
    response = _partial(request, product_get_for_edit(product_id), "product-relations", relation_problem=problem)
    return toast(response, success) if success else response
