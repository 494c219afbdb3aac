"""Sign-in by mobile number and a one-time SMS code (django-allauth), and the cross-host handoff."""

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses password sign-ins of a locked-out pair
    "django.contrib.auth.backends.ModelBackend",  # staff passwords for the admin
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "asoud.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"phone"}
ACCOUNT_SIGNUP_FIELDS = ["phone*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_USER_MODEL_EMAIL_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PHONE_VERIFICATION_ENABLED = False  # the sign-in code itself proves the number
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 3 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = 3
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_FORMS = {
    "request_login_code": "asoud.accounts.forms.RequestCodeForm",
    "confirm_login_code": "asoud.accounts.forms.ConfirmCodeForm",
}
# allauth keeps its counters in the default cache, i.e. the shared Redis.
ACCOUNT_RATE_LIMITS = {
    "request_login_code": "10/m/ip,3/5m/key",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
}
LOGIN_URL = "/accounts/login/"  # exists on the platform host and on every market host
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# A number with this many failed code entries within the window is locked for the lock period.
OTP_LOCK_FAILURES = 5
OTP_LOCK_WINDOW_SECONDS = 15 * 60
OTP_LOCK_SECONDS = 15 * 60
OTP_RESEND_COOLDOWN_SECONDS = 60
# Signed, single-use tokens that carry a sign-in from the platform host to a market host.
HANDOFF_MAX_AGE_SECONDS = 60
