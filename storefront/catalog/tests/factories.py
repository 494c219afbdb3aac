"""Catalogue test data, made through the catalogue's own services (factory_boy front-ends)."""

import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from asoud.accounts.models import User
from storefront.catalog import services
from storefront.catalog.models import Category, ColleagueCustomer, Discount, Product, ProductVariant


class ServiceFactory(factory.Factory):
    """Builds keyword arguments with factory_boy, then calls the service named in `Meta.service`."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return cls._service(**kwargs)


class CategoryFactory(ServiceFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    _service = staticmethod(services.category_create)


class ProductFactory(ServiceFactory):
    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    price_main = 1_000_000
    initial_stock = 10

    _service = staticmethod(services.product_create)


class VariantFactory(ServiceFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory, initial_stock=0)
    title = factory.Sequence(lambda n: f"Variant {n}")
    sku = factory.Sequence(lambda n: f"VAR-{n:05d}")
    initial_stock = 5

    _service = staticmethod(services.variant_create)


class DiscountFactory(ServiceFactory):
    class Meta:
        model = Discount

    product = factory.SubFactory(ProductFactory)
    kind = Discount.Kind.PERCENT
    value = 10

    _service = staticmethod(services.discount_create)


class UserFactory(factory.Factory):
    class Meta:
        model = User

    mobile = factory.Sequence(lambda n: f"+98935{n:07d}")
    name = "Test Shopper"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return User.objects.create_user(kwargs.pop("mobile"), **kwargs)


class ColleagueFactory(factory.Factory):
    """A user the market approved as a colleague (B2B customer)."""

    class Meta:
        model = ColleagueCustomer

    user = factory.SubFactory(UserFactory)
    company_name = "Colleague Co."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.colleague_approve(colleague=services.colleague_request(**kwargs))


def image_upload(
    width: int = 900, height: int = 700, *, image_format: str = "JPEG", name: str = "photo.jpg"
) -> ContentFile:
    image = Image.new("RGB", (width, height), (200, 80, 40))
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return ContentFile(buffer.getvalue(), name=name)
