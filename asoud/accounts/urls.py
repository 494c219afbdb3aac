"""Account URLs of the platform host. allauth's own views follow these (same prefix)."""

from django.urls import path

from . import security_views, views

urlpatterns = [
    path("login/", views.login_entry, name="account_login"),
    path("signup/", views.login_entry, name="account_signup"),
    path("logout/", views.sign_out, name="account_logout"),
    path("login/code/", views.request_code, name="account_request_login_code"),
    path("login/code/confirm/", views.confirm_code, name="account_confirm_login_code"),
    path("reauthenticate/code/", security_views.reauthenticate_code, name="account_reauthenticate_code"),
    path("handoff/start/", views.handoff_start, name="account_handoff_start"),
    path("profile/", views.profile, name="account_profile"),
    path("profile/addresses/new/", views.address_edit, name="account_address_new"),
    path("profile/addresses/<int:pk>/", views.address_edit, name="account_address_edit"),
    path("profile/addresses/<int:pk>/delete/", views.address_delete, name="account_address_delete"),
    path("profile/addresses/<int:pk>/default/", views.address_default, name="account_address_default"),
    path("profile/documents/", views.document_upload, name="account_document_upload"),
    path("profile/documents/<int:document_id>/file/", views.document_file, name="account_document_file"),
]
