"""Channel-layer groups and events of the chat, and the htmx fragments its sockets send.

Group names carry the market's schema so markets never share a group: `chat.<schema>.<id>` for a
conversation, `chat.<schema>.inbox` for the market team's inbox list. Events (dicts on the layer):
  {"type": "chat.message", "message_id", "sender_side"}
  {"type": "chat.status", "side", "message_ids", "status"}     receipts for messages of `side`
  {"type": "chat.typing", "side", "name"}
  {"type": "inbox.update", "conversation_id", "move"}           `move`: to the top (new message)
"""

from django.template.loader import render_to_string

from asoud.notifications.realtime import group_send

from .models import Message


def conversation_group(*, schema_name: str, conversation_id: int) -> str:
    return f"chat.{schema_name}.{conversation_id}"


def inbox_group(*, schema_name: str) -> str:
    return f"chat.{schema_name}.inbox"


def message_broadcast(*, schema_name: str, message_id: int, conversation_id: int, sender_side: str) -> None:
    group_send(
        conversation_group(schema_name=schema_name, conversation_id=conversation_id),
        {"type": "chat.message", "message_id": message_id, "sender_side": sender_side},
    )
    inbox_broadcast(schema_name=schema_name, conversation_id=conversation_id, move=True)


def status_broadcast(*, schema_name: str, conversation_id: int, side: str, message_ids: list[int], status: str) -> None:
    group_send(
        conversation_group(schema_name=schema_name, conversation_id=conversation_id),
        {"type": "chat.status", "side": side, "message_ids": message_ids, "status": status},
    )


def inbox_broadcast(*, schema_name: str, conversation_id: int, move: bool = False) -> None:
    group_send(
        inbox_group(schema_name=schema_name), {"type": "inbox.update", "conversation_id": conversation_id, "move": move}
    )


# --- Fragments (htmx out-of-band swaps, rendered for one viewer) ------------------------------


def message_fragment(*, message: Message, viewer_side: str) -> str:
    return render_to_string(
        "chat/includes/message.html", {"message": message, "viewer_side": viewer_side, "oob": "append"}
    )


def status_fragment(*, messages: list[Message]) -> str:
    return "".join(
        render_to_string("chat/includes/message.html#message-status", {"message": message, "oob": True})
        for message in messages
    )


def typing_fragment(*, name: str) -> str:
    return render_to_string("chat/includes/typing.html", {"typing_name": name, "oob": True})


def inbox_row_fragment(*, conversation, move: bool) -> str:
    return render_to_string(
        "dashboard/inbox.html#inbox-row", {"conversation": conversation, "oob": "move" if move else True}
    )


def error_fragment(*, errors: list[str]) -> str:
    return render_to_string("chat/includes/thread.html#chat-errors", {"errors": errors, "oob": True})
