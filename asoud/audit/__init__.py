"""The security audit log: sign-ins, lockouts, role changes, payouts, staff actions, private files."""
