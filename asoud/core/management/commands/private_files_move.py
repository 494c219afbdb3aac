"""Move documents and attachments uploaded before the private storage existed out of MEDIA_ROOT
(or the public bucket) into the private storage, keeping their names. Safe to run again.

Their content was not cleaned at upload: the private-file views serve them as downloads unless
their extension is an image one (and then with nosniff and a sandbox policy), never as pages.
"""

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

PRIVATE_FIELDS = [
    ("accounts.IdentityDocument", "file"),
    ("tenants.MarketDocument", "file"),
    ("chat.Message", "attachment"),
    ("support.TicketMessage", "attachment"),
]


class Command(BaseCommand):
    help = "Move documents and attachments from public media into the private storage."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say what would move.")

    def handle(self, *args, dry_run: bool = False, **options):
        moved = 0
        for label, field_name in PRIVATE_FIELDS:
            model = apps.get_model(label)
            private = model._meta.get_field(field_name).storage
            names = model.objects.exclude(**{field_name: ""}).values_list(field_name, flat=True).iterator()
            for name in names:
                if private.exists(name) or not default_storage.exists(name):
                    continue
                if not dry_run:
                    with default_storage.open(name, "rb") as source:
                        saved = private.save(name, source)
                    if saved != name:  # never expected (the name was free); keep both rather than lose one
                        self.stderr.write(f"{label}: {name} saved as {saved}; left in media")
                        continue
                    default_storage.delete(name)
                moved += 1
                self.stdout.write(f"{label}: {name}")
        verb = "would move" if dry_run else "moved"
        self.stdout.write(self.style.SUCCESS(f"{verb} {moved} file(s) to the private storage"))
