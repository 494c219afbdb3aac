"""The demo markets' catalogues: categories, products, prices (Toman), variants, keywords, offers.

Read by demo.catalogue_seed. Texts are Persian (the shops' language); every product also carries
English keywords so that English searches find it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class P:
    """A demo product. `toman` is the retail price; variants are (title, options, extra Toman, stock)."""

    title: str
    slug: str
    toman: int
    motif: str
    en: str
    keywords: tuple[str, ...] = ()
    variants: tuple[tuple[str, dict, int, int], ...] = ()
    specs: tuple[tuple[str, str], ...] = ()
    featured: bool = False
    discount: tuple[str, int] | tuple[str, int, int] | None = None  # (kind, value[, min quantity])
    stock: int | None = None
    weight: int | None = None
    author: str = ""
    cover: str = ""  # Latin text for the cover of English books
    colour: str = ""  # overrides the category's main colour in the picture
    photos: int = 1


@dataclass
class C:
    slug: str
    name: str
    palette: tuple[str, ...]
    description: str
    about: str  # one sentence used in product descriptions
    specs: tuple[tuple[str, str], ...] = ()
    parent: str | None = None
    products: list[P] = field(default_factory=list)


@dataclass
class Catalogue:
    categories: list[C]
    required: list[tuple[str, str]]  # (product, must be bought with)
    gifts: list[tuple[str, str]]  # (product, comes with this gift)
    theme: dict
    contact: dict
    banners: list[tuple[str, list[str], tuple[str, str]]]  # (key, motifs, palette)
    legacy_slugs: tuple[str, ...] = ()


COLOURS = {"سفید": "#e5e7eb", "مشکی": "#1f2937", "کرم": "#d6c3a1", "طوسی": "#6b7280", "فیروزه‌ای": "#0e9aa7"}

# --- demo: home and kitchen (classic theme) ----------------------------------------------------

DEMO = Catalogue(
    legacy_slugs=("kitchen-1", "kitchen-2"),
    categories=[
        C("kitchen", "آشپزخانه", ("#0f766e", "#f59e0b"), "هر آنچه برای پخت‌وپز و پذیرایی روزانه لازم دارید.", "برای آشپزخانه‌ای مرتب و کاربردی"),
        C(
            "cookware",
            "ظروف پخت و پز",
            ("#0f766e", "#fbbf24"),
            "قابلمه، تابه و زودپز با پوشش‌های سالم و ماندگار.",
            "با پوشش نچسب سالم و بدنه‌ای که گرما را یکنواخت پخش می‌کند",
            specs=(("ساخت", "ایران"), ("گارانتی", "۱۸ ماه")),
            parent="kitchen",
            products=[
                P("ست قابلمه گرانیتی ۱۰ پارچه", "granite-pot-set", 6_400_000, "pot", "granite cookware pot set",
                  ("قابلمه", "سرویس"), variants=(("کرم", {"رنگ": "کرم"}, 0, 6), ("طوسی", {"رنگ": "طوسی"}, 0, 4), ("مشکی", {"رنگ": "مشکی"}, 250_000, 0)),
                  specs=(("جنس", "آلومینیوم با پوشش گرانیتی"), ("تعداد", "۱۰ پارچه")), featured=True, discount=("percent", 12), weight=7800, photos=2),
                P("تابه گرانیتی سایز ۲۸", "granite-pan-28", 1_250_000, "pan", "granite frying pan 28cm", ("تابه", "ماهیتابه"),
                  specs=(("قطر", "۲۸ سانتی‌متر"),), weight=1300, colour="#7f1d1d"),
                P("زودپز استیل ۷ لیتری", "steel-pressure-cooker", 3_900_000, "pot", "stainless steel pressure cooker",
                  ("زودپز",), specs=(("جنس", "استیل ضدزنگ"), ("گنجایش", "۷ لیتر")), weight=3600, colour="#64748b"),
                P("قابلمه چدنی لعابی", "enamel-cast-iron-pot", 4_800_000, "pot", "enamel cast iron dutch oven",
                  ("چدن", "قابلمه"), specs=(("جنس", "چدن با لعاب"),), featured=True, weight=5200, colour="#b91c1c"),
                P("تابه گریل چدنی", "cast-iron-grill-pan", 1_900_000, "pan", "cast iron grill pan", ("گریل", "چدن"), weight=2900, colour="#292524"),
                P("ماهیتابه استیل سه‌لایه", "triply-steel-pan", 2_350_000, "pan", "tri-ply stainless steel skillet", ("استیل",), colour="#475569", stock=2),
                P("کفگیر و ملاقه سیلیکونی (ست ۶ عددی)", "silicone-utensil-set", 690_000, "board", "silicone spatula ladle utensil set",
                  ("کفگیر", "ملاقه"), discount=("percent", 10, 3)),
                P("تخته برش چوب گردو", "walnut-cutting-board", 850_000, "board", "walnut wood cutting board", ("تخته", "چوب")),
                P("چاقوی آشپزی ۸ اینچ", "chef-knife-8", 1_150_000, "board", "chef knife 8 inch", ("چاقو",), stock=0),
            ],
        ),
        C(
            "tea-coffee",
            "چای و قهوه",
            ("#1e3a8a", "#f59e0b"),
            "کتری، قوری، سماور و هرچه یک چای خوش‌رنگ یا قهوه‌ای معطر می‌خواهد.",
            "برای دم‌کردن چای خوش‌رنگ و قهوه معطر",
            specs=(("ساخت", "ایران"),),
            parent="kitchen",
            products=[
                P("کتری استیل سوت‌دار", "whistling-steel-kettle", 1_850_000, "kettle", "stainless steel whistling kettle",
                  ("کتری",), specs=(("گنجایش", "۳ لیتر"),), featured=True, discount=("fixed", 2_000_000), colour="#1d4ed8", photos=2),
                P("کتری و قوری روگازی چینی", "porcelain-kettle-teapot", 2_200_000, "kettle", "porcelain kettle and teapot set", ("قوری", "کتری"), colour="#0e7490"),
                P("سماور برقی ۴ لیتری", "electric-samovar", 5_600_000, "kettle", "electric samovar 4 litre", ("سماور",),
                  specs=(("توان", "۱۵۰۰ وات"), ("گنجایش", "۴ لیتر")), featured=True, weight=3100, colour="#a16207"),
                P("قوری چینی گل‌سرخی", "rose-teapot", 980_000, "kettle", "rose porcelain teapot", ("قوری",), colour="#be123c"),
                P("فرنچ‌پرس ۶۰۰ میلی‌لیتر", "french-press-600", 740_000, "bottle", "french press coffee maker", ("قهوه", "فرنچ پرس")),
                P("آسیاب قهوه دستی", "manual-coffee-grinder", 1_350_000, "jar", "manual coffee grinder", ("آسیاب", "قهوه"), colour="#78350f"),
                P("ماگ سرامیکی دست‌ساز", "handmade-ceramic-mug", 320_000, "mug", "handmade ceramic mug", ("ماگ", "لیوان"),
                  variants=(("فیروزه‌ای", {"رنگ": "فیروزه‌ای"}, 0, 12), ("کرم", {"رنگ": "کرم"}, 0, 9), ("سرمه‌ای", {"رنگ": "سرمه‌ای"}, 20_000, 3)),
                  discount=("percent", 15, 4), colour="#0e9aa7"),
                P("ست استکان و نعلبکی کمرباریک ۱۲ پارچه", "kamar-barik-tea-glasses", 890_000, "glass", "persian tea glasses saucers set",
                  ("استکان", "نعلبکی"), colour="#92400e"),
                P("چای‌ساز برقی", "electric-tea-maker", 3_250_000, "kettle", "electric tea maker", ("چای ساز",), colour="#334155"),
                P("فلاسک استیل ۱ لیتری", "steel-flask-1l", 780_000, "bottle", "stainless steel vacuum flask thermos", ("فلاسک",), colour="#475569"),
            ],
        ),
        C(
            "serveware",
            "سرو و پذیرایی",
            ("#9d174d", "#fcd34d"),
            "سرویس غذاخوری، دیس و ظروف پذیرایی برای مهمانی‌های به‌یادماندنی.",
            "برای پذیرایی شیک از مهمان‌ها",
            specs=(("قابلیت شست‌وشو در ماشین ظرفشویی", "دارد"),),
            products=[
                P("سرویس غذاخوری ۲۶ پارچه چینی", "porcelain-dinner-set-26", 8_900_000, "plate", "porcelain dinnerware set 26 piece",
                  ("سرویس غذاخوری", "بشقاب"), featured=True, discount=("percent", 8), weight=11000),
                P("دیس بیضی سرامیکی", "oval-ceramic-platter", 640_000, "plate", "oval ceramic serving platter", ("دیس",), colour="#0f766e"),
                P("کاسه سالاد چوبی", "wooden-salad-bowl", 560_000, "bowl", "wooden salad bowl", ("کاسه", "سالاد"), colour="#a16207"),
                P("پیش‌دستی سفالی (۶ عددی)", "clay-dessert-plates", 720_000, "plate", "clay dessert plates", ("پیش دستی", "سفال"), colour="#c2410c"),
                P("شکلات‌خوری کریستال", "crystal-candy-dish", 1_100_000, "bowl", "crystal candy dish", ("شکلات خوری",), colour="#7dd3fc"),
                P("سینی مسی قلم‌زنی", "engraved-copper-tray", 2_400_000, "plate", "hand engraved copper tray", ("مس", "سینی"), colour="#b45309", stock=1),
                P("لیوان بلور (۶ عددی)", "crystal-glasses-6", 480_000, "glass", "crystal drinking glasses", ("لیوان",), colour="#38bdf8"),
                P("پارچ شیشه‌ای درب‌دار", "glass-pitcher", 390_000, "bottle", "glass pitcher with lid", ("پارچ",), colour="#0ea5e9"),
            ],
        ),
        C(
            "decor",
            "دکوراسیون",
            ("#1e40af", "#f472b6"),
            "گلدان، آینه، ساعت و شمع؛ جزئیاتی که خانه را خانه می‌کند.",
            "برای خانه‌ای گرم و دلنشین",
            products=[
                P("گلدان سرامیکی لعاب فیروزه‌ای", "turquoise-ceramic-vase", 870_000, "vase", "turquoise glazed ceramic vase", ("گلدان", "سرامیک"), featured=True, colour="#0e9aa7"),
                P("آینه دیواری قاب چوبی", "wood-frame-mirror", 2_900_000, "frame", "wooden frame wall mirror", ("آینه",), colour="#92400e"),
                P("ساعت دیواری مینیمال", "minimal-wall-clock", 1_150_000, "clock", "minimal wall clock", ("ساعت",), discount=("percent", 20)),
                P("شمع معطر سویا", "soy-scented-candle", 260_000, "candle", "soy scented candle", ("شمع", "عطر"),
                  variants=(("وانیل", {"رایحه": "وانیل"}, 0, 15), ("اسطوخودوس", {"رایحه": "اسطوخودوس"}, 0, 8), ("چوب صندل", {"رایحه": "چوب صندل"}, 30_000, 2)),
                  colour="#d97706"),
                P("قاب عکس رومیزی", "tabletop-photo-frame", 210_000, "frame", "tabletop photo frame", ("قاب عکس",), colour="#be185d"),
                P("گلدان شیشه‌ای دست‌ساز", "handblown-glass-vase", 690_000, "vase", "hand blown glass vase", ("گلدان", "شیشه"), colour="#0284c7"),
                P("مجسمه دکوری سرامیکی", "ceramic-sculpture", 540_000, "vase", "decorative ceramic sculpture", ("مجسمه",), colour="#6d28d9", stock=0),
            ],
        ),
        C(
            "textiles",
            "منسوجات خانگی",
            ("#7c3aed", "#fda4af"),
            "کوسن، رومیزی، حوله و روتختی از پارچه‌های نرم و بادوام.",
            "با پارچه‌ای نرم و بادوام",
            specs=(("شست‌وشو", "ماشینی، ۳۰ درجه"),),
            products=[
                P("کوسن مخمل", "velvet-cushion", 380_000, "cushion", "velvet cushion pillow", ("کوسن", "مخمل"),
                  variants=(("سبز زمردی", {"رنگ": "سبز"}, 0, 10), ("خردلی", {"رنگ": "خردلی"}, 0, 7), ("صورتی", {"رنگ": "صورتی"}, 0, 0)),
                  featured=True, colour="#047857"),
                P("رومیزی ترمه یزد", "yazd-termeh-tablecloth", 1_650_000, "cushion", "yazd termeh tablecloth", ("ترمه", "رومیزی"),
                  variants=(("۱۰۰ × ۱۰۰", {"اندازه": "۱۰۰×۱۰۰"}, 0, 5), ("۱۵۰ × ۲۰۰", {"اندازه": "۱۵۰×۲۰۰"}, 900_000, 3)), colour="#9f1239"),
                P("حوله حمام نخی", "cotton-bath-towel", 720_000, "cushion", "cotton bath towel", ("حوله",),
                  variants=(("۷۰ × ۱۴۰", {"اندازه": "۷۰×۱۴۰"}, 0, 20), ("۹۰ × ۱۶۰", {"اندازه": "۹۰×۱۶۰"}, 180_000, 11)), colour="#0ea5e9"),
                P("پتو مسافرتی پلار", "fleece-travel-blanket", 990_000, "cushion", "fleece travel blanket", ("پتو",), discount=("percent", 25), colour="#b45309"),
                P("روتختی دونفره", "double-bedspread", 2_800_000, "cushion", "double bedspread duvet cover", ("روتختی",), colour="#4338ca"),
                P("دستمال سفره پارچه‌ای (۶ عددی)", "cloth-napkins-6", 340_000, "cushion", "cloth napkins", ("دستمال",), colour="#65a30d"),
            ],
        ),
        C(
            "lighting",
            "روشنایی",
            ("#b45309", "#fde68a"),
            "آباژور، چراغ خواب و ریسه برای نوری گرم و آرام.",
            "برای نوری گرم و آرام در خانه",
            specs=(("ولتاژ", "۲۲۰ ولت"),),
            products=[
                P("آباژور رومیزی سرامیکی", "ceramic-table-lamp", 1_480_000, "lamp", "ceramic table lamp", ("آباژور",), featured=True),
                P("چراغ خواب چوبی", "wooden-night-light", 860_000, "lamp", "wooden bedside night light", ("چراغ خواب",), colour="#92400e"),
                P("ریسه ال‌ای‌دی ۱۰ متری", "led-string-lights", 290_000, "candle", "led fairy string lights", ("ریسه", "ال ای دی"), discount=("percent", 10, 3)),
                P("لوستر آویز حصیری", "rattan-pendant-light", 2_150_000, "lamp", "rattan pendant light chandelier", ("لوستر", "حصیر"), colour="#a16207"),
                P("چراغ مطالعه تاشو", "folding-desk-lamp", 1_050_000, "lamp", "folding desk reading lamp", ("چراغ مطالعه",), colour="#1f2937"),
                P("لامپ ال‌ای‌دی حبابی ۱۲ وات", "led-bulb-12w", 95_000, "lamp", "led light bulb 12w", ("لامپ",), colour="#facc15"),
            ],
        ),
    ],
    required=[("rattan-pendant-light", "led-bulb-12w")],
    gifts=[("granite-pot-set", "silicone-utensil-set"), ("electric-samovar", "kamar-barik-tea-glasses")],
    banners=[("hero", ["kettle", "pot", "mug"], ("#1d4ed8", "#f97316")), ("story", ["plate", "vase", "lamp"], ("#0f766e", "#fbbf24"))],
    contact={
        "phone": "02188776655",
        "mobile": "09120000001",
        "email": "hello@demo.asoud.ir",
        "instagram": "asoud.demo",
        "telegram": "asoud_demo",
        "province": "تهران",
        "city": "تهران",
        "address": "خیابان ولیعصر، بالاتر از پارک ملت، پلاک ۱۲۴۰",
        "postal_code": "1967743111",
        "latitude": "35.779800",
        "longitude": "51.414300",
        "opening_hours": "شنبه تا پنجشنبه، ۹ تا ۲۱",
        "about": "<p>فروشگاه دمو آسود از سال ۱۳۹۸ لوازم خانه و آشپزخانه را از تولیدکنندگان خوش‌نام ایرانی مستقیم به خانهٔ شما می‌رساند.</p>"
        "<h3>چرا ما؟</h3><ul><li>ارسال به سراسر ایران</li><li>ضمانت بازگشت هفت‌روزه</li><li>مشاورهٔ خرید تلفنی</li></ul>",
    },
    theme={
        "colors": {"primary": "#1d4ed8", "accent": "#f97316"},
        "announcement": {"enabled": True, "text": {"fa": "ارسال رایگان برای خریدهای بالای ۲ میلیون تومان", "en": "Free delivery on orders over 2,000,000 Toman"}, "link": "/products/"},
        "sections": [
            {"type": "hero", "settings": {
                "title": {"fa": "خانه‌ای گرم‌تر، آشپزخانه‌ای خوش‌سلیقه‌تر", "en": "A warmer home, a better kitchen"},
                "subtitle": {"fa": "ظروف، دکور و منسوجات دست‌چین‌شده از بهترین تولیدکنندگان ایرانی، با ارسال به سراسر کشور.", "en": "Cookware, décor and textiles hand-picked from Iran's best makers, delivered nationwide."},
                "button_label": {"fa": "دیدن محصولات", "en": "Browse products"}, "button_link": "/products/", "image": "@hero", "layout": "split"}},
            {"type": "category_grid", "settings": {"title": {"fa": "دسته‌بندی‌ها", "en": "Categories"}, "categories": ["cookware", "tea-coffee", "serveware", "decor", "textiles", "lighting"]}},
            {"type": "featured_products", "settings": {"title": {"fa": "پیشنهاد ویژه", "en": "Hand-picked for you"}, "source": "featured", "limit": 8}},
            {"type": "image_text", "settings": {
                "title": {"fa": "ساخت ایران، با وسواس", "en": "Made in Iran, with care"},
                "text": {"fa": "هر محصول را پیش از ورود به فروشگاه خودمان امتحان می‌کنیم؛ از کیفیت پوشش قابلمه‌ها تا دوام پارچهٔ کوسن‌ها.", "en": "We try every product before it reaches the shop, from pan coatings to cushion fabrics."},
                "image": "@story", "image_position": "start", "button_label": {"fa": "دربارهٔ ما", "en": "About us"}, "button_link": "/about/"}},
            {"type": "featured_products", "settings": {"title": {"fa": "حراج این هفته", "en": "On sale this week"}, "source": "discounted", "limit": 4}},
            {"type": "new_arrivals", "settings": {"title": {"fa": "تازه‌ها", "en": "New arrivals"}, "limit": 8}},
        ],
    },
)

# --- saffron: saffron, spices and nuts (bazaar theme) -----------------------------------------

_SAFFRON_WEIGHTS = (("۱ مثقال", {"وزن": "۴٫۶ گرم"}, 0, 25), ("۲ مثقال", {"وزن": "۹٫۲ گرم"}, 1, 14), ("۵ مثقال", {"وزن": "۲۳ گرم"}, 4, 5))


def _weights(base_toman: int, small=(0, 30), large=(1, 12)) -> tuple:
    """Weight variants: the price scales with the weight."""
    return (
        ("۲۵۰ گرم", {"وزن": "۲۵۰ گرم"}, 0, small[1]),
        ("۵۰۰ گرم", {"وزن": "۵۰۰ گرم"}, base_toman * 9 // 10, large[1]),
        ("۱ کیلوگرم", {"وزن": "۱ کیلوگرم"}, base_toman * 27 // 10, 4),
    )


def _saffron_weights(base_toman: int) -> tuple:
    return tuple((title, options, base_toman * extra, stock) for title, options, extra, stock in _SAFFRON_WEIGHTS)


SAFFRON = Catalogue(
    legacy_slugs=("saffron-1", "saffron-2"),
    categories=[
        C(
            "saffron",
            "زعفران",
            ("#b91c1c", "#f59e0b", "#dc2626"),
            "زعفران قائنات، مستقیم از مزرعه؛ سرگل، نگین، پوشال و دسته.",
            "از مزارع قائنات، با رنگ‌دهی و عطر بالا",
            specs=(("خاستگاه", "قائنات، خراسان جنوبی"), ("نوع بسته‌بندی", "ظرف کریستال پلمب‌شده")),
            products=[
                P("زعفران سرگل ممتاز قائنات", "sargol-saffron", 2_900_000, "jar", "sargol premium saffron qaenat", ("زعفران", "سرگل"),
                  variants=_saffron_weights(2_900_000), featured=True, discount=("percent", 10), photos=2),
                P("زعفران نگین صادراتی", "negin-saffron", 3_300_000, "jar", "negin export saffron", ("زعفران", "نگین"),
                  variants=_saffron_weights(3_300_000), featured=True),
                P("زعفران پوشال", "pushal-saffron", 2_400_000, "jar", "pushal saffron threads", ("زعفران", "پوشال"), colour="#c2410c"),
                P("زعفران دسته (دختر پیچ)", "dokhtar-pich-saffron", 2_100_000, "flower", "bunch saffron dokhtar pich", ("زعفران", "دسته")),
                P("زعفران سابیده در ظرف کریستال", "ground-saffron", 1_650_000, "jar", "ground saffron powder", ("زعفران", "پودر"), discount=("fixed", 150_000)),
                P("عصاره زعفران مایع", "liquid-saffron-extract", 890_000, "bottle", "liquid saffron extract", ("عصاره", "زعفران")),
                P("نبات زعفرانی چوب‌دار", "saffron-rock-candy-sticks", 240_000, "glass", "saffron rock candy sticks nabat", ("نبات",), colour="#d97706"),
                P("پیاز زعفران برای کاشت (۱ کیلو)", "saffron-corms", 460_000, "sack", "saffron corms bulbs for planting", ("پیاز زعفران", "کاشت"), colour="#92400e", stock=0),
            ],
        ),
        C(
            "spices",
            "ادویه‌جات",
            ("#c2410c", "#fbbf24", "#ea580c"),
            "ادویه‌های تازه‌آسیاب و خالص، بی‌هیچ افزودنی.",
            "تازه‌آسیاب و خالص، بدون هیچ افزودنی",
            specs=(("ماندگاری", "۱۲ ماه"),),
            products=[
                P("زردچوبه درجه یک", "turmeric", 190_000, "sack", "turmeric powder", ("زردچوبه",), variants=_weights(190_000), colour="#ca8a04"),
                P("دارچین قلم سیلانی", "ceylon-cinnamon", 420_000, "sack", "ceylon cinnamon sticks", ("دارچین",), colour="#92400e", featured=True),
                P("هل سبز درشت", "green-cardamom", 1_450_000, "sack", "green cardamom pods", ("هل",), colour="#4d7c0f", discount=("percent", 8)),
                P("فلفل سیاه دانه", "black-pepper", 380_000, "sack", "black peppercorns", ("فلفل",), colour="#292524"),
                P("ادویه مخصوص پلو", "polo-spice-mix", 260_000, "jar", "persian rice spice mix advieh", ("ادویه پلو",), colour="#b45309"),
                P("سماق قرمز کوهی", "mountain-sumac", 310_000, "sack", "red mountain sumac", ("سماق",), colour="#9f1239"),
                P("زیره سبز کرمان", "kerman-cumin", 540_000, "sack", "kerman green cumin seeds", ("زیره",), colour="#65a30d", stock=3),
                P("گل‌محمدی خشک", "dried-damask-rose", 480_000, "bowl", "dried damask rose petals", ("گل محمدی",), colour="#db2777"),
                P("ادویه کاری", "curry-powder", 230_000, "jar", "curry powder", ("کاری",), colour="#d97706"),
                P("هاون برنجی کوچک", "brass-mortar", 980_000, "bowl", "small brass mortar and pestle", ("هاون",), colour="#b45309"),
            ],
        ),
        C(
            "nuts",
            "خشکبار و آجیل",
            ("#4d7c0f", "#facc15", "#84cc16"),
            "پسته، بادام و گردوی تازه از باغ‌های رفسنجان، تویسرکان و کرمان.",
            "تازه، درشت و دست‌چین",
            specs=(("بسته‌بندی", "وکیوم"),),
            products=[
                P("پسته اکبری خندان", "akbari-pistachio", 890_000, "bowl", "akbari pistachios roasted", ("پسته",), variants=_weights(890_000), featured=True, discount=("percent", 7)),
                P("بادام درختی کاغذی", "paper-shell-almonds", 760_000, "bowl", "paper shell almonds", ("بادام",), colour="#a16207"),
                P("گردوی مغز تویسرکان", "tuyserkan-walnuts", 820_000, "bowl", "tuyserkan walnut kernels", ("گردو",), colour="#78350f"),
                P("فندق بوداده", "roasted-hazelnuts", 690_000, "bowl", "roasted hazelnuts", ("فندق",), colour="#92400e"),
                P("بادام‌هندی شور", "salted-cashews", 1_050_000, "bowl", "salted cashews", ("بادام هندی",), colour="#d6a461"),
                P("آجیل شب یلدا", "yalda-mixed-nuts", 1_290_000, "box", "yalda night mixed nuts", ("آجیل", "یلدا"), featured=True, colour="#9f1239"),
                P("تخمه کدو گوشتی", "pumpkin-seeds", 340_000, "bowl", "pumpkin seeds", ("تخمه",), colour="#65a30d"),
            ],
        ),
        C(
            "dried-fruit",
            "میوه خشک",
            ("#9a3412", "#fdba74", "#7c2d12"),
            "توت، انجیر، خرما و زرشک خشک، بی‌شکر افزوده.",
            "خشک‌شده به روش سنتی و بدون شکر افزوده",
            products=[
                P("توت خشک سفید", "white-dried-mulberry", 420_000, "bowl", "white dried mulberries", ("توت",), colour="#d6c3a1"),
                P("انجیر خشک استهبان", "estahban-dried-figs", 680_000, "bowl", "estahban dried figs", ("انجیر",), colour="#7c2d12", discount=("percent", 10, 3)),
                P("خرمای مضافتی بم", "bam-mazafati-dates", 360_000, "box", "bam mazafati dates", ("خرما",), colour="#451a03"),
                P("زرشک پفکی قائن", "qaen-barberries", 520_000, "bowl", "qaen barberries zereshk", ("زرشک",), colour="#b91c1c"),
                P("آلو بخارا", "dried-plums", 310_000, "bowl", "dried plums prunes", ("آلو",), colour="#581c87"),
                P("برگه زردآلو", "dried-apricots", 450_000, "bowl", "dried apricots", ("زردآلو",), colour="#ea580c", stock=0),
                P("کشمش سبز قلمی", "green-raisins", 290_000, "bowl", "green long raisins", ("کشمش",), colour="#65a30d"),
            ],
        ),
        C(
            "herbal-tea",
            "دمنوش و چای",
            ("#166534", "#fde047", "#15803d"),
            "چای ایرانی و دمنوش‌های گیاهی آرامش‌بخش.",
            "برای لحظه‌هایی آرام و خوش‌عطر",
            products=[
                P("دمنوش زعفران و گل‌محمدی", "saffron-rose-infusion", 290_000, "glass", "saffron rose herbal infusion", ("دمنوش",), featured=True, colour="#d97706"),
                P("چای سیاه لاهیجان", "lahijan-black-tea", 380_000, "box", "lahijan persian black tea", ("چای",), colour="#14532d"),
                P("دمنوش به‌لیمو", "lemon-verbena-tea", 210_000, "glass", "lemon verbena herbal tea", ("به لیمو",), colour="#65a30d"),
                P("چای سبز", "green-tea", 250_000, "box", "green tea", ("چای سبز",), colour="#16a34a"),
                P("گل گاوزبان اعلا", "borage-flower-tea", 330_000, "flower", "borage flower tea gol gavzaban", ("گل گاوزبان",), colour="#7c3aed"),
            ],
        ),
        C(
            "sweets",
            "شیرینی سنتی",
            ("#a16207", "#fde68a", "#ca8a04"),
            "سوهان، گز، باقلوا و پولکی از شهرهای اصیلشان.",
            "با دستور قدیمی و مواد اولیهٔ مرغوب",
            specs=(("ماندگاری", "۶ ماه"),),
            products=[
                P("سوهان زعفرانی قم", "qom-saffron-sohan", 420_000, "discs", "qom saffron sohan brittle", ("سوهان",), discount=("percent", 15)),
                P("گز لقمه ۴۰٪ پسته", "pistachio-gaz", 690_000, "discs", "isfahan pistachio gaz nougat", ("گز",), featured=True, colour="#f5f5f4"),
                P("باقلوا یزدی", "yazd-baklava", 560_000, "discs", "yazd baklava", ("باقلوا",), colour="#d97706"),
                P("پولکی اصفهان", "isfahan-pulaki", 180_000, "discs", "isfahan pulaki candy", ("پولکی",), colour="#facc15"),
                P("نان برنجی کرمانشاه", "kermanshah-nan-berenji", 240_000, "discs", "kermanshah rice cookies", ("نان برنجی",), colour="#fef3c7"),
            ],
        ),
        C(
            "gift-boxes",
            "جعبه‌های هدیه",
            ("#9f1239", "#fbbf24"),
            "جعبه‌ها و سبدهای هدیهٔ آماده برای یلدا، نوروز و هر مناسبتی.",
            "بسته‌بندی نفیس و آمادهٔ هدیه",
            products=[
                P("جعبه هدیه زعفران و نبات", "saffron-gift-box", 1_890_000, "box", "saffron and nabat gift box", ("هدیه", "زعفران"), featured=True, photos=2),
                P("سبد هدیه یلدا", "yalda-gift-basket", 3_400_000, "box", "yalda gift basket", ("یلدا", "هدیه"), discount=("percent", 10), colour="#7f1d1d"),
                P("جعبه چوبی ادویه ۶ تایی", "wooden-spice-box", 1_250_000, "box", "wooden spice box six jars", ("ادویه", "هدیه"), colour="#92400e"),
                P("کارت تبریک دست‌نویس", "handwritten-card", 45_000, "notebook", "handwritten greeting card", ("کارت",), colour="#d97706"),
            ],
        ),
    ],
    required=[("yalda-gift-basket", "handwritten-card")],
    gifts=[("saffron-gift-box", "saffron-rock-candy-sticks"), ("sargol-saffron", "saffron-rock-candy-sticks")],
    banners=[("hero", ["jar", "flower", "sack"], ("#9f1239", "#d97706")), ("story", ["box", "bowl", "discs"], ("#b45309", "#fde68a"))],
    contact={
        "phone": "05632221100",
        "mobile": "09120000002",
        "email": "sales@saffron-talaei.ir",
        "instagram": "saffron.talaei",
        "telegram": "saffron_talaei",
        "province": "خراسان جنوبی",
        "city": "قائن",
        "address": "بلوار امام رضا، بازار سنتی زعفران، حجره ۱۸",
        "postal_code": "9771733518",
        "latitude": "33.726600",
        "longitude": "59.184400",
        "opening_hours": "هر روز، ۸ تا ۲۰",
        "about": "<p>سه نسل است که زعفران قائنات را خودمان می‌کاریم، دست‌چین می‌کنیم و خشک می‌کنیم. ادویه و خشکبار را هم از باغداران همسایه می‌خریم.</p>"
        "<h3>تضمین اصالت</h3><p>همهٔ زعفران‌ها آزمایش رنگ‌دهی دارند و در ظرف پلمب‌شده ارسال می‌شوند.</p>",
    },
    theme={
        "colors": {"primary": "#9f1239", "accent": "#d97706", "background": "#fdf6e9"},
        "announcement": {"enabled": True, "text": {"fa": "جشنوارهٔ یلدا: تا ۱۵٪ تخفیف روی جعبه‌های هدیه", "en": "Yalda festival: up to 15% off gift boxes"}, "link": "/c/gift-boxes/"},
        "sections": [
            {"type": "hero", "settings": {
                "title": {"fa": "طلای سرخ قائنات، از مزرعه تا سفرهٔ شما", "en": "Red gold of Qaen, from the farm to your table"},
                "subtitle": {"fa": "زعفران نگین و سرگل، ادویهٔ تازه‌آسیاب و خشکبار درجه‌یک؛ مستقیم از تولیدکننده.", "en": "Negin and sargol saffron, freshly ground spices and first-grade nuts, straight from the grower."},
                "button_label": {"fa": "خرید زعفران", "en": "Shop saffron"}, "button_link": "/c/saffron/", "image": "@hero", "layout": "overlay"}},
            {"type": "featured_products", "settings": {"title": {"fa": "پرفروش‌های حجره", "en": "Best sellers"}, "source": "best_selling", "limit": 8}},
            {"type": "category_grid", "settings": {"title": {"fa": "حجره‌های ما", "en": "Our stalls"}, "limit": 8}},
            {"type": "rich_text", "settings": {"title": {"fa": "چرا زعفران طلایی؟", "en": "Why Golden Saffron?"},
                "html": {"fa": "<p>زعفران ما هر پاییز <strong>دست‌چین</strong> می‌شود و به روش سنتی خشک می‌شود. هر بسته برگهٔ آزمایش رنگ‌دهی دارد.</p>", "en": "<p>Our saffron is <strong>hand-picked</strong> every autumn and dried the traditional way. Every pack comes with its colour-strength test.</p>"}}},
            {"type": "featured_products", "settings": {"title": {"fa": "تخفیف‌های یلدایی", "en": "Yalda offers"}, "source": "discounted", "limit": 8}},
            {"type": "banner", "settings": {"image": "@story", "alt": {"fa": "جعبه‌های هدیه", "en": "Gift boxes"}, "link": "/c/gift-boxes/"}},
            {"type": "new_arrivals", "settings": {"title": {"fa": "تازه از راه رسیده", "en": "Just arrived"}, "limit": 4}},
        ],
    },
)

# --- ketab: books and stationery (minimal theme) ----------------------------------------------

KETAB = Catalogue(
    legacy_slugs=("novel-1", "novel-2"),
    categories=[
        C("novels", "رمان", ("#1e3a8a", "#e0e7ff"), "رمان‌های فارسی و ترجمه، از کلاسیک تا معاصر.", "از کلاسیک‌های ادبیات داستانی"),
        C(
            "persian-novels",
            "رمان فارسی",
            ("#7f1d1d", "#fde68a"),
            "شاهکارهای داستان‌نویسی فارسی.",
            "از شاهکارهای داستان فارسی",
            specs=(("قطع", "رقعی"), ("نوع جلد", "شومیز")),
            parent="novels",
            products=[
                P("بوف کور", "boof-e-koor", 320_000, "book", "the blind owl sadegh hedayat", ("صادق هدایت",), featured=True, colour="#111827"),
                P("سووشون", "suvashun", 450_000, "book", "savushun simin daneshvar", ("سیمین دانشور",), featured=True, colour="#9f1239"),
                P("کلیدر (جلد اول)", "kelidar-1", 580_000, "book", "kelidar mahmoud dowlatabadi", ("محمود دولت آبادی",), colour="#78350f"),
                P("جای خالی سلوچ", "jaye-khali-soluch", 390_000, "book", "missing soluch dowlatabadi", ("محمود دولت آبادی",), colour="#a16207"),
                P("شازده احتجاب", "shazdeh-ehtejab", 260_000, "book", "prince ehtejab golshiri", ("هوشنگ گلشیری",), colour="#334155"),
                P("همسایه‌ها", "hamsayeha", 470_000, "book", "the neighbours ahmad mahmoud", ("احمد محمود",), colour="#0f766e", stock=0),
                P("سمفونی مردگان", "symphony-of-the-dead", 420_000, "book", "symphony of the dead abbas maroufi", ("عباس معروفی",), discount=("percent", 10), colour="#1f2937"),
                P("چراغ‌ها را من خاموش می‌کنم", "cheragh-ha", 350_000, "book", "i turn off the lights zoya pirzad", ("زویا پیرزاد",), colour="#be185d"),
                P("دایی‌جان ناپلئون", "dayi-jan-napoleon", 540_000, "book", "my uncle napoleon iraj pezeshkzad", ("ایرج پزشکزاد",), colour="#b45309"),
            ],
        ),
        C(
            "world-novels",
            "ادبیات جهان",
            ("#0f766e", "#ccfbf1"),
            "رمان‌های ماندگار جهان با بهترین ترجمه‌ها.",
            "با ترجمه‌ای روان و وفادار",
            specs=(("قطع", "رقعی"),),
            parent="novels",
            products=[
                P("صد سال تنهایی", "one-hundred-years", 620_000, "book", "one hundred years of solitude marquez", ("مارکز",), featured=True, colour="#c2410c"),
                P("جنایت و مکافات", "crime-and-punishment", 780_000, "book", "crime and punishment dostoevsky", ("داستایفسکی",), colour="#450a0a"),
                P("بیگانه", "the-stranger", 240_000, "book", "the stranger camus", ("آلبر کامو",), colour="#e7e5e4"),
                P("غرور و تعصب", "pride-and-prejudice", 490_000, "book", "pride and prejudice jane austen", ("جین آستن",), discount=("percent", 15), colour="#9d174d"),
                P("۱۹۸۴", "nineteen-eighty-four", 380_000, "book", "1984 george orwell", ("جورج اورول",), colour="#991b1b"),
                P("مسخ", "metamorphosis", 180_000, "book", "the metamorphosis kafka", ("کافکا",), colour="#3f6212"),
                P("شب‌های روشن", "white-nights", 160_000, "book", "white nights dostoevsky", ("داستایفسکی",), colour="#1e40af"),
                P("دن کیشوت", "don-quixote", 950_000, "book", "don quixote cervantes", ("سروانتس",), colour="#854d0e", stock=2),
            ],
        ),
        C(
            "poetry",
            "شعر",
            ("#6b21a8", "#f5d0fe"),
            "دیوان‌های کلاسیک و شعر معاصر فارسی، در چاپ‌های خوش‌خوان و نفیس.",
            "در چاپی خوش‌خوان و ماندگار",
            specs=(("قطع", "وزیری"),),
            products=[
                P("دیوان حافظ", "divan-e-hafez", 890_000, "book", "divan of hafez poetry", ("حافظ", "فال"),
                  variants=(("جلد شومیز", {"جلد": "شومیز"}, 0, 30), ("جلد سخت", {"جلد": "سخت"}, 350_000, 12), ("نفیس قاب‌دار", {"جلد": "چرم، قاب‌دار"}, 1_600_000, 3)),
                  featured=True, colour="#581c87", photos=2),
                P("مثنوی معنوی", "masnavi", 1_450_000, "book", "masnavi rumi molana", ("مولانا", "مولوی"), colour="#134e4a"),
                P("شاهنامه فردوسی (دو جلدی)", "shahnameh", 2_400_000, "book", "shahnameh ferdowsi book of kings", ("فردوسی",), featured=True, discount=("percent", 12), colour="#7c2d12"),
                P("گلستان سعدی", "golestan-saadi", 520_000, "book", "golestan saadi", ("سعدی",), colour="#15803d"),
                P("هشت کتاب", "hasht-ketab", 480_000, "book", "eight books sohrab sepehri", ("سهراب سپهری",), colour="#0369a1"),
                P("تولدی دیگر", "tavalodi-digar", 210_000, "book", "another birth forough farrokhzad", ("فروغ فرخزاد",), colour="#be123c"),
                P("رباعیات خیام", "khayyam-rubaiyat", 350_000, "book", "rubaiyat of omar khayyam", ("خیام",), colour="#a16207"),
            ],
        ),
        C(
            "english-books",
            "کتاب‌های انگلیسی",
            ("#111827", "#e5e7eb"),
            "Original English editions: Persian classics in translation and modern favourites.",
            "نسخهٔ اصلی انگلیسی",
            specs=(("زبان", "انگلیسی"),),
            products=[
                P("The Blind Owl (English)", "the-blind-owl-en", 690_000, "book", "the blind owl english translation", ("english", "hedayat"), cover="The Blind Owl", author="Sadegh Hedayat", colour="#1f2937"),
                P("Rumi: Selected Poems", "rumi-selected-poems", 740_000, "book", "rumi selected poems", ("english", "poetry"), cover="Rumi Selected Poems", author="Coleman Barks", colour="#7c2d12", featured=True),
                P("Persepolis", "persepolis", 980_000, "book", "persepolis graphic novel marjane satrapi", ("english", "graphic novel"), cover="Persepolis", author="Marjane Satrapi", colour="#0f172a"),
                P("Reading Lolita in Tehran", "reading-lolita-in-tehran", 860_000, "book", "reading lolita in tehran azar nafisi", ("english", "memoir"), cover="Reading Lolita in Tehran", author="Azar Nafisi", colour="#9f1239"),
                P("The Little Prince", "the-little-prince-en", 420_000, "book", "the little prince saint exupery", ("english", "kids"), cover="The Little Prince", author="Saint-Exupéry", colour="#1d4ed8", discount=("percent", 10)),
            ],
        ),
        C(
            "kids",
            "کودک و نوجوان",
            ("#ea580c", "#fef3c7"),
            "قصه‌ها و رمان‌هایی که بچه‌ها دوست دارند.",
            "با تصویرگری زیبا و متنی دلنشین",
            specs=(("گروه سنی", "ج و د"),),
            products=[
                P("شازده کوچولو", "shazdeh-koochooloo", 260_000, "book", "the little prince persian", ("کودک",), featured=True, colour="#0284c7"),
                P("ماهی سیاه کوچولو", "mahi-siah", 150_000, "book", "the little black fish samad behrangi", ("صمد بهرنگی",), colour="#0f172a"),
                P("قصه‌های مجید", "ghesseh-haye-majid", 520_000, "book", "majid stories houshang moradi kermani", ("هوشنگ مرادی کرمانی",), colour="#65a30d"),
                P("کلیله و دمنه برای کودکان", "kelileh-kids", 310_000, "book", "kalila and dimna for kids", ("کلیله و دمنه",), colour="#a21caf"),
                P("قصه‌های شب (۳ جلدی)", "bedtime-stories", 640_000, "book", "bedtime stories three volumes", ("قصه",), discount=("percent", 10, 2), colour="#4338ca"),
            ],
        ),
        C(
            "history",
            "تاریخ و فلسفه",
            ("#44403c", "#e7e5e4"),
            "کتاب‌هایی برای فهم گذشته و اندیشیدن به آینده.",
            "برای خوانندهٔ کنجکاو",
            products=[
                P("تاریخ بیهقی", "tarikh-e-beyhaghi", 1_200_000, "book", "history of beyhaghi", ("بیهقی",), colour="#57534e"),
                P("سیر حکمت در اروپا", "seyr-e-hekmat", 880_000, "book", "history of philosophy in europe foroughi", ("فروغی", "فلسفه"), colour="#1e3a8a"),
                P("انسان خردمند", "sapiens", 790_000, "book", "sapiens yuval noah harari", ("هراری",), featured=True, colour="#b91c1c"),
            ],
        ),
        C(
            "stationery",
            "لوازم‌التحریر",
            ("#365314", "#ecfccb"),
            "دفتر، خودنویس و هرچه نوشتن را لذت‌بخش‌تر می‌کند.",
            "برای نوشتنی لذت‌بخش",
            products=[
                P("دفتر یادداشت جلد چرمی", "leather-notebook", 430_000, "notebook", "leather notebook journal", ("دفتر",),
                  variants=(("قهوه‌ای", {"رنگ": "قهوه‌ای"}, 0, 14), ("سرمه‌ای", {"رنگ": "سرمه‌ای"}, 0, 6), ("زرشکی", {"رنگ": "زرشکی"}, 0, 0)),
                  featured=True, colour="#78350f"),
                P("خودنویس کلاسیک", "classic-fountain-pen", 1_350_000, "pen", "classic fountain pen", ("خودنویس",), colour="#111827", discount=("fixed", 150_000)),
                P("جوهر خودنویس آبی", "fountain-pen-ink", 180_000, "bottle", "fountain pen ink blue", ("جوهر",), colour="#1e40af"),
                P("مداد طراحی (ست ۱۲ عددی)", "drawing-pencils-12", 290_000, "pencils", "drawing pencils set", ("مداد",), colour="#0f766e"),
                P("نشانگر کتاب فلزی", "metal-bookmark", 85_000, "pen", "metal bookmark", ("نشانگر",), colour="#a16207"),
            ],
        ),
    ],
    required=[("classic-fountain-pen", "fountain-pen-ink")],
    gifts=[("shahnameh", "metal-bookmark"), ("divan-e-hafez", "metal-bookmark")],
    banners=[("hero", ["book", "book", "book", "book"], ("#111827", "#b45309")), ("story", ["notebook", "pen", "pencils"], ("#365314", "#d6c3a1"))],
    contact={
        "phone": "03132215566",
        "email": "info@ketabsara-noor.ir",
        "instagram": "ketabsara.noor",
        "province": "اصفهان",
        "city": "اصفهان",
        "address": "خیابان چهارباغ عباسی، کوچهٔ کتاب‌فروش‌ها، پلاک ۷",
        "postal_code": "8143613411",
        "latitude": "32.654600",
        "longitude": "51.667400",
        "opening_hours": "شنبه تا پنجشنبه، ۱۰ تا ۲۰ · جمعه‌ها تعطیل",
        "about": "<p>کتاب‌سرای نور کتاب‌فروشی کوچکی است در چهارباغ اصفهان. کتاب‌ها را یکی‌یکی خودمان می‌خوانیم و انتخاب می‌کنیم.</p>"
        "<p>اگر دنبال کتاب کمیابی هستید، پیام بدهید؛ پیدایش می‌کنیم.</p>",
    },
    theme={
        "colors": {"primary": "#111111", "accent": "#b45309", "background": "#fbf8f3", "surface": "#fbf8f3"},
        "announcement": {"enabled": True, "text": {"fa": "هر کتاب با جلد کاغذی دست‌ساز ارسال می‌شود", "en": "Every book ships in a handmade paper wrap"}},
        "sections": [
            {"type": "hero", "settings": {
                "title": {"fa": "کتاب خوب، دوست خوب", "en": "Good books, good company"},
                "subtitle": {"fa": "کلاسیک‌های فارسی، ادبیات جهان و دفترهایی برای نوشتن؛ هرکدام را خودمان خوانده‌ایم و انتخاب کرده‌ایم.", "en": "Persian classics, world literature and notebooks to write in — each one read and chosen by us."},
                "button_label": {"fa": "قفسه‌ها را ببینید", "en": "Browse the shelves"}, "button_link": "/products/", "image": "@hero"}},
            {"type": "featured_products", "settings": {"title": {"fa": "انتخاب کتاب‌فروش", "en": "Bookseller's picks"}, "source": "featured", "limit": 8}},
            {"type": "rich_text", "settings": {"html": {"fa": "<p>«کتاب‌ها آینه‌اند؛ آدم در آن‌ها فقط چیزی را می‌بیند که در خود دارد.»</p>", "en": "<p>“Books are mirrors: you only see in them what you already have inside you.”</p>"}}},
            {"type": "category_grid", "settings": {"title": {"fa": "قفسه‌ها", "en": "Shelves"}, "categories": ["persian-novels", "world-novels", "poetry", "english-books", "kids", "history", "stationery"]}},
            {"type": "new_arrivals", "settings": {"title": {"fa": "تازه‌های قفسه", "en": "New on the shelves"}, "limit": 8}},
            {"type": "image_text", "settings": {
                "title": {"fa": "برای نوشتن هم", "en": "For writing, too"},
                "text": {"fa": "دفترهای جلد چرمی، خودنویس و مداد طراحی؛ برای کسی که هم می‌خواند و هم می‌نویسد.", "en": "Leather notebooks, fountain pens and drawing pencils, for people who read and write."},
                "image": "@story", "image_position": "end", "button_label": {"fa": "لوازم‌التحریر", "en": "Stationery"}, "button_link": "/c/stationery/"}},
        ],
    },
)

CATALOGUES = {"demo": DEMO, "saffron": SAFFRON, "ketab": KETAB}
