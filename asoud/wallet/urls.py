from django.urls import path

from . import views

app_name = "wallet"

urlpatterns = [
    path("", views.wallet_home, name="home"),
    path("topup/", views.wallet_topup, name="topup"),
    path("topup/callback/", views.wallet_topup_callback, name="topup_callback"),
]
