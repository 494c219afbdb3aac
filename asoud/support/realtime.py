"""Live support tickets: group `support.ticket.<id>`; events {"type": "support.message",
"message_id"} and {"type": "support.status", "status"}; the socket sends htmx OOB fragments."""

from django.template.loader import render_to_string

from asoud.notifications.realtime import group_send


def ticket_group(ticket_id: int) -> str:
    return f"support.ticket.{ticket_id}"


def message_broadcast(*, ticket_id: int, message_id: int) -> None:
    group_send(ticket_group(ticket_id), {"type": "support.message", "message_id": message_id})


def status_broadcast(*, ticket_id: int, status: str) -> None:
    group_send(ticket_group(ticket_id), {"type": "support.status", "status": status})


def message_fragment(*, message, staff_side: bool) -> str:
    return render_to_string(
        "support/includes/message.html", {"message": message, "staff_side": staff_side, "oob": "append"}
    )


def status_fragment(*, ticket) -> str:
    return render_to_string("support/includes/status.html", {"ticket": ticket, "oob": True, "live": True})
