"""Two browser tabs return from the gateway at the same moment: the wallet is credited once.

Separate connections only see committed rows, so this test commits its own rows (outside the
usual test transaction) and removes them afterwards.
"""

import secrets
import threading

from django.db import connection

from asoud.accounts.models import User
from asoud.payments.models import Payment
from asoud.wallet.models import LedgerEntry, Wallet
from asoud.wallet.selectors import wallet_balance
from asoud.wallet.services import wallet_topup_complete, wallet_topup_start


def test_concurrent_callbacks_credit_once(django_db_blocker, zarinpal):
    """Two browser tabs return at the same moment: separate connections, committed rows, one credit."""
    with django_db_blocker.unblock():
        user = User.objects.create_user(f"0936{secrets.randbelow(10**7):07d}")
        try:
            payment, gateway_url = wallet_topup_start(user=user, amount=400_000, callback_url="http://localhost/cb/")
            zarinpal.pay(gateway_url)
            barrier = threading.Barrier(4)
            statuses = []

            def come_back():
                try:
                    barrier.wait(timeout=10)
                    statuses.append(wallet_topup_complete(authority=payment.authority, status_param="OK").status)
                finally:
                    connection.close()

            threads = [threading.Thread(target=come_back) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            assert statuses == ["paid"] * 4
            assert wallet_balance(user=user) == 400_000
            assert LedgerEntry.objects.filter(wallet__user=user).count() == 1
        finally:
            LedgerEntry.objects.filter(wallet__user=user).delete()
            Wallet.objects.filter(user=user).delete()
            Payment.objects.filter(user=user).delete()
            user.delete()
