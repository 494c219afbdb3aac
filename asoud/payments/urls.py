from django.urls import path

from . import views

app_name = "payments"

# The Zarinpal sandbox emulator (development and tests only: every view answers 404 unless
# ASOUD_DEV_TOOLS is on). Paths mirror the gateway's, under /dev/zarinpal.
urlpatterns = [
    path("dev/zarinpal/pg/v4/payment/request.json", views.request_json, name="sandbox_request"),
    path("dev/zarinpal/pg/v4/payment/verify.json", views.verify_json, name="sandbox_verify"),
    path("dev/zarinpal/pg/v4/payment/inquiry.json", views.inquiry_json, name="sandbox_inquiry"),
    path("dev/zarinpal/pg/v4/payment/unVerified.json", views.unverified_json, name="sandbox_unverified"),
    path("dev/zarinpal/pg/StartPay/<str:authority>", views.start_pay, name="sandbox_start_pay"),
]
