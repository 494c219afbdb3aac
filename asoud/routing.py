from django.urls import path

from asoud.chat.consumers import ChatConsumer, InboxConsumer
from asoud.core.consumers import PingConsumer
from asoud.notifications.consumers import NotificationConsumer
from asoud.support.consumers import TicketConsumer
from dashboard.analytics_live import LiveDashboardConsumer

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
    path("ws/chat/inbox/", InboxConsumer.as_asgi()),
    path("ws/chat/<int:conversation_id>/", ChatConsumer.as_asgi()),
    path("ws/support/<int:ticket_id>/", TicketConsumer.as_asgi()),
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    path("ws/analytics/dashboard/", LiveDashboardConsumer.as_asgi()),
]
