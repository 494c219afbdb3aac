from asoud.accounts.tests.conftest import new_mobile, visitor  # noqa: F401
from asoud.affiliates.tests.conftest import marketer  # noqa: F401
