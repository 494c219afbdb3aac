from django.core.management.base import BaseCommand

from asoud.marketplace.services import listing_index_market, listing_rebuild
from tenants.models import Market


class Command(BaseCommand):
    help = "Rebuild the cross-market listing index (every active market, or the ones named)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these markets (by address)")

    def handle(self, *args, slugs, **options):
        if slugs:
            total = sum(listing_index_market(market=market) for market in Market.objects.filter(slug__in=slugs))
        else:
            total = listing_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} products."))
