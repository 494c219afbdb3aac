"""Support tickets over REST (/api/v1/me/tickets/…): the person's own tickets to the platform's staff.

The web's forms (`TicketForm`, `ReplyForm`: lengths, categories, the upload checks) and services
(`ticket_open`, `ticket_reply`, `ticket_close`). Staff answer from the web's staff pages; here a
ticket is only ever its author's (anyone else's id answers 404).
"""

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from asoud.core.private_files import private_file_response
from asoud.support.forms import ReplyForm, TicketForm
from asoud.support.models import Ticket
from asoud.support.selectors import access_ticket, ticket_list_for_user, ticket_message_with_attachment, ticket_messages
from asoud.support.services import ticket_close, ticket_open, ticket_reply

from ..base import ApiView, SignedIn, valid_form
from ..docs import errors
from ..fields import MomentField
from .conversations import ATTACHMENT_RESPONSE, AttachmentOut

SUPPORT = ["support"]


class TicketOut(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    category = serializers.ChoiceField(choices=Ticket.Category.choices)
    category_display = serializers.CharField(source="get_category_display")
    status = serializers.ChoiceField(
        choices=Ticket.Status.choices, help_text="open (waiting for staff), answered, closed"
    )
    status_display = serializers.CharField(source="get_status_display")
    opened_at = MomentField(source="created_at")
    updated_at = MomentField()


class TicketMessageOut(serializers.Serializer):
    id = serializers.IntegerField()
    from_staff = serializers.BooleanField()
    text = serializers.CharField()
    attachment = serializers.SerializerMethodField()
    at = MomentField(source="created_at")

    @extend_schema_field(AttachmentOut(allow_null=True))
    def get_attachment(self, message):
        if not message.attachment:
            return None
        request, ticket_id = self.context["request"], self.context["ticket_id"]
        url = reverse("api:ticket-attachment", kwargs={"ticket_id": ticket_id, "message_id": message.pk})
        try:
            size = message.attachment.size
        except OSError:  # the file is gone (restored backup): the message still shows
            size = 0
        return {
            "name": message.attachment_name,
            "kind": message.attachment_kind,
            "size": size,
            "url": request.build_absolute_uri(url),
        }


class TicketDetailOut(TicketOut):
    messages = serializers.SerializerMethodField()

    @extend_schema_field(TicketMessageOut(many=True))
    def get_messages(self, ticket):
        context = {**self.context, "ticket_id": ticket.pk}
        return TicketMessageOut(ticket_messages(ticket=ticket), many=True, context=context).data


class TicketIn(serializers.Serializer):
    subject = serializers.CharField(max_length=150)
    category = serializers.ChoiceField(choices=Ticket.Category.choices)
    text = serializers.CharField(max_length=8000)
    attachment = serializers.FileField(required=False, help_text="An image or PDF (multipart only).")


class ReplyIn(serializers.Serializer):
    text = serializers.CharField(max_length=8000)
    attachment = serializers.FileField(required=False, help_text="An image or PDF (multipart only).")


def _own_ticket(request, ticket_id: int) -> Ticket:
    ticket = access_ticket(user=request.user, ticket_id=ticket_id)
    if ticket.user_id != request.user.pk:  # staff answer other people's tickets on the staff pages
        raise Http404
    return ticket


def _detail(request, ticket: Ticket, code=status.HTTP_200_OK) -> Response:
    return Response(TicketDetailOut(ticket, context={"request": request}).data, status=code)


class Tickets(SignedIn, ApiView, generics.ListAPIView):
    serializer_class = TicketOut
    cursor_ordering = ("-updated_at", "-id")
    parser_classes = [JSONParser, MultiPartParser]

    def get_queryset(self):
        return ticket_list_for_user(user=self.request.user)

    @extend_schema(
        tags=SUPPORT,
        summary="My support tickets, most recently active first",
        responses={200: TicketOut(many=True), **errors(400)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=SUPPORT,
        summary="Open a ticket (JSON, or multipart/form-data with an attachment)",
        request={"application/json": TicketIn, "multipart/form-data": TicketIn},
        responses={201: TicketDetailOut, **errors(400, 413, 415)},
        examples=[
            OpenApiExample(
                "A payment question",
                request_only=True,
                value={"subject": "Paid twice", "category": "payment", "text": "My card was charged twice for #1042."},
            )
        ],
    )
    def post(self, request):
        data = valid_form(TicketForm(request.data, request.FILES))
        return _detail(request, ticket_open(user=request.user, **data), status.HTTP_201_CREATED)


class TicketDetail(SignedIn, ApiView):
    @extend_schema(tags=SUPPORT, summary="A ticket with its messages", responses={200: TicketDetailOut, **errors(404)})
    def get(self, request, ticket_id):
        return _detail(request, _own_ticket(request, ticket_id))


class TicketMessages(SignedIn, ApiView):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        tags=SUPPORT,
        summary="Write on the ticket (a closed ticket opens again)",
        request={"application/json": ReplyIn, "multipart/form-data": ReplyIn},
        responses={201: TicketDetailOut, **errors(400, 404, 413, 415)},
        examples=[OpenApiExample("More detail", request_only=True, value={"text": "The second charge was at 14:02."})],
    )
    def post(self, request, ticket_id):
        ticket = _own_ticket(request, ticket_id)
        data = valid_form(ReplyForm(request.data, request.FILES))
        ticket_reply(ticket=ticket, author=request.user, **data)
        return _detail(request, _own_ticket(request, ticket_id), status.HTTP_201_CREATED)


class TicketClose(SignedIn, ApiView):
    @extend_schema(
        tags=SUPPORT,
        summary="Close the ticket (writing again opens it)",
        request=None,
        responses={200: TicketDetailOut, **errors(404)},
    )
    def post(self, request, ticket_id):
        return _detail(request, ticket_close(ticket=_own_ticket(request, ticket_id)))


class TicketAttachment(SignedIn, ApiView):
    @extend_schema(
        tags=SUPPORT,
        summary="Download an attachment of my ticket",
        responses={**ATTACHMENT_RESPONSE, **errors(404)},
    )
    def get(self, request, ticket_id, message_id):
        message = ticket_message_with_attachment(ticket=_own_ticket(request, ticket_id), message_id=message_id)
        return private_file_response(
            request._request,
            file=message.attachment,
            kind=message.attachment_kind,
            display_name=message.attachment_name,
            what=f"ticket message {message.pk}",
        )
