"""`manage.py sms_standin smsir|kavenegar --port N`: serve a provider stand-in until Ctrl-C."""

from django.conf import settings
from django.core.management.base import BaseCommand

from asoud.sms.standins import StandinServer
from asoud.sms.standins.kavenegar import KavenegarStandin
from asoud.sms.standins.smsir import SmsIrStandin


def smsir_standin() -> tuple[SmsIrStandin, dict]:
    app = SmsIrStandin(
        api_key=settings.SMSIR_API_KEY or "standin-smsir-key",
        line_number=settings.SMSIR_LINE_NUMBER or 30004505000017,
        templates={(settings.SMSIR_OTP_TEMPLATE_ID or 100000): [settings.SMSIR_OTP_PARAMETER]},
    )
    template_id = next(iter(app.templates))
    env = {"SMSIR_API_KEY": app.api_key, "SMSIR_LINE_NUMBER": app.line_number, "SMSIR_OTP_TEMPLATE_ID": template_id}
    return app, env


def kavenegar_standin() -> tuple[KavenegarStandin, dict]:
    template = settings.KAVENEGAR_OTP_TEMPLATE or "asoud-otp"
    app = KavenegarStandin(api_key=settings.KAVENEGAR_API_KEY or "standin-kavenegar-key", templates={template})
    return app, {"KAVENEGAR_API_KEY": app.api_key, "KAVENEGAR_OTP_TEMPLATE": template}


STANDINS = {"smsir": smsir_standin, "kavenegar": kavenegar_standin}


class Command(BaseCommand):
    help = "Serve a local stand-in of an SMS provider (SMS.ir or Kavenegar) that speaks its documented API."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("provider", choices=sorted(STANDINS))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=0, help="0 picks a free port.")

    def handle(self, *args, provider: str, host: str, port: int, **options):
        app, env = STANDINS[provider]()
        server = StandinServer(app, host=host, port=port)
        env = {"SMS_BACKENDS": provider, f"{provider.upper()}_BASE_URL": server.url, **env}
        self.stdout.write(f"{provider} stand-in listening on {server.url}")
        self.stdout.write("Point ASOUD at it with: " + " ".join(f"{name}={value}" for name, value in env.items()))
        self.stdout.write("Recipient 0999 0000 NNN forces the provider's status NNN. Ctrl-C stops.", ending="\n")
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.httpd.server_close()
