import itertools
import random

import factory

from asoud.accounts.models import User

# Numbers of their own per run: committed rows of an interrupted run must not collide with the next.
_numbers = itertools.count(random.randint(1_000_000, 8_999_999))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    mobile = factory.LazyFunction(lambda: f"+98937{next(_numbers):07d}"[:13])
    name = factory.Sequence(lambda n: f"Shopper {n}")
    phone_verified = True
