"""Orders as checkout leaves them (snapshot fields, a number, items), for tests that need sales without
going through the checkout pages. Inside a market's schema."""

import factory

from asoud.accounts.tests.factories import UserFactory
from storefront.orders.models import Order, OrderItem


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    status = Order.Status.COMPLETED
    payment_method = Order.PaymentMethod.ONLINE
    tier = "retail"
    subtotal = 1_000_000
    total = factory.LazyAttribute(lambda order: order.subtotal)
    shipping_name = "Post"
    shipping_kind = "flat"
    receiver_name = "Sara"
    receiver_mobile = "+989121234567"
    province = "Tehran"
    city = "Tehran"
    street = "Valiasr St."
    postal_code = "1234567890"

    @factory.post_generation
    def numbered(order, create, extracted, **kwargs):
        """The number checkout gives (it needs the primary key)."""
        if create and not order.number:
            order.number = f"1404-{order.pk:06d}"
            order.save(update_fields=["number"])


class OrderItemFactory(factory.django.DjangoModelFactory):
    """A line of an order; pass `product` (or None for a product since deleted) and `unit_price`."""

    class Meta:
        model = OrderItem

    order = factory.SubFactory(OrderFactory)
    product = None
    title = factory.LazyAttribute(lambda item: item.product.title if item.product else "Gone")
    quantity = 1
    unit_price = 1_000_000
    regular_price = factory.LazyAttribute(lambda item: item.unit_price)
    tier = "retail"
    line_total = factory.LazyAttribute(lambda item: item.quantity * item.unit_price)
