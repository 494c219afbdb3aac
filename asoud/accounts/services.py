import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from asoud.core.http import client_ip
from asoud.core.redis import get_redis
from asoud.core.uploads import document_clean
from asoud.observability import metrics
from asoud.sms.services import sms_send_otp

from .models import Address, IdentityDocument, LoginAttempt, Profile, User

audit_logger = logging.getLogger("asoud.audit")


def user_get_or_create_for_mobile(*, mobile: str) -> User:
    user, _created = User.objects.get_or_create(mobile=mobile)
    return user


def login_attempt_record(*, mobile: str, request, action: str, outcome: str) -> LoginAttempt:
    attempt = LoginAttempt.objects.create(
        mobile=mobile,
        ip=client_ip(request) if request is not None else None,
        user_agent=(request.headers.get("User-Agent", "")[:300] if request is not None else ""),
        action=action,
        outcome=outcome,
    )
    if outcome == LoginAttempt.Outcome.WRONG_CODE:
        _audit_wrong_code(mobile=mobile, request=request)
    return attempt


def _audit_wrong_code(*, mobile: str, request) -> None:
    """The security audit log: each wrong code, and the lock the last one of a series starts."""
    extra = {"request": request, "target": mobile, "method": "sms_code"}
    audit_logger.info("Wrong sign-in code", extra={**extra, "action": "sign_in_failed"})
    locked_for = otp_lock_remaining(mobile=mobile)
    if locked_for:
        audit_logger.warning(
            "Number locked after wrong codes", extra={**extra, "action": "lockout", "seconds": locked_for}
        )


def otp_lock_remaining(*, mobile: str) -> int:
    """Seconds this number stays locked after too many wrong codes (0 when it is not locked)."""
    now = timezone.now()
    window_start = now - timedelta(seconds=settings.OTP_LOCK_WINDOW_SECONDS)
    failures = list(
        LoginAttempt.objects.filter(
            mobile=mobile, outcome=LoginAttempt.Outcome.WRONG_CODE, created_at__gte=window_start
        ).values_list("created_at", flat=True)[: settings.OTP_LOCK_FAILURES]
    )
    if len(failures) < settings.OTP_LOCK_FAILURES:
        return 0
    locked_until = failures[0] + timedelta(seconds=settings.OTP_LOCK_SECONDS)
    return max(0, int((locked_until - now).total_seconds()))


# One atomic step in Redis: count a check of this code, then (if the code has tries left) a check
# for this number. Returns 0 (go ahead), 1 (the code's tries are used up), 2 (the number's are).
_CHECK_TAKE = """
local code_checks = redis.call('INCR', KEYS[1])
if code_checks == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if code_checks > tonumber(ARGV[2]) then return {1, code_checks} end
local number_checks = redis.call('INCR', KEYS[2])
if number_checks == 1 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
if number_checks > tonumber(ARGV[4]) then return {2, code_checks} end
return {0, code_checks}
"""


@dataclass(frozen=True)
class OtpCheck:
    refused: str | None  # None, "code" (its tries are used up) or "number" (too many wrong codes)
    last_try: bool  # this check is the code's last one


def _otp_keys(mobile: str, code: str) -> list[str]:
    code_id = salted_hmac("asoud.accounts.otp-checks", f"{mobile}:{code}", algorithm="sha256").hexdigest()
    return [f"asoud:otp:checks:code:{code_id}", f"asoud:otp:checks:number:{mobile}"]


def otp_check_take(*, mobile: str, code: str) -> OtpCheck:
    """Take one of the limited checks of a sign-in code, atomically: however many guesses arrive at
    once, a code is compared at most ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS times and a number at most
    OTP_LOCK_FAILURES times in the lock window (successful checks are given back)."""
    limit = settings.ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS
    result, code_checks = get_redis().eval(
        _CHECK_TAKE,
        2,
        *_otp_keys(mobile, code),
        settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT + 60,
        limit,
        settings.OTP_LOCK_WINDOW_SECONDS,
        settings.OTP_LOCK_FAILURES,
    )
    return OtpCheck(refused={0: None, 1: "code", 2: "number"}[int(result)], last_try=int(code_checks) >= limit)


def otp_check_succeeded(*, mobile: str, code: str) -> None:
    """A right code does not count towards the number's lock."""
    get_redis().decr(_otp_keys(mobile, code)[1])


def otp_send(*, mobile: str, code: str, request) -> None:
    login_attempt_record(mobile=mobile, request=request, action=LoginAttempt.Action.REQUEST, outcome="sent")
    sms_send_otp(to=mobile, code=code)
    metrics.otp_sent()


def user_sign_out_everywhere(*, user: User) -> None:
    """Invalidate every session of this user on every host (the epoch is part of the auth hash)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)


def unverified_users_delete(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Numbers that asked for a code but never entered one leave no account behind."""
    stale = User.objects.filter(
        phone_verified=False,
        last_login__isnull=True,
        is_staff=False,
        date_joined__lt=timezone.now() - older_than,
        owned_markets__isnull=True,
    )
    deleted = 0
    for user in stale.iterator():
        if _delete_unless_referenced(user):
            deleted += 1
    return deleted


def _delete_unless_referenced(user: User) -> bool:
    """Market tables refer to users across schemas; the database knows, Django's collector doesn't."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # fail here, not at commit
            user.delete()
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    except IntegrityError:
        return False  # a market refers to this number (an invited team member, a colleague): keep it
    return True


def profile_get(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def profile_update(*, user: User, name: str, email: str, national_code: str, iban: str, account_holder: str) -> Profile:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(name=name, email=email)
        profile = profile_get(user=user)
        profile.national_code = national_code
        profile.iban = iban
        profile.account_holder = account_holder
        profile.save()
    user.name, user.email = name, email
    return profile


@transaction.atomic
def address_save(*, user: User, address: Address | None = None, **fields) -> Address:
    """Create or update one of the user's addresses; the first one, or one marked default, becomes the default."""
    address = address or Address(user=user)
    for name, value in fields.items():
        setattr(address, name, value)
    if not user.addresses.exclude(pk=address.pk).exists():
        address.is_default = True
    if address.is_default:
        user.addresses.exclude(pk=address.pk).filter(is_default=True).update(is_default=False)
    address.save()
    return address


@transaction.atomic
def address_delete(*, address: Address) -> None:
    user, was_default = address.user, address.is_default
    address.delete()
    if was_default:
        replacement = user.addresses.order_by("-created_at").first()
        if replacement:
            replacement.is_default = True
            replacement.save(update_fields=["is_default"])


def address_make_default(*, address: Address) -> Address:
    return address_save(user=address.user, address=address, is_default=True)


def document_upload(*, user: User, kind: str, file) -> IdentityDocument:
    """Keep a clean copy (re-encoded image or checked PDF) in the private storage."""
    return IdentityDocument.objects.create(user=user, kind=kind, file=document_clean(file).file)
