"""Platform staff tools for markets: the market list, the verification queue, plans, the audit log.

Status, plan and verification changes go through admin actions (with a reason where it matters),
which call the services: those write the audit log and notify the owner; the actions also add
Django's own LogEntry ("history") for the changed object.
"""

# Importing the modules registers their ModelAdmins (Django imports tenants.admin at start-up).
from . import markets, plans, verification  # noqa: F401
