"""SMS providers (asoud.sms). Filled in by the SMS service."""
