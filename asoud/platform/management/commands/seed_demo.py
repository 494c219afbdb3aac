from django.core.management.base import BaseCommand
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from storefront.affiliate.demo import affiliates_seed
from storefront.catalog.demo import catalogue_seed
from storefront.orders.demo import checkout_seed
from tenants.demo import DEMO_MARKETS, DEMO_STAFF
from tenants.models import Market
from tenants.services import demo_subscriptions_seed, market_create, plans_seed


class Command(BaseCommand):
    help = "Create the demo markets, their owners and a staff account. Safe to run again."

    def handle(self, *args, **options):
        staff, created = User.objects.get_or_create(
            mobile=DEMO_STAFF["mobile"], defaults={"name": DEMO_STAFF["name"], "is_staff": True, "is_superuser": True}
        )
        if created:
            staff.set_password(DEMO_STAFF["password"])
            staff.save()
        plans_seed()
        for spec in DEMO_MARKETS:
            owner, _ = User.objects.get_or_create(
                mobile=spec["owner"]["mobile"], defaults={"name": spec["owner"]["name"]}
            )
            market = Market.objects.filter(slug=spec["slug"]).first()
            if market is None:
                market = market_create(
                    name=spec["name"],
                    slug=spec["slug"],
                    owner=owner,
                    type=spec["type"],
                    theme=spec["theme"],
                    description=spec["description"],
                    status=Market.Status.ACTIVE,
                    is_listed=True,
                )
                self.stdout.write(f"Created market {market.slug}")
            with tenant_context(market):
                catalogue_seed(market=market)
                checkout_seed(market=market)
        demo_subscriptions_seed()
        # Marketers pick products from the catalogues above, so they come last.
        affiliates_seed()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
