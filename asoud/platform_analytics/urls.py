from django.urls import path

from . import views

app_name = "platform_analytics"

urlpatterns = [path("staff/analytics/", views.staff_analytics, name="staff")]
