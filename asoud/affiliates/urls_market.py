from django.urls import path

from . import views_market

app_name = "affiliates_market"

urlpatterns = [path("land/", views_market.land, name="land")]
