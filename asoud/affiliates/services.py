"""Writes of the affiliate programme: joining, links, clicks, attribution, commissions, withdrawals.

Money only moves through the wallet ledger (asoud.wallet.services) with idempotency keys, so every
hook is safe to call twice.
"""

from __future__ import annotations

import datetime
import logging
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from asoud.accounts.models import Profile
from asoud.accounts.validators import normalize_iban
from asoud.core.formatting import toman as format_toman
from asoud.core.uploads import image_clean
from asoud.marketplace.models import Listing
from asoud.wallet.models import LedgerEntry
from asoud.wallet.selectors import wallet_balance
from asoud.wallet.services import InsufficientFunds, wallet_credit, wallet_debit
from tenants.models import Market

from .models import AffiliateLink, Click, Marketer, Referral, Withdrawal

audit_logger = logging.getLogger("asoud.audit")

CLICK_TOKEN_SALT = "asoud.affiliates.click"
COOKIE_SALT = "asoud.affiliates.cookie"
# The hop from /r/<code> to the market host's landing endpoint takes a second; a day is generous.
CLICK_TOKEN_MAX_AGE = 24 * 60 * 60
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_BOT = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|whatsapp|telegram|preview|curl|wget|python-requests|httpclient|"
    r"go-http|java/|headlesschrome|lighthouse|monitor",
    re.IGNORECASE,
)


class AffiliateError(Exception):
    """A request of a marketer was refused. `message` is translated and safe to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Joining -------------------------------------------------------------------------------------


def _profile_iban(user) -> tuple[str, str]:
    """The user's IBAN from their profile, validated; raises ValidationError when missing or wrong."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None or not profile.iban:
        raise ValidationError(_("Add your bank IBAN (Sheba) to your profile first: commissions are paid there."))
    return normalize_iban(profile.iban), profile.account_holder


@transaction.atomic
def marketer_join(*, user, handle: str, bio: str = "", accept_terms: bool) -> Marketer:
    """Make `user` a marketer. Needs the terms accepted and a valid IBAN on their profile."""
    existing = Marketer.objects.filter(user=user).first()
    if existing is not None:
        return existing
    if not accept_terms:
        raise ValidationError({"accept_terms": _("Please accept the marketer terms to continue.")})
    iban, holder = _profile_iban(user)
    marketer = Marketer(
        user=user,
        handle=handle.strip().lower(),
        bio=bio.strip(),
        iban=iban,
        account_holder=holder,
        terms_accepted_at=timezone.now(),
    )
    marketer.full_clean()
    marketer.save()
    user.is_marketer = True
    user.save(update_fields=["is_marketer"])
    return marketer


def marketer_profile_update(*, marketer: Marketer, bio: str, avatar=None, avatar_remove: bool = False) -> Marketer:
    """Change the bio and avatar shown on the marketer's link page (the image is validated)."""
    marketer.bio = bio.strip()[:300]
    if avatar is not None:
        clean = image_clean(avatar)
        marketer.avatar.save(clean.file.name, clean.file, save=False)
    elif avatar_remove:
        marketer.avatar = ""
    marketer.save()
    return marketer


# --- Links ---------------------------------------------------------------------------------------


def link_create(*, marketer: Marketer, listing: Listing) -> AffiliateLink:
    """A link to one product with an affiliate offer; the same product twice gives the same link."""
    if listing.commission_percent is None:
        raise AffiliateError(_("This product is not part of an affiliate programme."))
    existing = AffiliateLink.objects.filter(
        marketer=marketer, market_id=listing.market_id, product_id=listing.product_id
    ).first()
    if existing is not None:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return AffiliateLink.objects.create(
                    marketer=marketer,
                    market_id=listing.market_id,
                    product_id=listing.product_id,
                    title=listing.title,
                    code="".join(secrets.choice(_CODE_ALPHABET) for _ in range(8)),
                )
        except IntegrityError:
            continue  # a code collision (or a concurrent double click): try again
    return AffiliateLink.objects.get(marketer=marketer, market_id=listing.market_id, product_id=listing.product_id)


def link_page_toggle(*, link: AffiliateLink) -> AffiliateLink:
    link.is_on_page = not link.is_on_page
    link.save(update_fields=["is_on_page"])
    return link


def link_delete(*, link: AffiliateLink) -> None:
    link.delete()


# --- Clicks and attribution ----------------------------------------------------------------------


@dataclass(frozen=True)
class ClickOutcome:
    """`click_id` is what the market host attributes to (None: bot or self-click); `counted`: a new click."""

    click_id: int | None
    counted: bool


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(_BOT.search(user_agent))


