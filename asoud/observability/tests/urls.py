"""The platform's URLs plus one view that fails, as a bug in any view would (Sentry tests)."""

from django.urls import path

from asoud.urls_public import urlpatterns as platform_urlpatterns


def checkout_crash(request):
    mobile = "+989121234567"  # a local variable Sentry would otherwise send with the stack frame
    national_code = "0012345678"
    raise RuntimeError(f"payment for {mobile} ({national_code}) could not be matched")


urlpatterns = [path("ops-test/crash/", checkout_crash, name="ops_test_crash"), *platform_urlpatterns]
