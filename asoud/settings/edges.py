"""Edges of the site: trusted proxies, redirects, content security policy, sign-in limits."""

import environ

env = environ.Env()

# Addresses (CIDR) of our own reverse proxies. X-Forwarded-For is believed only when the
# connection comes from one of these; empty (development, tests) means it is never believed.
ASOUD_TRUSTED_PROXIES = env.list("ASOUD_TRUSTED_PROXIES", default=[])
