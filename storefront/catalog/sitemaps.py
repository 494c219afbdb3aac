from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Category
from .selectors import product_list_for_sitemap


class PagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["storefront:home", "storefront:products", "storefront:about"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Category.objects.order_by("position", "id")


class ProductSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7
    limit = 5000

    def items(self):
        return product_list_for_sitemap()

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": PagesSitemap, "categories": CategorySitemap, "products": ProductSitemap}
