"""What a market's life tells the layers above it. Tenants sits below the public services, so it never
imports them: it sends these signals and the higher apps connect receivers in their AppConfig.ready
(docs/architecture.md, "Hooks and signals")."""

from django.dispatch import Signal

# The set of products the market shows in the platform marketplace may have changed (it opened, was
# suspended, listed or unlisted). Keyword arguments: schema_name.
market_listing_changed = Signal()

# A staff decision its owner must hear of (market_verified, market_rejected, …); sent after commit.
# Keyword arguments: user_id, market_id, event, context.
market_owner_notice = Signal()
