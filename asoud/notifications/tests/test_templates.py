"""Every event's texts exist and read well in Persian and in English."""

import re

import pytest

from asoud.notifications.events import EVENTS
from asoud.notifications.rendering import render_part

PARTS = {"in_app": ["in_app"], "sms": ["sms"], "email": ["email_subject", "email"]}
SAMPLE = {
    "market_name": "Alpha Shop",
    "order_number": "1024",
    "total": 12_500_000,
    "customer_name": "Sara",
    "tracking_code": "TRK-9",
    "sender_name": "Sara",
    "excerpt": "Is it in stock?",
    "message": "Is it in stock?",
    "ticket_id": 7,
    "subject": "Refund & return",
    "reason": "Blurry licence",
    "amount": 5_000_000,
    "product_title": "Saffron tin",
    "stock": 2,
    "count": 1,
    "url": "http://alpha.localhost:8000/x/?a=1&b=2",
}
PERSIAN = re.compile(r"[\u0600-\u06FF]")
ENGLISH_WORDS = re.compile(r"\b(?:your|order|is|has|from|the|message)\b", re.IGNORECASE)

CASES = [(event.name, part) for event in EVENTS.values() for channel in event.channels for part in PARTS[channel]]


@pytest.mark.parametrize(("event", "part"), CASES)
def test_each_text_renders_in_persian_and_english(event, part):
    english = render_part(event=event, part=part, context=SAMPLE, language="en")
    persian = render_part(event=event, part=part, context=SAMPLE, language="fa")
    assert english and persian and english != persian
    assert not PERSIAN.search(english)
    assert PERSIAN.search(persian)
    without_names = persian.replace("Alpha Shop", "").replace("Saffron tin", "").replace("Refund & return", "")
    without_names = (
        re.sub(r"https?://\S+", "", without_names).replace("Is it in stock?", "").replace("Blurry licence", "")
    )
    assert not ENGLISH_WORDS.search(without_names), persian  # translated, not left in English
    assert "&amp;" not in english  # plain text, never HTML-escaped


def test_money_and_numbers_read_the_local_way():
    english = render_part(event="order_paid_shopper", part="in_app", context=SAMPLE, language="en")
    persian = render_part(event="order_paid_shopper", part="in_app", context=SAMPLE, language="fa")
    english = re.sub("[\u2066-\u2069]", "", english)  # the isolates around the number and the name
    assert english == "We received your payment of 1,250,000 Toman for order 1024 at Alpha Shop."
    assert "۱٬۲۵۰٬۰۰۰ تومان" in persian and "۱۰۲۴" in persian


def test_grouped_chat_messages_use_the_plural():
    text = render_part(event="chat_message", part="in_app", context={**SAMPLE, "count": 3}, language="en")
    assert re.sub("[\u2066-\u2069]", "", text) == "3 new messages from Sara. The latest: “Is it in stock?”"
    persian = render_part(event="chat_message", part="in_app", context=SAMPLE, language="fa")
    assert "پیام تازه از Sara" in re.sub("[\u2066-\u2069]", "", persian)


def test_emails_greet_link_and_explain_the_settings():
    body = render_part(event="ticket_answered", part="email", context=SAMPLE, language="en")
    assert body.startswith("Hello,") and "See it here: http://alpha.localhost:8000/x/?a=1&b=2" in body
    assert "notification settings" in body
