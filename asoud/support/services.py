from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asoud.core.uploads import display_name, document_clean
from asoud.notifications.links import platform_link
from asoud.notifications.services import notify

from . import realtime
from .models import Ticket, TicketMessage
from .selectors import viewer_is_staff_side


@transaction.atomic
def ticket_open(*, user, subject: str, category: str, text: str, attachment=None) -> Ticket:
    subject = subject.strip()
    if not subject:
        raise ValidationError(_("Write a subject."), code="subject")
    if category not in Ticket.Category.values:
        raise ValidationError(_("Choose a category."), code="category")
    ticket = Ticket.objects.create(user=user, subject=subject[:150], category=category)
    _message_add(ticket=ticket, author=user, from_staff=False, text=text, attachment=attachment)
    return ticket


@transaction.atomic
def ticket_reply(*, ticket: Ticket, author, text: str, attachment=None) -> TicketMessage:
    """A message on the ticket. Staff answering set it `answered` (and the person is notified);
    the person writing again sets it `open` (a closed ticket opens again)."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    from_staff = viewer_is_staff_side(user=author, ticket=ticket)
    message = _message_add(ticket=ticket, author=author, from_staff=from_staff, text=text, attachment=attachment)
    _status_set(ticket, Ticket.Status.ANSWERED if from_staff else Ticket.Status.OPEN)
    if from_staff:
        notify(
            user_id=ticket.user_id,
            event="ticket_answered",
            context={"ticket_id": ticket.pk, "subject": ticket.subject, "url": ticket_link(ticket)},
        )
    return message


@transaction.atomic
def ticket_close(*, ticket: Ticket) -> Ticket:
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if not ticket.is_closed:
        _status_set(ticket, Ticket.Status.CLOSED)
    return ticket


def ticket_link(ticket: Ticket) -> str:
    path = reverse("support:detail", kwargs={"ticket_id": ticket.pk}, urlconf=settings.PUBLIC_SCHEMA_URLCONF)
    return platform_link(path)


def _message_add(*, ticket: Ticket, author, from_staff: bool, text: str, attachment) -> TicketMessage:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write a message."), code="empty")
    message = TicketMessage(ticket=ticket, author=author, from_staff=from_staff, text=text)
    if attachment:
        clean = document_clean(attachment)
        message.attachment_kind = clean.kind
        message.attachment = clean.file
        message.attachment_name = display_name(getattr(attachment, "name", ""), clean.extension)
    message.save()
    Ticket.objects.filter(pk=ticket.pk).update(updated_at=timezone.now())
    transaction.on_commit(partial(realtime.message_broadcast, ticket_id=ticket.pk, message_id=message.pk))
    return message


def _status_set(ticket: Ticket, status: str) -> None:
    if ticket.status == status:
        return
    ticket.status = status
    ticket.closed_at = timezone.now() if status == Ticket.Status.CLOSED else None
    ticket.save(update_fields=["status", "closed_at", "updated_at"])
    transaction.on_commit(partial(realtime.status_broadcast, ticket_id=ticket.pk, status=status))
