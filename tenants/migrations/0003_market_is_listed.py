from django.db import migrations, models

# Markets the benches create (bench/*.py): never shown to shoppers. Every other market that exists
# already was opened by someone (onboarding, the demo) and stays listed.
BENCH_SLUGS = ("storebench", "trackbench")
BENCH_PREFIXES = ("bench-",)


def list_existing_markets(apps, schema_editor):
    Market = apps.get_model("tenants", "Market")
    markets = Market.objects.filter(is_template=False).exclude(schema_name="public").exclude(slug__in=BENCH_SLUGS)
    for prefix in BENCH_PREFIXES:
        markets = markets.exclude(slug__startswith=prefix)
    markets.update(is_listed=True)


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0002_staff_tools"),
    ]

    operations = [
        migrations.AddField(
            model_name="market",
            name="is_listed",
            field=models.BooleanField(
                db_index=True,
                default=False,
                help_text="Shown in the market directory, the platform search and the home page.",
                verbose_name="listed for shoppers",
            ),
        ),
        migrations.RunPython(list_existing_markets, migrations.RunPython.noop),
    ]
