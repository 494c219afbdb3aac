"""Mixed-direction text in notifications: the order number reads the same as on the order page and a
chat excerpt keeps its quotes around it, in Persian and English (issue 15, items 9 and 10)."""

from asoud.notifications.rendering import render_part

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def test_the_order_number_keeps_its_order_in_persian():
    context = {"order_number": "1405-000015", "market_name": "Alpha Shop", "total": 2_080_000}
    text = render_part(event="order_placed_shopper", part="in_app", context=context, language="fa")
    assert f"{LRI}۱۴۰۵-۰۰۰۰۱۵{PDI}" in text and f"{FSI}Alpha Shop{PDI}" in text
    english = render_part(event="order_placed_shopper", part="in_app", context=context, language="en")
    assert f"{LRI}1405-000015{PDI}" in english


def test_a_persian_chat_excerpt_keeps_its_quotes_in_english():
    context = {"sender_name": "مریم", "excerpt": "سلام، موجود است؟", "count": 1}
    text = render_part(event="chat_message", part="in_app", context=context, language="en")
    assert text == f"New message from {FSI}مریم{PDI}: “{FSI}سلام، موجود است؟{PDI}”"
