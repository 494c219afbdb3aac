"""Local stand-ins for the SMS providers, speaking each provider's documented protocol.

Both check requests the way the provider documents them and answer with its documented success
and error bodies. A test (or a developer) forces an error with a recipient number:

    0999 0000 NNN  → the provider answers with its status NNN (e.g. 09990000102: SMS.ir "not
                     enough credit", 09990000418: Kavenegar "not enough credit")
    0999 0000 500  → a bare HTTP 500 page that is not the provider's JSON (a broken gateway)
    0999 0000 999  → the answer comes only after `slow_seconds` (to test timeouts)

A wrong API key gets the provider's own authentication error.
"""

import time

from .server import StandinServer

FORCE_PREFIX = "9990000"  # national number 999 0000 NNN
BROKEN_GATEWAY = 500
SLOW = 999


def forced_status(number: str) -> int | None:
    """The status a test asks for through the recipient number, if it is a 0999 0000 NNN number."""
    national = number.strip()[-10:]
    if national.startswith(FORCE_PREFIX) and national[7:].isdigit():
        return int(national[7:])
    return None


def wait_if_slow(status: int | None, slow_seconds: float) -> int | None:
    """Sleep for the "slow" number, then carry on as if nothing was forced."""
    if status == SLOW:
        time.sleep(slow_seconds)
        return None
    return status


__all__ = ["BROKEN_GATEWAY", "FORCE_PREFIX", "SLOW", "StandinServer", "forced_status", "wait_if_slow"]