def click_record(*, link: AffiliateLink, ip: str, user_agent: str, user=None) -> ClickOutcome:
    """Count a visit through `link` once per visitor and window; bots and the marketer themself never count."""
    if is_bot(user_agent):
        return ClickOutcome(click_id=None, counted=False)
    if user is not None and user.is_authenticated and user.pk == link.marketer.user_id:
        return ClickOutcome(click_id=None, counted=False)
    visitor = salted_hmac("asoud.affiliates.visitor", ip or "-", algorithm="sha256").hexdigest()
    key = f"affiliates:click:{link.pk}:{visitor}"
    window = settings.AFFILIATES_CLICK_WINDOW_SECONDS
    if not cache.add(key, 0, timeout=window):
        # The same visitor again within the window: not a new click, but still theirs to attribute.
        return ClickOutcome(click_id=cache.get(key) or None, counted=False)
    click = Click.objects.create(link=link, market_id=link.market_id, ip_hash=visitor, user_agent=user_agent[:300])
    cache.set(key, click.pk, timeout=window)
    return ClickOutcome(click_id=click.pk, counted=True)


def click_token(click_id: int) -> str:
    """The parameter /r/<code> hands to the market host, which turns it into the attribution cookie."""
    return signing.dumps(click_id, salt=CLICK_TOKEN_SALT, compress=True)


def attribution_cookie_value(*, token: str, market: Market) -> str | None:
    """Check a landing token for this market; the signed cookie value to set, or None when invalid."""
    try:
        click_id = signing.loads(token, salt=CLICK_TOKEN_SALT, max_age=CLICK_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not Click.objects.filter(pk=click_id, market=market).exists():
        return None
    return signing.dumps(click_id, salt=COOKIE_SALT, compress=True)


def _attributed_click(*, market: Market, cookie: str) -> Click | None:
    """The click behind a market's attribution cookie, when it is younger than the window."""
    days = settings.AFFILIATES_ATTRIBUTION_DAYS
    try:
        click_id = signing.loads(cookie, salt=COOKIE_SALT, max_age=days * 24 * 60 * 60)
    except signing.BadSignature:
        return None
    since = timezone.now() - datetime.timedelta(days=days)
    return (
        Click.objects.select_related("link__marketer")
        .filter(pk=click_id, market=market, created_at__gte=since, link__marketer__is_active=True)
        .first()
    )


@transaction.atomic
def referral_attach(
    *, market: Market, order_id: int, order_number: str, amount: int, buyer_user_id: int | None, request
) -> Referral | None:
    """At order placement: record the marketer whose link (last click, within the window) brought the buyer.

    Nothing is recorded without a valid cookie, for the marketer's own orders (self-referral), or when
    the market no longer offers a commission on the linked product. Repeating the call changes nothing.
    """
    cookie = request.COOKIES.get(settings.AFFILIATES_COOKIE_NAME) if request is not None else None
    click = _attributed_click(market=market, cookie=cookie) if cookie else None
    if click is None:
        return None
    link = click.link
    if buyer_user_id is not None and buyer_user_id == link.marketer.user_id:
        return None
    with tenant_context(market):  # the market's offer lives in the tenant layer, reached through a hook
        rate = import_string(settings.AFFILIATES_PRODUCT_RATE)(product_id=link.product_id)
    if not rate:
        return None
    referral, _created = Referral.objects.get_or_create(
        market=market,
        order_id=order_id,
        defaults={
            "marketer": link.marketer,
            "link": link,
            "click": click,
            "order_number": order_number,
            "amount": amount,
            "rate_percent": rate,
            "commission": amount * rate // 100,
        },
    )
    return referral


def _referral_locked(*, market: Market, order_id: int) -> Referral | None:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("marketer__user")
        .filter(market=market, order_id=order_id)
        .first()
    )


@transaction.atomic
def commission_earn(*, market: Market, order_id: int) -> Referral | None:
    """The order was completed: credit the commission to the marketer's wallet (once)."""
    referral = _referral_locked(market=market, order_id=order_id)
    if referral is None or referral.status != Referral.Status.PENDING:
        return referral
    if referral.commission > 0:
        wallet_credit(
            user=referral.marketer.user,
            amount=referral.commission,
            kind=LedgerEntry.Kind.COMMISSION,
            reference=f"order:{market.slug}:{referral.order_number}",
            idempotency_key=f"commission:{market.pk}:{order_id}",
            note=_("Commission for order %(number)s") % {"number": referral.order_number},
        )
    referral.status = Referral.Status.EARNED
    referral.earned_at = timezone.now()
    referral.save(update_fields=["status", "earned_at"])
    return referral


