from django.shortcuts import render

from .selectors import product_list_active


def home(request):
    products = list(product_list_active()[:12])
    return render(request, "storefront/home.html", {"products": products})


def not_found(request, exception=None):
    return render(request, "storefront/404.html", status=404)
