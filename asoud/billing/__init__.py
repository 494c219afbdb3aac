"""Billing markets for the platform: subscription renewals paid through asoud.payments. No models of its
own (plans and renewals are tenants' rows); not an installed app."""
