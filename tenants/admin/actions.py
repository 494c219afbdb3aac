"""Admin actions that ask staff for a reason first: the intermediate form page and its handling."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

ACTION_FORM_TEMPLATE = "tenants/admin/action_form.html"


def run_with_form(modeladmin, request, queryset, *, form_class, title, intro, submit_label, apply, done_message):
    """An admin action with an intermediate page: show `form_class`, then `apply(obj, cleaned_data)` to
    each selected object. Objects the service refuses are reported and skipped."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        done = 0
        for obj in queryset:
            try:
                message = apply(obj, form.cleaned_data)
            except ValidationError as error:
                modeladmin.message_user(request, " ".join(error.messages), messages.WARNING)
                continue
            modeladmin.log_change(request, obj, message)
            done += 1
        if done:
            modeladmin.message_user(request, done_message(done), messages.SUCCESS)
        return None  # back to the list
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "submit_label": submit_label,
        "form": form,
        "objects": queryset,
        "opts": modeladmin.model._meta,
        "action": request.POST.get("action", ""),
        "select_across": request.POST.get("select_across", "0"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
    }
    return TemplateResponse(request, ACTION_FORM_TEMPLATE, context)
