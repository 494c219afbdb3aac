from django.urls import path

from . import inbox, subscription, verification, views
from . import editor, settings_views
from . import orders as orders_views
from . import categories, product_edit, products, team

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("orders/", orders_views.order_list, name="orders"),
    path("orders/<int:order_id>/", orders_views.order_detail, name="order_detail"),
    path("orders/<int:order_id>/status/", orders_views.order_transition_view, name="order_transition"),
    path("orders/<int:order_id>/invoice/", orders_views.order_invoice, name="order_invoice"),
    path("orders/<int:order_id>/packing-slip/", orders_views.order_packing_slip, name="order_packing_slip"),
    path("storefront/", editor.editor, name="storefront"),
    path("storefront/preview/", editor.preview, name="storefront_preview"),
    path("storefront/theme/", editor.theme_pick, name="storefront_theme"),
    path("storefront/look/", editor.look_save, name="storefront_look"),
    path("storefront/images/", editor.image_upload, name="storefront_images"),
    path("storefront/sections/add/", editor.section_add, name="storefront_section_add"),
    path("storefront/sections/<int:index>/", editor.section_save, name="storefront_section"),
    path("storefront/sections/<int:index>/move/", editor.section_move, name="storefront_section_move"),
    path("storefront/sections/<int:index>/remove/", editor.section_remove, name="storefront_section_remove"),
    path("storefront/publish/", editor.publish, name="storefront_publish"),
    path("storefront/discard/", editor.discard, name="storefront_discard"),
    path("settings/", settings_views.settings_page, name="settings"),
    path("settings/<slug:tab>/", settings_views.settings_page, name="settings_tab"),
    path("settings/shipping/<int:method_id>/", settings_views.shipping_edit, name="settings_shipping_edit"),
    path("settings/shipping/<int:method_id>/remove/", settings_views.shipping_remove, name="settings_shipping_remove"),
    path("settings/colleagues/<int:colleague_id>/<str:decision>/", settings_views.colleague_decide, name="settings_colleague"),
    path("subscription/", subscription.subscription, name="subscription"),
    path("subscription/callback/", subscription.subscription_callback, name="subscription_callback"),
    path("verification/", verification.verification, name="verification"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<int:conversation_id>/", inbox.conversation, name="inbox_conversation"),
    path("products/", products.product_list, name="products"),
    path("products/new/", product_edit.product_new, name="product_new"),
    path("products/bulk/", products.product_bulk, name="products_bulk"),
    path("products/export.csv", products.product_export, name="products_export"),
    path("products/import/", products.product_import, name="products_import"),
    path("products/import/<str:job_id>/", products.product_import_status, name="products_import_status"),
    path("products/import/<str:job_id>/errors.csv", products.product_import_errors, name="products_import_errors"),
    path("products/<int:product_id>/", product_edit.product_edit, name="product_edit"),
    path("products/<int:product_id>/row/", products.product_row, name="product_row"),
    path("products/<int:product_id>/quick/<str:field>/", products.product_quick_edit, name="product_quick_edit"),
    path("products/<int:product_id>/images/", product_edit.product_images_upload, name="product_images"),
    path("products/<int:product_id>/images/order/", product_edit.product_images_order, name="product_images_order"),
    path(
        "products/<int:product_id>/images/<int:image_id>/<str:action>/",
        product_edit.product_image_action,
        name="product_image_action",
    ),
    path("products/<int:product_id>/relations/", product_edit.product_relation_add_view, name="product_relations"),
    path(
        "products/<int:product_id>/relations/<int:relation_id>/delete/",
        product_edit.product_relation_remove,
        name="product_relation_delete",
    ),
    path("categories/", categories.categories, name="categories"),
    path("categories/<int:category_id>/", categories.category_edit, name="category_edit"),
    path("categories/<int:category_id>/delete/", categories.category_remove, name="category_delete"),
    path("team/", team.team, name="team"),
    path("team/<int:member_id>/role/", team.team_member_role, name="team_member_role"),
    path("team/<int:member_id>/remove/", team.team_member_delete, name="team_member_remove"),
]
