import factory

from asoud.accounts.models import Address, User


class UserFactory(factory.django.DjangoModelFactory):
    """A platform user (shopper, owner or marketer); the mobile is the username."""

    class Meta:
        model = User
        django_get_or_create = ("mobile",)

    mobile = factory.Sequence(lambda n: f"+98935{n:07d}")
    name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password(None)  # unusable, as create_user leaves it: users sign in by code


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    receiver_name = "Sara Ahmadi"
    receiver_mobile = "+989121234567"
    province = "Tehran"
    city = "Tehran"
    street = "12 Valiasr St."
    postal_code = factory.Sequence(lambda n: f"{1000000000 + n}")
