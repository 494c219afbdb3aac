"""/api/v1/…, served on the platform host. Market resources live under markets/<slug>/."""

from django.middleware.http import ConditionalGetMiddleware
from django.urls import path, re_path
from django.utils.decorators import decorator_from_middleware
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from .views import auth, conversations, marketer, owner, owner_catalogue, owner_inbox, shopper, support
from .views.misc import not_found

app_name = "api"

# ETag from the body and If-None-Match → 304, on every GET of the API.
conditional = decorator_from_middleware(ConditionalGetMiddleware)


def _get(view):
    return conditional(view.as_view())


market = "markets/<slug:slug>/"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(api_version="v1", urlconf="asoud.urls_public"), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"), name="redoc"),
    path("auth/code/", auth.CodeView.as_view(), name="auth-code"),
    path("auth/token/", auth.TokenView.as_view(), name="auth-token"),
    path("auth/refresh/", auth.RefreshView.as_view(), name="auth-refresh"),
    path("auth/logout/", auth.LogoutView.as_view(), name="auth-logout"),
    path("me/", _get(shopper.Profile), name="profile"),
    path("me/addresses/", _get(shopper.AddressList), name="addresses"),
    path("me/addresses/<int:address_id>/", shopper.AddressDetail.as_view(), name="address"),
    path("me/wallet/", _get(shopper.Wallet), name="wallet"),
    path("me/wallet/topup/", shopper.WalletTopUp.as_view(), name="wallet-topup"),
    path("me/wallet/topup/callback/", shopper.WalletTopUpCallback.as_view(), name="wallet-topup-callback"),
    path("me/notifications/", _get(shopper.Notifications), name="notifications"),
    path("me/notification-preferences/", _get(shopper.NotificationPreferences), name="notification-preferences"),
    path("me/notifications/read-all/", shopper.NotificationsReadAll.as_view(), name="notifications-read-all"),
    path("me/notifications/<int:notification_id>/read/", shopper.NotificationRead.as_view(), name="notification-read"),
    path("me/conversations/", _get(conversations.MyConversations), name="my-conversations"),
    path("me/tickets/", _get(support.Tickets), name="tickets"),
    path("me/tickets/<int:ticket_id>/", _get(support.TicketDetail), name="ticket"),
    path("me/tickets/<int:ticket_id>/messages/", support.TicketMessages.as_view(), name="ticket-messages"),
    path("me/tickets/<int:ticket_id>/close/", support.TicketClose.as_view(), name="ticket-close"),
    path(
        "me/tickets/<int:ticket_id>/messages/<int:message_id>/attachment/",
        support.TicketAttachment.as_view(),
        name="ticket-attachment",
    ),
    path("markets/", _get(shopper.MarketList), name="markets"),
    path("search/", _get(marketer.MarketplaceSearch), name="search"),
    path("marketer/offers/", _get(marketer.Offers), name="marketer-offers"),
    path("marketer/links/", _get(marketer.Links), name="marketer-links"),
    path("marketer/stats/", _get(marketer.Stats), name="marketer-stats"),
    path("marketer/withdrawals/", _get(marketer.Withdrawals), name="marketer-withdrawals"),
    path(market, _get(shopper.MarketDetail), name="market"),
    path(market + "categories/", _get(shopper.CategoryList), name="categories"),
    path(market + "products/", _get(shopper.ProductList), name="products"),
    path(market + "products/<str:product_slug>/", _get(shopper.ProductDetail), name="product"),
    path(market + "cart/", _get(shopper.CartView), name="cart"),
    path(market + "cart/lines/", shopper.CartLines.as_view(), name="cart-lines"),
    path(market + "cart/lines/<int:line_id>/", shopper.CartLine.as_view(), name="cart-line"),
    path(market + "shipping-methods/", _get(shopper.ShippingMethods), name="shipping-methods"),
    path(market + "orders/", _get(shopper.OrderList), name="orders"),
    path(market + "orders/<str:number>/", _get(shopper.OrderDetail), name="order"),
    path(market + "orders/<str:number>/cancel/", shopper.OrderCancel.as_view(), name="order-cancel"),
    path(market + "conversations/", _get(conversations.Conversations), name="conversations"),
    path(
        market + "conversations/<int:conversation_id>/messages/",
        _get(conversations.ShopperMessages),
        name="chat-messages",
    ),
    path(market + "conversations/<int:conversation_id>/read/", conversations.ShopperRead.as_view(), name="chat-read"),
    path(
        market + "conversations/<int:conversation_id>/messages/<int:message_id>/attachment/",
        conversations.ShopperAttachment.as_view(),
        name="chat-attachment",
    ),
    path(market + "payments/callback/", shopper.PaymentCallback.as_view(), name="payment-callback"),
    path(market + "owner/overview/", _get(owner.Overview), name="owner-overview"),
    path(market + "owner/products/", _get(owner.OwnerProducts), name="owner-products"),
    path(market + "owner/products/<int:product_id>/", _get(owner.OwnerProduct), name="owner-product"),
    path(
        market + "owner/products/<int:product_id>/stock/", owner.OwnerProductStock.as_view(), name="owner-product-stock"
    ),
    path(
        market + "owner/products/<int:product_id>/images/",
        owner.OwnerProductImages.as_view(),
        name="owner-product-images",
    ),
    path(market + "owner/orders/", _get(owner.OwnerOrders), name="owner-orders"),
    path(market + "owner/orders/<int:order_id>/", _get(owner.OwnerOrder), name="owner-order"),
    path(
        market + "owner/orders/<int:order_id>/transition/",
        owner.OwnerOrderTransition.as_view(),
        name="owner-order-transition",
    ),
    path(
        market + "owner/products/<int:product_id>/variants/", _get(owner_catalogue.OwnerVariants), name="owner-variants"
    ),
    path(
        market + "owner/products/<int:product_id>/variants/<int:variant_id>/",
        owner_catalogue.OwnerVariant.as_view(),
        name="owner-variant",
    ),
    path(
        market + "owner/products/<int:product_id>/discounts/",
        _get(owner_catalogue.OwnerDiscounts),
        name="owner-discounts",
    ),
    path(
        market + "owner/products/<int:product_id>/discounts/<int:discount_id>/",
        owner_catalogue.OwnerDiscount.as_view(),
        name="owner-discount",
    ),
    path(market + "owner/categories/", _get(owner_catalogue.OwnerCategories), name="owner-categories"),
    path(market + "owner/categories/<int:category_id>/", _get(owner_catalogue.OwnerCategory), name="owner-category"),
    path(market + "owner/inbox/", _get(owner_inbox.Inbox), name="owner-inbox"),
    path(
        market + "owner/inbox/<int:conversation_id>/messages/",
        _get(owner_inbox.InboxMessages),
        name="owner-inbox-messages",
    ),
    path(market + "owner/inbox/<int:conversation_id>/read/", owner_inbox.InboxRead.as_view(), name="owner-inbox-read"),
    path(
        market + "owner/inbox/<int:conversation_id>/messages/<int:message_id>/attachment/",
        owner_inbox.InboxAttachment.as_view(),
        name="owner-inbox-attachment",
    ),
    path(market + "owner/analytics/", _get(owner_inbox.Analytics), name="owner-analytics"),
    re_path(r"^.*$", not_found),
]
