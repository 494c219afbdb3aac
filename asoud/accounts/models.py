from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from asoud.core.phone import normalize_mobile
from asoud.core.private_files import private_storage


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, mobile: str, password: str | None = None, **fields):
        user = self.model(mobile=normalize_mobile(mobile), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, mobile: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(mobile, password, **fields)

    def get_by_natural_key(self, mobile):
        return self.get(mobile=normalize_mobile(mobile))


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The mobile number (E.164) is the identity; there is no username."""

    mobile = models.CharField(_("mobile number"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone_verified = models.BooleanField(_("mobile verified"), default=False)
    is_marketer = models.BooleanField(_("marketer"), default=False)
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Part of every session's auth hash: raising it signs the user out on every host at once.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "mobile"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.mobile

    def get_full_name(self) -> str:
        return self.name or self.mobile

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.mobile

    def get_session_auth_hash(self) -> str:
        return salted_hmac(
            "asoud.accounts.session", f"{self.password}:{self.session_epoch}", algorithm="sha256"
        ).hexdigest()

    @property
    def roles(self) -> set[str]:
        """Shopper for everyone; owner, marketer and staff on top (a user may hold several)."""
        roles = {Role.SHOPPER}
        if self.owned_markets.all():
            roles.add(Role.OWNER)
        if self.is_marketer:
            roles.add(Role.MARKETER)
        if self.is_staff:
            roles.add(Role.STAFF)
        return roles


class Role(models.TextChoices):
    SHOPPER = "shopper", _("Shopper")
    OWNER = "owner", _("Market owner")
    MARKETER = "marketer", _("Marketer")
    STAFF = "staff", _("Staff")


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    national_code = models.CharField(_("national code"), max_length=10, blank=True)
    iban = models.CharField(_("IBAN"), max_length=26, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


class Address(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="addresses")
    label = models.CharField(_("label"), max_length=60, blank=True, help_text=_("e.g. Home or Work"))
    receiver_name = models.CharField(_("receiver's name"), max_length=150)
    receiver_mobile = models.CharField(_("receiver's mobile"), max_length=16)
    province = models.CharField(_("province"), max_length=60)
    city = models.CharField(_("city"), max_length=60)
    street = models.CharField(_("address"), max_length=300)
    postal_code = models.CharField(_("postal code"), max_length=10)
    is_default = models.BooleanField(_("default address"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["-is_default", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_default=True), name="one_default_address_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label or self.city}: {self.street}"


class IdentityDocument(models.Model):
    class Kind(models.TextChoices):
        NATIONAL_CARD = "national_card", _("National card")
        BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
        PASSPORT = "passport", _("Passport")
        BUSINESS_LICENSE = "business_license", _("Business licence")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="identity/%Y/%m/", storage=private_storage)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.user})"


class LoginAttempt(models.Model):
    """Every code request and code entry, for throttling, locking and fraud signals."""

    class Action(models.TextChoices):
        REQUEST = "request", _("Code requested")
        VERIFY = "verify", _("Code entered")

    class Outcome(models.TextChoices):
        SENT = "sent", _("Code sent")
        SUCCESS = "success", _("Signed in")
        WRONG_CODE = "wrong_code", _("Wrong code")
        THROTTLED = "throttled", _("Throttled")
        LOCKED = "locked", _("Locked")
        INVALID = "invalid", _("Invalid number")

    mobile = models.CharField(_("mobile number"), max_length=32, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("login attempt")
        verbose_name_plural = _("login attempts")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["mobile", "outcome", "created_at"]),
            models.Index(fields=["ip", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.mobile} {self.action} {self.outcome}"
