class PaymentError(Exception):
    """A payment could not be started or found. `message` is translated and safe to show."""

    def __init__(self, message: str, *, payment=None, code: int | None = None):
        super().__init__(message)
        self.message = message
        self.payment = payment
        self.code = code


class PaymentNotFound(PaymentError):
    pass
