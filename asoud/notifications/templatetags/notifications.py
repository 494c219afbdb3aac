from django import template

from ..selectors import notification_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_unread(context) -> int:
    """The signed-in person's unread count, for the bell in page headers."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return notification_unread_count(user_id=user.pk)
