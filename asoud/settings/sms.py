"""SMS providers (asoud.sms): which backends send, in which order, and how each one is reached.

`SMS_BACKENDS` works like Django's email backends, but as an ordered list: a message goes to the
first backend, and to the next one when that fails. Names are short aliases (`smsir`, `kavenegar`,
`outbox`) or dotted paths to a backend class. The outbox only records messages (development).
Every provider has a base URL so development and tests can point it at a local stand-in
(`manage.py sms_standin smsir --port 8101`).
"""

import environ

env = environ.Env()

SMS_BACKENDS = env.list("SMS_BACKENDS", default=["outbox"])
# Text of OTP messages for plain-text providers and the outbox; verify APIs use panel templates.
SMS_LANGUAGE = env.str("SMS_LANGUAGE", default="fa")
SMS_TIMEOUT = env.float("SMS_TIMEOUT", default=10.0)  # seconds, for connecting and for the answer
# Retryable failures (network, provider server errors) are retried with exponential backoff:
# SMS_RETRY_BACKOFF, 2x, 4x, … seconds, never longer than SMS_RETRY_BACKOFF_MAX.
SMS_MAX_RETRIES = env.int("SMS_MAX_RETRIES", default=5)
SMS_RETRY_BACKOFF = env.float("SMS_RETRY_BACKOFF", default=30.0)
SMS_RETRY_BACKOFF_MAX = env.float("SMS_RETRY_BACKOFF_MAX", default=600.0)
# Messages still queued this long after their last change lost their task (broker down when they
# were queued, worker killed): `sms.requeue_stale` queues them again.
SMS_STALE_AFTER = env.int("SMS_STALE_AFTER", default=15 * 60)

# SMS.ir REST v1 (https://api.sms.ir/v1): X-API-KEY header, /send/verify and /send/bulk.
SMSIR_BASE_URL = env.str("SMSIR_BASE_URL", default="https://api.sms.ir")
SMSIR_API_KEY = env.str("SMSIR_API_KEY", default="")
SMSIR_LINE_NUMBER = env.int("SMSIR_LINE_NUMBER", default=0)  # sender line for plain text (bulk)
SMSIR_OTP_TEMPLATE_ID = env.int("SMSIR_OTP_TEMPLATE_ID", default=0)  # 0: OTPs go as plain text
SMSIR_OTP_PARAMETER = env.str("SMSIR_OTP_PARAMETER", default="Code")  # the template's #Code# name

# Kavenegar REST v1 (https://api.kavenegar.com/v1/{API-KEY}/…): verify/lookup and sms/send.
KAVENEGAR_BASE_URL = env.str("KAVENEGAR_BASE_URL", default="https://api.kavenegar.com")
KAVENEGAR_API_KEY = env.str("KAVENEGAR_API_KEY", default="")
KAVENEGAR_SENDER = env.str("KAVENEGAR_SENDER", default="")  # empty: the account's default line
KAVENEGAR_OTP_TEMPLATE = env.str("KAVENEGAR_OTP_TEMPLATE", default="")  # empty: OTPs go as plain text

# Developer pages such as the SMS outbox at /dev/outbox/. Never on in production.
ASOUD_DEV_TOOLS = env.bool("ASOUD_DEV_TOOLS", default=False)
