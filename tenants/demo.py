"""Demo markets and people created by `manage.py seed_demo` (listed in the README)."""

DEMO_STAFF = {"mobile": "+989120000000", "name": "ASOUD Staff", "password": "asoud-admin-demo"}

DEMO_MARKETS = [
    {
        "slug": "demo",
        "name": "فروشگاه دمو آسود",
        "owner": {"mobile": "+989120000001", "name": "مریم احمدی"},
        "type": "shop",
        "theme": "classic",
        "plan": "business",
        "description": "لوازم خانه، آشپزخانه و هدیه با ارسال به سراسر ایران.",
    },
    {
        "slug": "saffron",
        "name": "زعفران و ادویه طلایی",
        "owner": {"mobile": "+989120000002", "name": "رضا کریمی"},
        "type": "company",
        "theme": "bazaar",
        "plan": "pro",
        "description": "زعفران قائنات، ادویه و خشکبار تازه، مستقیم از تولیدکننده.",
    },
    {
        "slug": "ketab",
        "name": "کتاب‌سرای نور",
        "owner": {"mobile": "+989120000003", "name": "سارا محمدی"},
        "type": "shop",
        "theme": "minimal",
        "plan": "free",
        "description": "کتاب‌های تازه و کلاسیک فارسی و انگلیسی، لوازم‌التحریر.",
    },
]
