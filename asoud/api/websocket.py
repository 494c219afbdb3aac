"""Apps open the existing websockets (notifications, chat) with their JWT: `?token=<access token>`.

Browsers keep using their session cookie; when a valid access token is in the query string it names
the user instead. An invalid or expired token leaves the connection anonymous, so the consumer
refuses it as it refuses any signed-out visitor.
"""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from django.contrib.auth.models import AnonymousUser
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError


@database_sync_to_async
def _user_for(token: str):
    authentication = JWTAuthentication()
    try:
        return authentication.get_user(authentication.get_validated_token(token))
    except (InvalidToken, TokenError, Exception):
        return None


class JwtQueryStringMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        token = parse_qs(scope.get("query_string", b"").decode("latin1")).get("token", [""])[0]
        if token:
            scope = {**scope, "user": await _user_for(token) or AnonymousUser()}
        return await self.app(scope, receive, send)
