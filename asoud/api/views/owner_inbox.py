"""Owner endpoints: the market's chat inbox and the analytics summary for a period.

The inbox is the dashboard's (`inbox_list`, `team_participant_ensure`: owner and the roles whose
section reaches chat). Analytics are the dashboard analytics page's figures: its period form and the
same selector (`storefront.analytics.selectors.report_get`), so the numbers always agree.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from asoud.chat.models import Conversation, Participant
from asoud.chat.selectors import inbox_list
from asoud.chat.services import conversation_mark_read, messages_mark_delivered_for_user, team_participant_ensure
from dashboard.analytics import PeriodForm
from storefront.analytics import selectors as analytics

from ..base import valid_form
from ..docs import errors
from ..fields import MoneyField
from .conversations import (
    ATTACHMENT_RESPONSE,
    BEFORE,
    SEND_EXAMPLES,
    ConversationOut,
    MessageIn,
    MessageOut,
    MessagePageOut,
    ReadOut,
    ThreadMixin,
    _message_data,
    _send,
)
from .owner import OWNER, OwnerListView, OwnerView

# --- Chat inbox --------------------------------------------------------------------------------


class Inbox(OwnerListView, generics.ListAPIView):
    section = "chat"
    serializer_class = ConversationOut
    cursor_ordering = ("-last_message_at", "-id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Conversation.objects.none()
        return inbox_list(market=self.market, user=self.request.user)

    @extend_schema(
        tags=OWNER,
        summary="The market's conversations, most recent first, with my unread counts",
        description="As opening the dashboard inbox does, listing it marks the new messages delivered.",
        responses={200: ConversationOut(many=True), **errors(400, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        messages_mark_delivered_for_user(market=self.market, user=request.user)
        return super().get(request, *args, **kwargs)


class InboxThread(ThreadMixin, OwnerView):
    section = "chat"
    attachment_url_name = "api:owner-inbox-attachment"

    def participant(self, conversation_id: int) -> Participant:
        return team_participant_ensure(market=self.market, user=self.request.user, conversation_id=conversation_id)


class InboxMessages(InboxThread):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        tags=OWNER,
        summary="A conversation's messages, the newest page first; `next` holds older ones",
        parameters=[BEFORE],
        responses={200: MessagePageOut, **errors(403, 404)},
    )
    def get(self, request, slug, conversation_id):
        return self.page_response(self.participant(conversation_id))

    @extend_schema(
        tags=OWNER,
        summary="Reply to the shopper (text, a product card, or an image/PDF as multipart)",
        request={"application/json": MessageIn, "multipart/form-data": MessageIn},
        responses={201: MessageOut, **errors(400, 403, 404, 413, 415)},
        examples=SEND_EXAMPLES,
    )
    def post(self, request, slug, conversation_id):
        participant = self.participant(conversation_id)
        return self.sent_response(participant, _send(participant, _message_data(request)))


class InboxRead(InboxThread):
    @extend_schema(
        tags=OWNER,
        summary="I have read the conversation (the shopper sees read receipts)",
        request=None,
        responses={200: ReadOut, **errors(403, 404)},
    )
    def post(self, request, slug, conversation_id):
        return Response({"read": conversation_mark_read(participant=self.participant(conversation_id))})


class InboxAttachment(InboxThread):
    @extend_schema(
        tags=OWNER,
        summary="Download a message's attachment",
        responses={**ATTACHMENT_RESPONSE, **errors(403, 404)},
    )
    def get(self, request, slug, conversation_id, message_id):
        return self.attachment_response(self.participant(conversation_id), message_id)


# --- Analytics ---------------------------------------------------------------------------------


class DayOut(serializers.Serializer):
    day = serializers.DateField()
    revenue = MoneyField(source="sales")
    orders = serializers.IntegerField()
    visits = serializers.IntegerField()


class FunnelStepOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    of_first_percent = serializers.SerializerMethodField()
    of_previous_percent = serializers.FloatField(source="previous_percent")

    def get_of_first_percent(self, step) -> float:
        return round(step.of_first * 100, 1)


class AnalyticsOut(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    revenue = MoneyField()
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    visits = serializers.IntegerField()
    new_customers = serializers.IntegerField()
    average_order = MoneyField()
    conversion_percent = serializers.FloatField(help_text="Visits that ended in a payment, in percent.")
    funnel = FunnelStepOut(many=True)
    days = DayOut(many=True)
    top_products = serializers.ListField(
        child=inline_serializer(
            "TopProduct",
            {
                "product_id": serializers.IntegerField(),
                "title": serializers.CharField(),
                "views": serializers.IntegerField(),
                "orders": serializers.IntegerField(),
                "units": serializers.IntegerField(),
                "revenue": MoneyField(),
            },
        )
    )


class Analytics(OwnerView):
    section = "analytics"

    @extend_schema(
        tags=OWNER,
        summary="Sales, visits and conversion for a period (the dashboard analytics page's figures)",
        description="Without dates: the last 30 days. At most a year, never after today (as on the dashboard).",
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, description="First day (YYYY-MM-DD, or Jalali 1405-01-15)."),
            OpenApiParameter("end", OpenApiTypes.DATE, description="Last day."),
        ],
        responses={200: AnalyticsOut, **errors(400, 403, 404)},
    )
    def get(self, request, slug):
        params = {key: request.query_params.get(key, "")[:20] for key in ("start", "end")}
        form = PeriodForm({key: value for key, value in params.items() if value})
        valid_form(form)
        start, end = form.period()
        report = analytics.report_get(start=start, end=end)
        top = analytics.top_products(start=start, end=end)
        data = {
            "start": report.start,
            "end": report.end,
            "revenue": report.revenue,
            "orders": report.orders,
            "units": report.units,
            "visits": report.visits,
            "new_customers": report.new_customers,
            "average_order": report.average_order,
            "conversion_percent": report.conversion_percent,
            "funnel": report.funnel,
            "days": report.days,
            "top_products": [row.__dict__ for row in top],
        }
        return Response(AnalyticsOut(data).data)
