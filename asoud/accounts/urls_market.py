"""Account URLs of a market host: sign-in happens on the platform host and is handed over."""

from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.market_sign_in, name="account_login"),
    path("logout/", views.sign_out, name="account_logout"),
    path("handoff/", views.handoff_finish, name="account_handoff_finish"),
]
