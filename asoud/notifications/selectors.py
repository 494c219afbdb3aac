from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from .events import ALWAYS_ON, DEFAULT_PREFERENCES, Category, Channel, channels_by_category
from .models import Notification, Preference, RecipientSettings
from .rendering import render_part


def notification_list(*, user) -> QuerySet[Notification]:
    """What the notification centre shows: in-app notifications that went out, newest first."""
    return (
        Notification.objects.filter(user=user, shown_at__isnull=False)
        .select_related("market")
        .order_by("-shown_at", "-id")
    )


def notification_unread_count(*, user_id: int) -> int:
    return Notification.objects.filter(user_id=user_id, shown_at__isnull=False, read_at__isnull=True).count()


def access_notification(*, user, notification_id: int) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, user=user).first()
    if notification is None:
        raise Http404
    return notification


def notification_text(*, notification: Notification, part: str = "in_app", language: str) -> str:
    context = {**notification.context, "count": notification.count}
    return render_part(event=notification.event, part=part, context=context, language=language)


def recipient_language(*, user_id: int) -> str:
    language = RecipientSettings.objects.filter(user_id=user_id).values_list("language", flat=True).first()
    return language or settings.LANGUAGE_CODE


def enabled_channels(*, user_id: int, category: str) -> set[str]:
    """The channels this person wants for a category: their choices over the defaults."""
    defaults = DEFAULT_PREFERENCES.get(category, set())
    if category in ALWAYS_ON:
        return set(defaults)
    chosen = dict(Preference.objects.filter(user_id=user_id, category=category).values_list("channel", "enabled"))
    return {channel for channel in Channel.values if chosen.get(channel, channel in defaults)}


@dataclass(frozen=True)
class PreferenceCell:
    channel: str
    label: str
    available: bool  # does any event of the category use this channel at all
    enabled: bool
    field_name: str


@dataclass(frozen=True)
class PreferenceRow:
    category: str
    label: str
    cells: list[PreferenceCell]


def preference_matrix(*, user_id: int) -> list[PreferenceRow]:
    """Categories × channels with this person's current choice, for the settings page."""
    usable = channels_by_category()
    rows = []
    for category in Category:
        if category in ALWAYS_ON:
            continue
        enabled = enabled_channels(user_id=user_id, category=category.value)
        cells = [
            PreferenceCell(
                channel=channel.value,
                label=channel.label,
                available=channel.value in usable[category.value],
                enabled=channel.value in enabled and channel.value in usable[category.value],
                field_name=f"{category.value}__{channel.value}",
            )
            for channel in Channel
        ]
        rows.append(PreferenceRow(category=category.value, label=category.label, cells=cells))
    return rows
