"""Second factor (django-allauth's `allauth.mfa`): TOTP apps, recovery codes and passkeys (WebAuthn)."""

import environ

from .base import ASOUD_BASE_DOMAIN, DEBUG  # base.py star-imports this module at its end

env = environ.Env()

MFA_ADAPTER = "asoud.accounts.second_factor.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Passkeys are a second factor here, never a way round the SMS code (one factor on its own).
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "ASOUD"
# TOTP secrets are stored Fernet-encrypted with this key (`Fernet.generate_key()`); empty: derived from
# SECRET_KEY, so changing SECRET_KEY then makes every authenticator app set up again.
ASOUD_MFA_ENCRYPTION_KEY = env.str("ASOUD_MFA_ENCRYPTION_KEY", default="")
MFA_RECOVERY_CODE_COUNT = 10
# WebAuthn's relying party is the base domain, so a key added on the platform host also works on
# every `<market>.<base-domain>` (browsers treat http://localhost as a secure context).
ASOUD_WEBAUTHN_RP_ID = env.str("ASOUD_WEBAUTHN_RP_ID", default=ASOUD_BASE_DOMAIN)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or ASOUD_BASE_DOMAIN == "localhost"

# Sensitive actions (IBAN, withdrawals, team) ask again when the last check is older than this.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 15 * 60
# Who must have a second factor: staff on these platform paths (the admin and the staff pages).
ASOUD_STAFF_PATH_PREFIXES = ("/admin/", "/support/staff/", "/staff/")
# allauth's own "re-authenticate before managing factors" only knows passwords and factors; ASOUD's
# SecondFactorMiddleware applies the 15-minute rule to those pages instead (SMS code or factor).
MFA_REAUTHENTICATION_REQUIRED = False
# One 30-second step either side, for phones whose clock drifts (RFC 6238); a used code is refused.
MFA_TOTP_TOLERANCE = 1
