"""The owner's chat inbox: /dashboard/inbox/ (conversations with unread counts) and
/dashboard/inbox/<id>/ (the same page with one conversation open, answered in place). For the
owner and the team members whose role reaches chat (manager, support)."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.vary import vary_on_headers

from asoud.chat.selectors import inbox_list
from asoud.chat.services import messages_mark_delivered_for_user, team_participant_ensure
from storefront.chat.views import thread_context, thread_post

from .access import dashboard_view


@dashboard_view("chat")
@vary_on_headers("HX-Request")
def inbox(request):
    market = request.market
    messages_mark_delivered_for_user(market=market, user=request.user)
    context = {"market": market, "conversations": inbox_list(market=market, user=request.user)}
    template = "dashboard/inbox.html#inbox-list" if request.htmx else "dashboard/inbox.html"
    return render(request, template, context)


@dashboard_view("chat")
@vary_on_headers("HX-Request")
def conversation(request, conversation_id: int):
    market = request.market
    participant = team_participant_ensure(market=market, user=request.user, conversation_id=conversation_id)
    page_url = reverse("dashboard:inbox_conversation", kwargs={"conversation_id": conversation_id})
    extra = {"market": market, "current_id": conversation_id}
    if request.method == "POST":
        extra["conversations"] = inbox_list(market=market, user=request.user)
        return thread_post(
            request, participant=participant, page_url=page_url, page_template="dashboard/inbox.html", extra=extra
        )
    context = {**extra, **thread_context(request, participant=participant, page_url=page_url)}
    if request.htmx and context["before"]:
        return render(request, "chat/includes/thread.html#older-messages", context)
    if request.htmx:
        return render(request, "dashboard/inbox.html#conversation-pane", context)
    context["conversations"] = inbox_list(market=market, user=request.user)
    return render(request, "dashboard/inbox.html", context)
