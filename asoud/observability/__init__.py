"""Eyes on production: Prometheus metrics, Sentry, JSON logs with request context.

A bottom layer like `asoud.core`: it imports nothing of ours, so every service may import
`asoud.observability.metrics` to count what it does. See docs/operations.md.
"""
