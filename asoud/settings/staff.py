"""Platform staff tools for markets: verification, suspension, subscription plans (tenants)."""

import environ

from .payments import PAYMENTS_ON_PAID  # one dict, filled in place by each area

env = environ.Env()

# A market whose subscription ran out stays open this many days more, then shows "temporarily closed".
ASOUD_SUBSCRIPTION_GRACE_DAYS = env.int("ASOUD_SUBSCRIPTION_GRACE_DAYS", default=7)
# How many months an owner can renew at once (the choices on /dashboard/subscription/).
ASOUD_SUBSCRIPTION_MONTHS = [1, 3, 12]
# The admin's "expiring soon" filter looks this many days ahead.
ASOUD_SUBSCRIPTION_EXPIRING_DAYS = env.int("ASOUD_SUBSCRIPTION_EXPIRING_DAYS", default=14)

# A paid renewal extends the market's paid_until once (idempotent, inside the verifying transaction).
PAYMENTS_ON_PAID["subscription"] = "asoud.billing.services.subscription_renewal_fulfil"
