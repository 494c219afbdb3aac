"""Support on the platform host: people's tickets at /support/, staff at /support/staff/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from asoud.core.private_files import private_file_response
from asoud.core.views import staff_required

from .forms import ReplyForm, StaffFilterForm, TicketForm
from .selectors import (
    access_ticket,
    access_ticket_as_staff,
    ticket_list_for_staff,
    ticket_list_for_user,
    ticket_message_with_attachment,
    ticket_messages,
    viewer_is_staff_side,
)
from .services import ticket_close, ticket_open, ticket_reply

PAGE_SIZE = 25


@login_required
def ticket_list(request):
    return render(request, "support/ticket_list.html", {"tickets": ticket_list_for_user(user=request.user)})


@login_required
def ticket_new(request):
    form = TicketForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = ticket_open(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your ticket is sent. We will answer here, and let you know."))
            return redirect("support:detail", ticket_id=ticket.pk)
    return render(request, "support/ticket_new.html", {"form": form})


def _detail(request, *, ticket, page_url: str):
    """The ticket page for its author and for staff: the thread, a reply form, live updates."""
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = ticket_reply(ticket=ticket, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.htmx:
                context = {"ticket": ticket, "form": ReplyForm(), "page_url": page_url, "sent_message": message}
                context["staff_side"] = viewer_is_staff_side(user=request.user, ticket=ticket)
                return render(request, "support/ticket_detail.html#reply-form", context)
            return redirect(f"{page_url}#ticket-message-{message.pk}")
    context = {
        "ticket": ticket,
        "thread": ticket_messages(ticket=ticket),
        "form": form,
        "page_url": page_url,
        "staff_side": viewer_is_staff_side(user=request.user, ticket=ticket),
    }
    if request.htmx and request.method == "POST":
        return render(request, "support/ticket_detail.html#reply-form", context)
    return render(request, "support/ticket_detail.html", context)


@login_required
def ticket_detail(request, ticket_id: int):
    ticket = access_ticket(user=request.user, ticket_id=ticket_id)
    if ticket.user_id != request.user.pk:  # staff opening someone's ticket answer from the staff page
        return redirect("support:staff_detail", ticket_id=ticket.pk)
    return _detail(request, ticket=ticket, page_url=reverse("support:detail", kwargs={"ticket_id": ticket.pk}))


@require_POST
@login_required
def ticket_close_view(request, ticket_id: int):
    ticket = access_ticket(user=request.user, ticket_id=ticket_id)
    ticket_close(ticket=ticket)
    messages.success(request, _("The ticket is closed."))
    if viewer_is_staff_side(user=request.user, ticket=ticket):
        return redirect("support:staff_detail", ticket_id=ticket.pk)
    return redirect("support:detail", ticket_id=ticket.pk)


@require_GET
@login_required
def attachment(request, ticket_id: int, message_id: int):
    ticket = access_ticket(user=request.user, ticket_id=ticket_id)
    message = ticket_message_with_attachment(ticket=ticket, message_id=message_id)
    return private_file_response(
        request,
        file=message.attachment,
        kind=message.attachment_kind,
        display_name=message.attachment_name,
        what=f"ticket message {message.pk}",
    )


@staff_required
@vary_on_headers("HX-Request")
def staff_list(request):
    form = StaffFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(ticket_list_for_staff(status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "support/staff_list.html#ticket-table" if request.htmx else "support/staff_list.html"
    return render(request, template, {"form": form, "page": page, "status": status})


@staff_required
def staff_detail(request, ticket_id: int):
    ticket = access_ticket_as_staff(user=request.user, ticket_id=ticket_id)
    return _detail(request, ticket=ticket, page_url=reverse("support:staff_detail", kwargs={"ticket_id": ticket.pk}))
