from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from .models import Ticket, TicketMessage


def ticket_list_for_user(*, user) -> QuerySet[Ticket]:
    return Ticket.objects.filter(user_id=user.pk).order_by("-updated_at", "-id")


def ticket_list_for_staff(*, status: str = "") -> QuerySet[Ticket]:
    tickets = Ticket.objects.select_related("user").order_by("-updated_at", "-id")
    return tickets.filter(status=status) if status else tickets


def access_ticket(*, user, ticket_id: int) -> Ticket:
    """The person's own ticket; staff may open any. Others get a 404."""
    ticket = Ticket.objects.select_related("user").filter(pk=ticket_id).first()
    if ticket is None or not user.is_authenticated or (ticket.user_id != user.pk and not user.is_staff):
        raise Http404
    return ticket


def access_ticket_as_staff(*, user, ticket_id: int) -> Ticket:
    if not (user.is_authenticated and user.is_staff):
        raise PermissionDenied
    return access_ticket(user=user, ticket_id=ticket_id)


def ticket_messages(*, ticket: Ticket) -> QuerySet[TicketMessage]:
    return ticket.messages.select_related("author").order_by("id")


def ticket_message_get(*, ticket_id: int, message_id: int) -> TicketMessage | None:
    return TicketMessage.objects.select_related("author", "ticket").filter(pk=message_id, ticket_id=ticket_id).first()


def ticket_message_with_attachment(*, ticket: Ticket, message_id: int) -> TicketMessage:
    message = ticket_message_get(ticket_id=ticket.pk, message_id=message_id)
    if message is None or not message.attachment:
        raise Http404
    return message


def viewer_is_staff_side(*, user, ticket: Ticket) -> bool:
    """Staff answering someone else's ticket speak for the platform; on their own ticket they do not."""
    return bool(user.is_staff and ticket.user_id != user.pk)
