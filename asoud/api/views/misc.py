from django.utils.translation import gettext as _
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny

from ..problems import problem


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([AllowAny])
def not_found(request):
    """Any other address under /api/: a problem document, never the web's HTML 404 page."""
    return problem(status_code=404, detail=_("There is no such API address."), code="not_found")


not_found.cls.schema = None
