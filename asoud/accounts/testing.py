"""Test helpers for the second factor: a real TOTP authenticator (allauth's own model and code
generator) and a session that records which checks were passed and when, as allauth stores them."""

from __future__ import annotations

import json
import secrets
import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp
from allauth.mfa.webauthn.internal.auth import WebAuthn


def totp_code(secret: str, *, step: int = 0) -> str:
    """The code an authenticator app shows now (`step` 30-second periods later)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return totp.format_hotp_value(totp.hotp_value(secret, counter + step))


def give_totp(user) -> str:
    """Set up an authenticator app for `user`; returns its secret."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        return get_adapter().decrypt(existing.data["secret"])
    secret = totp.generate_totp_secret()
    totp.TOTP.activate(user, secret)
    return secret


def mark_checked(client, user, *, method: str = "mfa", seconds_ago: float = 0, **extra) -> None:
    """Record in `client`'s session that `user` passed `method` that long ago."""
    session = client.session
    records = list(session.get(AUTHENTICATION_METHODS_SESSION_KEY) or [])
    records.append({"method": method, "at": time.time() - seconds_ago, **extra})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()


def sign_in_staff(client, user) -> None:
    """A staff member signed in as they must be: with a second factor, passed in this session."""
    client.force_login(user)
    give_totp(user)
    mark_checked(client, user, method="mfa", type="totp")


def give_passkey(user, *, rp_id: str = "localhost") -> Authenticator:
    """Register a passkey for `user` as a browser would have (a "none" attestation of a fresh EC key)."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from fido2.cose import ES256
    from fido2.utils import sha256
    from fido2.webauthn import (
        Aaguid,
        AttestationObject,
        AttestedCredentialData,
        AuthenticatorAttestationResponse,
        AuthenticatorData,
        CollectedClientData,
        RegistrationResponse,
    )

    public_key = ES256.from_cryptography_key(ec.generate_private_key(ec.SECP256R1()).public_key())
    credential_id = secrets.token_bytes(16)
    credential = AttestedCredentialData.create(Aaguid.NONE, credential_id, public_key)
    flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT
    auth_data = AuthenticatorData.create(sha256(rp_id.encode()), flags, 0, bytes(credential))
    client_data = CollectedClientData.create(type="webauthn.create", challenge=b"0" * 16, origin=f"http://{rp_id}")
    response = AuthenticatorAttestationResponse(
        client_data=client_data, attestation_object=AttestationObject.create("none", auth_data, {})
    )
    registration = RegistrationResponse(raw_id=credential_id, response=response)
    return WebAuthn.add(user, "Test key", json.loads(json.dumps(dict(registration)))).instance