@transaction.atomic
def commission_reverse(*, market: Market, order_id: int) -> Referral | None:
    """The order was refunded (or cancelled): a pending commission lapses, an earned one is taken back.

    When the marketer already withdrew the money, the wallet gives back what it holds and the rest is
    recorded as `reversal_shortfall` for staff.
    """
    referral = _referral_locked(market=market, order_id=order_id)
    if referral is None:
        return None
    if referral.status == Referral.Status.PENDING:
        referral.status = Referral.Status.CANCELLED
        referral.save(update_fields=["status"])
    elif referral.status == Referral.Status.EARNED:
        taken = _take_back(referral, market)
        referral.reversal_shortfall = referral.commission - taken
        referral.status = Referral.Status.REVERSED
        referral.reversed_at = timezone.now()
        referral.save(update_fields=["status", "reversed_at", "reversal_shortfall"])
    return referral


def _take_back(referral: Referral, market: Market) -> int:
    user = referral.marketer.user
    amount = min(referral.commission, wallet_balance(user=user))
    if amount > 0:
        wallet_debit(
            user=user,
            amount=amount,
            kind=LedgerEntry.Kind.COMMISSION_REVERSAL,
            reference=f"order:{market.slug}:{referral.order_number}",
            idempotency_key=f"commission-reversal:{market.pk}:{referral.order_id}",
            note=_("Order %(number)s was refunded") % {"number": referral.order_number},
        )
    return amount


# --- Withdrawals ---------------------------------------------------------------------------------


@transaction.atomic
def withdrawal_request(*, marketer: Marketer, amount: int) -> Withdrawal:
    """Hold `amount` Rials from the wallet (a ledger entry) until staff pay it to the IBAN or reject it."""
    minimum = settings.AFFILIATES_MIN_WITHDRAWAL
    if amount < minimum:
        raise AffiliateError(_("The smallest withdrawal is %(minimum)s.") % {"minimum": format_toman(minimum)})
    try:
        iban, holder = _profile_iban(marketer.user)
    except ValidationError as error:
        raise AffiliateError(error.messages[0]) from error
    withdrawal = Withdrawal.objects.create(marketer=marketer, amount=amount, iban=iban, account_holder=holder)
    try:
        wallet_debit(
            user=marketer.user,
            amount=amount,
            kind=LedgerEntry.Kind.WITHDRAWAL,
            reference=f"withdrawal:{withdrawal.pk}",
            idempotency_key=f"withdrawal:{withdrawal.pk}",
            note=_("Withdrawal to %(iban)s") % {"iban": iban},
        )
    except InsufficientFunds as error:
        raise AffiliateError(_("Your wallet balance is not enough for this withdrawal.")) from error
    return withdrawal


def _withdrawal_locked(withdrawal: Withdrawal) -> Withdrawal:
    return Withdrawal.objects.select_for_update(of=("self",)).select_related("marketer__user").get(pk=withdrawal.pk)


@transaction.atomic
def withdrawal_approve(*, withdrawal: Withdrawal, staff) -> Withdrawal:
    """Staff paid the money to the IBAN: the held amount leaves for good (no new ledger entry)."""
    withdrawal = _withdrawal_locked(withdrawal)
    if not withdrawal.is_open:
        raise AffiliateError(_("This withdrawal was already decided."))
    withdrawal.status = Withdrawal.Status.PAID
    withdrawal.decided_at = timezone.now()
    withdrawal.decided_by = staff
    withdrawal.save(update_fields=["status", "decided_at", "decided_by"])
    _audit_withdrawal(withdrawal, action="withdrawal_approved", staff=staff)
    return withdrawal


def _audit_withdrawal(withdrawal: Withdrawal, *, action: str, staff) -> None:
    audit_logger.info(
        "Withdrawal decided",
        extra={
            "action": action,
            "actor": staff,
            "target": f"withdrawal {withdrawal.pk} of marketer {withdrawal.marketer_id}",
            "amount": withdrawal.amount,
        },
    )


@transaction.atomic
def withdrawal_reject(*, withdrawal: Withdrawal, staff, note: str = "") -> Withdrawal:
    """Staff refused the withdrawal: the held amount goes back to the wallet (a ledger entry)."""
    withdrawal = _withdrawal_locked(withdrawal)
    if not withdrawal.is_open:
        raise AffiliateError(_("This withdrawal was already decided."))
    wallet_credit(
        user=withdrawal.marketer.user,
        amount=withdrawal.amount,
        kind=LedgerEntry.Kind.WITHDRAWAL,
        reference=f"withdrawal:{withdrawal.pk}",
        idempotency_key=f"withdrawal-rejected:{withdrawal.pk}",
        note=_("Withdrawal rejected: returned to your wallet"),
    )
    withdrawal.status = Withdrawal.Status.REJECTED
    withdrawal.decided_at = timezone.now()
    withdrawal.decided_by = staff
    withdrawal.note = note[:255]
    withdrawal.save(update_fields=["status", "decided_at", "decided_by", "note"])
    _audit_withdrawal(withdrawal, action="withdrawal_rejected", staff=staff)
    return withdrawal
