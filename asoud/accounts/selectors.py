from django.http import Http404

from .models import IdentityDocument


def access_identity_document(*, user, document_id: int) -> IdentityDocument:
    """The person's own document; staff may open anyone's. Others (and anonymous visitors) get a 404."""
    document = IdentityDocument.objects.filter(pk=document_id).first()
    if document is None or not user.is_authenticated or (document.user_id != user.pk and not user.is_staff):
        raise Http404
    return document
