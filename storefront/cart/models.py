from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Cart(models.Model):
    """A shopper's cart in this market: a signed-in shopper's (`user`) or an anonymous visitor's.

    An anonymous cart is found through the visitor's session and merges into the shopper's own cart
    when they sign in (services.cart_merge). Prices are never stored here: they are computed on the
    server every time the cart is shown (selectors.cart_summary).
    """

    # Users live in the public schema: no database constraint across schemas.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shopper"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(user__isnull=False), name="cart_one_per_user"),
        ]
        indexes = [models.Index(fields=["updated_at"], name="cart_updated_idx")]

    def __str__(self) -> str:
        return f"{_('Cart')} #{self.pk}"

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None


class CartItem(models.Model):
    """A product (or one of its variants) the shopper chose, and how many. Gifts are never stored:
    they follow from the products in the cart (selectors.cart_summary)."""

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        verbose_name=_("variant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "product", "variant"], nulls_distinct=False, name="cart_item_unique_product"
            ),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="cart_item_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}/{self.variant_id or '-'} × {self.quantity}"
