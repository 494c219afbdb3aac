from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.services import market_template_ensure, public_tenant_ensure


class Command(BaseCommand):
    help = "Migrate the public schema and every market, then make sure the public tenant and the market template exist."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        public_tenant_ensure()
        market_template_ensure()
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity)
        self.stdout.write(self.style.SUCCESS("Platform schema is up to date."))
