"""The shopper's chat pages on a market host: /chat/, /chat/<id>/, /chat/start/?product=<id>.
The thread helpers here serve the owner's inbox (dashboard/inbox.py) too."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from asoud.chat.forms import MessageForm
from asoud.chat.models import Participant
from asoud.chat.selectors import (
    access_conversation,
    conversation_for_shopper,
    market_team_user_ids,
    message_page,
    message_with_attachment,
    shopper_conversation_list,
)
from asoud.chat.services import (
    conversation_mark_read,
    conversation_start,
    message_send,
    messages_mark_delivered_for_user,
)
from asoud.core.private_files import private_file_response
from storefront.catalog.http import store_render

from .subjects import product_card


def _before(request) -> int | None:
    value = request.GET.get("before", "")
    return int(value) if value.isdigit() else None


def thread_context(request, *, participant: Participant, page_url: str, form: MessageForm | None = None) -> dict:
    """What templates/chat/includes/thread.html needs, for the shopper's page and the inbox alike."""
    conversation = participant.conversation
    before = _before(request)
    if before is None and request.method == "GET":
        conversation_mark_read(participant=participant)
    card = _product_card_from(request)
    form = form or MessageForm(initial={"product": card["id"] if card else None})
    return {
        "conversation": conversation,
        "participant": participant,
        "viewer_side": participant.side,
        "page": message_page(conversation_id=conversation.pk, before=before),
        "before": before,
        "page_url": page_url,
        "ws_url": f"/ws/chat/{conversation.pk}/",
        "form": form,
        "card": card,
    }


def _product_card_from(request) -> dict | None:
    product = request.POST.get("product") or request.GET.get("product") or ""
    return product_card(product_id=int(product)) if product.isdigit() else None


def thread_post(request, *, participant: Participant, page_url: str, page_template: str, extra: dict):
    """The composer's POST: with htmx, a fresh composer plus the new message (the socket brings it
    too; the page keeps one); without JavaScript, back to the conversation."""
    form = MessageForm(request.POST, request.FILES)
    message = None
    if form.is_valid():
        try:
            message = message_send(
                participant=participant,
                text=form.cleaned_data["text"],
                attachment=form.cleaned_data["attachment"],
                card=_product_card_from(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
    if message is not None and not request.htmx:
        return redirect(f"{page_url}#message-{message.pk}")
    context = {**extra, **thread_context(request, participant=participant, page_url=page_url, form=form)}
    if message is not None:
        context.update(form=MessageForm(), card=None, sent_message=message)
    if request.htmx:
        return render(request, "chat/includes/composer.html", context)
    if page_template.startswith("chat/"):
        return store_render(request, page_template, context)
    return render(request, page_template, context)


@login_required
@vary_on_headers("HX-Request")
def conversation_list(request):
    market = request.tenant
    messages_mark_delivered_for_user(market=market, user=request.user)
    conversations = shopper_conversation_list(market=market, user=request.user)
    is_team = request.user.pk in market_team_user_ids(market=market)
    return store_render(request, "chat/conversation_list.html", {"conversations": conversations, "is_team": is_team})


@login_required
@vary_on_headers("HX-Request")
def conversation(request, conversation_id: int):
    participant = access_conversation(user=request.user, conversation_id=conversation_id, market=request.tenant)
    page_url = reverse("chat:conversation", kwargs={"conversation_id": conversation_id})
    if request.method == "POST":
        return thread_post(
            request, participant=participant, page_url=page_url, page_template="chat/conversation.html", extra={}
        )
    context = thread_context(request, participant=participant, page_url=page_url)
    if request.htmx and context["before"]:
        return render(request, "chat/includes/thread.html#older-messages", context)
    return store_render(request, "chat/conversation.html", context)


@login_required
def start(request):
    """Open the conversation with this market (about a product when ?product=<id>); it is created
    with the first message, so nobody's inbox fills with empty conversations."""
    market = request.tenant
    if request.user.pk in market_team_user_ids(market=market):
        return redirect("dashboard:inbox")
    card = _product_card_from(request)
    existing = conversation_for_shopper(market=market, user=request.user)
    if existing is not None and request.method == "GET":
        url = reverse("chat:conversation", kwargs={"conversation_id": existing.pk})
        return redirect(f"{url}?product={card['id']}" if card else url)
    form = MessageForm(request.POST or None, request.FILES or None, initial={"product": card["id"] if card else None})
    if request.method == "POST" and form.is_valid():
        try:
            conversation = conversation_start(market=market, shopper=request.user)
            participant = access_conversation(user=request.user, conversation_id=conversation.pk, market=market)
            message_send(
                participant=participant,
                text=form.cleaned_data["text"],
                attachment=form.cleaned_data["attachment"],
                card=card,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("chat:conversation", conversation_id=conversation.pk)
    return store_render(request, "chat/start.html", {"form": form, "card": card})


@require_GET
@login_required
def attachment(request, conversation_id: int, message_id: int):
    """Attachments are private to the conversation: served only to its participants."""
    participant = access_conversation(user=request.user, conversation_id=conversation_id, market=request.tenant)
    message = message_with_attachment(participant=participant, message_id=message_id)
    return private_file_response(
        request,
        file=message.attachment,
        kind=message.attachment_kind,
        display_name=message.attachment_name,
        what=f"chat message {message.pk}",
    )
