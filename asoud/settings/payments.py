"""Zarinpal and wallet settings (asoud.payments, asoud.wallet).

Outside production the gateway defaults to the sandbox emulator that our own site serves at
`/dev/zarinpal/` (only while `ASOUD_DEV_TOOLS` is on), so checkout works offline.
"""

import os

import environ

from .base import CELERY_BEAT_SCHEDULE  # base.py star-imports this module at its end

env = environ.Env()

_PRODUCTION = os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production")
_DEV_BASE_URL = (
    f"http://{env.str('ASOUD_BASE_DOMAIN', default='localhost')}:{env.int('PORT', default=8000)}/dev/zarinpal"
)

# REST v4 lives under `{ZARINPAL_BASE_URL}/pg/v4/payment/…`, the payment page at `{…}/pg/StartPay/<authority>`.
# Real gateway: https://payment.zarinpal.com (sandbox: https://sandbox.zarinpal.com).
ZARINPAL_BASE_URL = env.str(
    "ZARINPAL_BASE_URL", default="https://payment.zarinpal.com" if _PRODUCTION else _DEV_BASE_URL
)
# The 36-character merchant code (a UUID). Outside production any well-formed UUID works with the emulator.
ZARINPAL_MERCHANT_ID = env.str(
    "ZARINPAL_MERCHANT_ID", default="" if _PRODUCTION else "6f1d7c9e-2b4a-4c8e-9a3f-5d0b1e7a2c64"
)
ZARINPAL_TIMEOUT = env.float("ZARINPAL_TIMEOUT", default=10.0)  # seconds, per HTTP call

# Payments still pending after this many minutes are re-verified by the reconcile task.
PAYMENTS_RECONCILE_AFTER_MINUTES = env.int("PAYMENTS_RECONCILE_AFTER_MINUTES", default=20)
# What to do once a payment is verified, by purpose: a dotted path to a function taking `payment=`.
# It runs inside the verifying transaction and must be idempotent (the tenant checkout adds "order").
PAYMENTS_ON_PAID = {
    "wallet_topup": "asoud.wallet.services.wallet_topup_fulfil",
}

# Wallet top-ups, in Toman as people type them (stored as Rials × 10).
WALLET_TOPUP_MIN_TOMAN = env.int("WALLET_TOPUP_MIN_TOMAN", default=10_000)
WALLET_TOPUP_MAX_TOMAN = env.int("WALLET_TOPUP_MAX_TOMAN", default=50_000_000)

CELERY_BEAT_SCHEDULE["payments-reconcile"] = {"task": "payments.reconcile", "schedule": 300.0}
