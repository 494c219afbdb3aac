"""Sign-in for apps: an SMS code, then a pair of JWTs (access + refresh, rotated, blacklisted on logout)."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.tokens import RefreshToken

from asoud.accounts.second_factor import second_factor_enabled

from .. import signin
from ..base import ApiView
from ..docs import errors
from ..problems import problem
from ..signin import second_factor_check
from ..throttling import AuthPerIp, PerIp

SIGNIN_HELP = (
    "The pending code's id from `auth/code/`: it names this app's code, as the session cookie does on the web, "
    "so another request for the same number (another phone, a stranger) does not replace it."
)


class PhoneIn(serializers.Serializer):
    phone = serializers.CharField(max_length=24, help_text="09…, 989…, +989… (Persian digits accepted).")
    signin = serializers.CharField(
        max_length=64, required=False, allow_blank=True, help_text="Asking again: this app's earlier `signin`, ended."
    )


class CodeSent(serializers.Serializer):
    phone = serializers.CharField(help_text="The number in E.164.")
    signin = serializers.CharField(help_text="Send it back with the code to `auth/token/`.")
    detail = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds the code stays valid.")


class TokenIn(serializers.Serializer):
    phone = serializers.CharField(max_length=24)
    code = serializers.CharField(max_length=12)
    signin = serializers.CharField(
        max_length=64, required=False, allow_blank=True, help_text=SIGNIN_HELP + " Without it: the number's latest."
    )
    second_factor_code = serializers.CharField(
        max_length=64,
        required=False,
        help_text="For accounts with a second factor: the authenticator app's code or a recovery code.",
    )


class TokenPair(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = inline_serializer("TokenUser", {"id": serializers.IntegerField(), "mobile": serializers.CharField()})


class RefreshIn(serializers.Serializer):
    refresh = serializers.CharField()


class RefreshOut(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField(help_text="A new refresh token: the one sent is now blacklisted.")


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class CodeView(ApiView):
    authentication_classes = []  # a stale token must never stand in the way of signing in
    throttle_classes = [PerIp, AuthPerIp]

    @extend_schema(
        tags=["auth"],
        summary="Send a sign-in code by SMS",
        description=(
            "Same rules as the web sign-in: allauth's limits per address and per number, a lockout after "
            "repeated wrong codes, and an audit row per attempt. In development read the code at /dev/outbox/."
        ),
        request=PhoneIn,
        responses={200: CodeSent, **errors(400, signed_in=False)},
        examples=[OpenApiExample("A demo shopper", value={"phone": "09120000001"}, request_only=True)],
        auth=[],
    )
    def post(self, request):
        data = _valid(PhoneIn, request)
        mobile, signin_id = signin.code_request(
            django_request=request._request, phone=data["phone"], signin=data.get("signin", "")
        )
        return Response(
            {
                "phone": mobile,
                "signin": signin_id,
                "detail": _("We sent a code to your mobile."),
                "expires_in": settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT,
            }
        )


class TokenView(ApiView):
    authentication_classes = []
    throttle_classes = [PerIp, AuthPerIp]

    @extend_schema(
        tags=["auth"],
        summary="Exchange the SMS code for tokens",
        description=(
            "Three wrong codes end the code; five within 15 minutes lock the number (as on the web). An account "
            "with a second factor (staff, owners who turned it on) also sends `second_factor_code`; without a "
            "valid one the answer is 400 `second_factor_required` and the SMS code is spent."
        ),
        request=TokenIn,
        responses={200: TokenPair, **errors(400, signed_in=False)},
        examples=[
            OpenApiExample(
                "Code from the SMS",
                value={"phone": "09120000001", "code": "123456", "signin": "k3v9x0c1q8w2e7r4t6y5u0i9o8p7a6s5"},
                request_only=True,
            )
        ],
        auth=[],
    )
    def post(self, request):
        data = _valid(TokenIn, request)
        user = signin.code_confirm(
            django_request=request._request, phone=data["phone"], code=data["code"], signin=data.get("signin", "")
        )
        if second_factor_enabled(user) and not second_factor_check(
            django_request=request._request, user=user, code=data.get("second_factor_code", "")
        ):
            # After the SMS code (so only the phone's holder learns the account has one): ask again with both.
            return problem(
                status_code=400,
                detail=_("This account has a second factor: send its code with a new SMS code."),
                code="second_factor_required",
                errors={"second_factor_code": [_("Enter the code from your authenticator app or a recovery code.")]},
            )
        refresh = RefreshToken.for_user(user)
        return Response(
            {
                "access": str(refresh.access_token),
                "refresh": str(refresh),
                "user": {"id": user.pk, "mobile": user.mobile},
            }
        )


class RefreshView(ApiView):
    authentication_classes = []
    throttle_classes = [PerIp, AuthPerIp]

    @extend_schema(
        tags=["auth"],
        summary="Get a new access token (the refresh token rotates)",
        request=RefreshIn,
        responses={200: RefreshOut, **errors(400, 401, signed_in=False)},
        auth=[],
    )
    def post(self, request):
        serializer = TokenRefreshSerializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError:
            return _invalid_token()
        return Response(serializer.validated_data)


class LogoutView(ApiView):
    authentication_classes = []
    throttle_classes = [PerIp, AuthPerIp]

    @extend_schema(
        tags=["auth"],
        summary="Sign out on this device (blacklists the refresh token)",
        request=RefreshIn,
        responses={204: None, **errors(400, 401, signed_in=False)},
        auth=[],
    )
    def post(self, request):
        data = _valid(RefreshIn, request)
        try:
            RefreshToken(data["refresh"]).blacklist()
        except TokenError:
            return _invalid_token()
        return Response(status=status.HTTP_204_NO_CONTENT)


def _invalid_token():
    return problem(status_code=401, detail=_("This token is not valid or has expired."), code="token_not_valid")
