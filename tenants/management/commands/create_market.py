from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from asoud.accounts.models import User
from asoud.core.phone import normalize_mobile
from tenants.models import Market
from tenants.services import market_create


class Command(BaseCommand):
    help = "Create a market (its schema is cloned from the market template)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="address: <slug>.<base-domain>")
        parser.add_argument("--name", required=True)
        parser.add_argument("--owner", help="owner's mobile number; the user is created if new")
        parser.add_argument("--type", choices=Market.Type.values, default=Market.Type.SHOP)
        parser.add_argument("--theme", default="classic")
        parser.add_argument("--active", action="store_true", help="open the market to shoppers at once")
        parser.add_argument(
            "--listed",
            action="store_true",
            help="show it in the directory and the platform search (off: reachable only at its address)",
        )

    def handle(self, *args, slug, name, owner, type, theme, active, listed, **options):
        owner_user = None
        try:
            if owner:
                owner_user, _ = User.objects.get_or_create(mobile=normalize_mobile(owner))
            market = market_create(
                name=name,
                slug=slug,
                owner=owner_user,
                type=type,
                theme=theme,
                status=Market.Status.ACTIVE if active else Market.Status.DRAFT,
                is_listed=listed,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Created market {market.slug} ({market.domains.first().domain})"))
