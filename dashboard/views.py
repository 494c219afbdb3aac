from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def access_market(request):
    """The current market, if the signed-in user may run it; 403 for anyone else."""
    market = request.tenant
    if not request.user.is_authenticated or market.owner_id != request.user.pk:
        raise PermissionDenied
    return market


@login_required
def overview(request):
    market = access_market(request)
    return render(request, "dashboard/overview.html", {"market": market})
