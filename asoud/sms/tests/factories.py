import factory

from asoud.sms.models import SmsMessage


class SmsMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmsMessage

    recipient = factory.Sequence(lambda n: f"+98912{n:07d}")
    kind = SmsMessage.Kind.TEXT
    text = factory.Sequence(lambda n: f"Message {n}")
    status = SmsMessage.Status.SENT
    provider = "outbox"


class OtpMessageFactory(SmsMessageFactory):
    kind = SmsMessage.Kind.OTP
    text = factory.LazyAttribute(lambda message: f"کد ورود شما به آسود: {message.params['code']}")
    params = factory.Sequence(lambda n: {"code": f"{100000 + n}"})
    priority = SmsMessage.Priority.HIGH
