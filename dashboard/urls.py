from django.urls import path

from . import inbox, subscription, verification, views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("subscription/", subscription.subscription, name="subscription"),
    path("subscription/callback/", subscription.subscription_callback, name="subscription_callback"),
    path("verification/", verification.verification, name="verification"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<int:conversation_id>/", inbox.conversation, name="inbox_conversation"),
]
