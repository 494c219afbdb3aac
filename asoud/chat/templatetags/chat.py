from django import template

from ..selectors import shopper_display_name

register = template.Library()


@register.filter
def shopper_name(user) -> str:
    """How a market's team sees a shopper: their name, never their full mobile number."""
    return shopper_display_name(user)
