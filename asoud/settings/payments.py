"""Zarinpal and wallet settings (asoud.payments, asoud.wallet). Filled in by the payments service."""
