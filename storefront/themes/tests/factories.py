import factory

from storefront.themes.models import StoreContact


class StoreContactFactory(factory.django.DjangoModelFactory):
    """The market's one contact row (inside the market's schema)."""

    class Meta:
        model = StoreContact
        django_get_or_create = ("id",)

    id = StoreContact.SINGLETON_ID
    phone = "021-88001122"
    email = "shop@example.com"
    city = "Tehran"
    postal_code = "1234567890"
