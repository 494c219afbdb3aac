"""Market settings: profile, contacts, location, delivery methods, payment, colleague customers."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context
from PIL import Image

from asoud.accounts.models import User
from storefront.catalog.models import ColleagueCustomer
from storefront.orders.models import CheckoutSettings, ShippingMethod
from storefront.orders.services import shipping_method_create
from storefront.themes.models import StoreContact
from tenants.models import Market

from .test_orders import HTMX, OWNER_MOBILE, member_client

TABS = ["profile", "contacts", "location", "shipping", "payments", "colleagues"]


@pytest.fixture
def owner(market_alpha):
    return member_client(market_alpha, "owner", OWNER_MOBILE)


@pytest.fixture(autouse=True)
def _restore_profile(market_alpha):
    yield
    Market.objects.filter(slug="alpha").update(name="Alpha Shop", description="", type="shop", logo="")


def _contact(market) -> StoreContact | None:
    with tenant_context(market):
        return StoreContact.objects.filter(pk=1).first()


def _png(width=64, height=64) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def _pixel_bomb() -> SimpleUploadedFile:
    """A tiny PNG file whose header claims 20000×20000 pixels (400 megapixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 0, 0, 0, 0)
    body = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("bomb.png", body, content_type="image/png")


# --- Pages and fragments ------------------------------------------------------------------------


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_full_page_and_fragment(owner, tab):
    page = owner.get(f"/dashboard/settings/{tab}/")
    assert page.status_code == 200 and "<html" in page.content.decode()
    assert f'data-tab="{tab}"' in page.content.decode()
    fragment = owner.get(f"/dashboard/settings/{tab}/", **HTMX).content.decode()
    assert "<html" not in fragment and fragment.lstrip().startswith('<div id="settings-panel"')


def test_settings_root_is_the_profile(owner):
    assert 'data-tab="profile"' in owner.get("/dashboard/settings/").content.decode()
    assert owner.get("/dashboard/settings/nonsense/").status_code == 404


# --- Profile ------------------------------------------------------------------------------------


def test_profile_saved_with_a_logo(owner, market_alpha):
    data = {"name": "Alpha Tea House", "description": "Fresh leaves", "type": "company", "logo": _png()}
    html = owner.post("/dashboard/settings/profile/", data, **HTMX).content.decode()
    assert "Profile saved." in html
    market = Market.objects.get(slug="alpha")
    assert (market.name, market.description, market.type) == ("Alpha Tea House", "Fresh leaves", "company")
    assert market.logo.name.startswith("markets/logos/alpha-")


def test_profile_bad_logo_keeps_what_was_typed(owner):
    fake = SimpleUploadedFile("logo.png", b"GIF89a but not really", content_type="image/png")
    response = owner.post(
        "/dashboard/settings/profile/", {"name": "New name", "description": "Typed", "type": "shop", "logo": fake}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_logo_error"' in html and "image" in html.split('id="id_logo_error"')[1][:300]
    assert 'value="New name"' in html and "Typed</textarea>" in html
    assert Market.objects.get(slug="alpha").name == "Alpha Shop"  # nothing changed


def test_profile_pixel_bomb_is_refused(owner):
    data = {"name": "Alpha Shop", "type": "shop", "logo": _pixel_bomb()}
    html = owner.post("/dashboard/settings/profile/", data, **HTMX).content.decode()
    assert "megapixels" in html and 'id="id_logo_error"' in html
    assert not Market.objects.get(slug="alpha").logo


def test_profile_needs_a_name(owner):
    html = owner.post("/dashboard/settings/profile/", {"name": "", "type": "shop"}, **HTMX).content.decode()
    assert "This field is required." in html


# --- Contacts and location ----------------------------------------------------------------------


def test_contacts_saved_and_normalised(owner, market_alpha):
    data = {"phone": "021 8888 7777", "mobile": "۰۹۱۲۳۴۵۶۷۸۹", "email": "shop@example.com",
            "instagram": "https://instagram.com/alpha.tea/", "telegram": "@alpha_tea"}  # fmt: skip
    html = owner.post("/dashboard/settings/contacts/", data, **HTMX).content.decode()
    assert "Saved." in html
    contact = _contact(market_alpha)
    assert (contact.mobile, contact.instagram, contact.telegram) == ("+989123456789", "alpha.tea", "alpha_tea")


def test_contacts_invalid_values(owner, market_alpha):
    data = {"email": "not-an-email", "mobile": "12345", "instagram": "bad handle!", "website": "http://exa mple"}
    response = owner.post("/dashboard/settings/contacts/", data, **HTMX)
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "Enter a valid Iranian mobile number" in html
    assert "Enter a username of letters, digits, dots or underscores." in html
    if "website" in {f.name for f in StoreContact._meta.get_fields()}:
        assert "Enter a web address like https://example.com." in html
    assert 'value="not-an-email"' in html  # what was typed stays
    assert _contact(market_alpha) is None


def test_location_saved_with_persian_digits(owner, market_alpha):
    data = {"province": "Tehran", "city": "Tehran", "address": "Valiasr St.", "postal_code": "۱۲۳۴۵۶۷۸۹۰",
            "latitude": "۳۵٫۶۹۹۷", "longitude": "51.3380"}  # fmt: skip
    html = owner.post("/dashboard/settings/location/", data, **HTMX).content.decode()
    assert "Saved." in html
    contact = _contact(market_alpha)
    assert str(contact.latitude) == "35.699700" and contact.postal_code == "1234567890"


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [("95", "51", "Latitude must be between -90 and 90."), ("35", "-181", "Longitude must be between -180 and 180."),
     ("north", "51", "Enter the latitude as a number"), ("35", "", "Enter both the latitude and the longitude")],
)  # fmt: skip
def test_location_bad_coordinates(owner, market_alpha, latitude, longitude, message):
    data = {"city": "Isfahan", "address": "Naqsh-e Jahan", "latitude": latitude, "longitude": longitude}
    response = owner.post("/dashboard/settings/location/", data)
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert 'value="Naqsh-e Jahan"' in html  # nothing lost
    assert _contact(market_alpha) is None


# --- Delivery -----------------------------------------------------------------------------------


def test_shipping_methods_add_edit_remove(owner, market_alpha):
    html = owner.post(
        "/dashboard/settings/shipping/",
        {"name": "Courier", "kind": "free_above", "cost": "60000", "free_above": "2000000", "is_active": "on"},
        **HTMX,
    ).content.decode()
    assert "Delivery method “Courier” added." in html and "60,000 Toman, free from 2,000,000 Toman" in html
    with tenant_context(market_alpha):
        method = ShippingMethod.objects.get(name="Courier")
        assert (method.cost, method.free_above) == (600_000, 20_000_000)

    prefix = f"m{method.pk}"
    edited = owner.post(
        f"/dashboard/settings/shipping/{method.pk}/",
        {f"{prefix}-name": "Pickup", f"{prefix}-kind": "pickup", f"{prefix}-cost": "5"},
        **HTMX,
    ).content.decode()
    assert "Delivery method “Pickup” saved." in edited and "Hidden" in edited  # is_active unticked
    with tenant_context(market_alpha):
        method.refresh_from_db()
        assert (method.kind, method.cost, method.is_active) == ("pickup", 0, False)

    owner.post(f"/dashboard/settings/shipping/{method.pk}/remove/", **HTMX)
    with tenant_context(market_alpha):
        assert not ShippingMethod.objects.filter(pk=method.pk).exists()


def test_shipping_method_free_above_needs_an_amount(owner, market_alpha):
    response = owner.post("/dashboard/settings/shipping/", {"name": "Courier", "kind": "free_above", "cost": "100"})
    assert response.status_code == 400
    assert "Enter the order amount from which delivery is free." in response.content.decode()
    with tenant_context(market_alpha):
        assert not ShippingMethod.objects.exists()


def test_shipping_edit_of_another_market_is_not_found(owner, market_beta):
    with tenant_context(market_beta):
        beta_method = shipping_method_create(name="Beta post", kind="flat", cost=10, position=0)
        beta_method.pk = 876_543
        ShippingMethod.objects.filter(name="Beta post").update(id=876_543)
    assert (
        owner.post("/dashboard/settings/shipping/876543/", {"m876543-name": "x", "m876543-kind": "flat"}).status_code
        == 404
    )
    assert owner.post("/dashboard/settings/shipping/876543/remove/", **HTMX).status_code == 404


# --- Payment ------------------------------------------------------------------------------------


def test_cash_on_delivery_toggle(owner, market_alpha):
    html = owner.post("/dashboard/settings/payments/", {}, **HTMX).content.decode()
    assert "Payment settings saved." in html
    with tenant_context(market_alpha):
        assert CheckoutSettings.objects.get(pk=1).allow_cash_on_delivery is False
    response = owner.post("/dashboard/settings/payments/", {"allow_cash_on_delivery": "on"}, follow=True)
    assert "Payment settings saved." in response.content.decode()
    with tenant_context(market_alpha):
        assert CheckoutSettings.objects.get(pk=1).allow_cash_on_delivery is True


# --- Colleague customers ------------------------------------------------------------------------


def test_colleague_approve_and_revoke_by_mobile(owner, market_alpha):
    customer = User.objects.create_user("+989351112233", name="Reza Wholesale")
    html = owner.post(
        "/dashboard/settings/colleagues/", {"mobile": "0935 111 2233", "company_name": "Reza Co."}, **HTMX
    ).content.decode()
    assert "Reza Wholesale now buys at colleague prices." in html and "Reza Co." in html
    with tenant_context(market_alpha):
        colleague = ColleagueCustomer.objects.get(user_id=customer.pk)
        assert colleague.status == "approved"
    html = owner.post(f"/dashboard/settings/colleagues/{colleague.pk}/revoke/", **HTMX).content.decode()
    assert "buys at regular prices again" in html
    with tenant_context(market_alpha):
        colleague.refresh_from_db()
        assert colleague.status == "rejected"


def test_colleague_unknown_or_invalid_mobile(owner, market_alpha):
    html = owner.post("/dashboard/settings/colleagues/", {"mobile": "0935 999 8877"}, **HTMX).content.decode()
    assert "Nobody with this number has signed in yet." in html
    html = owner.post("/dashboard/settings/colleagues/", {"mobile": "123"}, **HTMX).content.decode()
    assert "Enter a valid Iranian mobile number" in html
    with tenant_context(market_alpha):
        assert not ColleagueCustomer.objects.exists()


# --- Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "mobile", "expected"),
    [("manager", "+989130000041", 200), ("editor", "+989130000042", 403), ("support", "+989130000043", 403),
     (None, "+989130000044", 403)],
)  # fmt: skip
def test_who_may_change_settings(market_alpha, role, mobile, expected):
    client = member_client(market_alpha, role, mobile)
    assert client.get("/dashboard/settings/").status_code == expected
    assert client.get("/dashboard/settings/contacts/", **HTMX).status_code == expected
    response = client.post("/dashboard/settings/profile/", {"name": "Taken over", "type": "shop"}, **HTMX)
    assert response.status_code == expected
    assert Market.objects.get(slug="alpha").name == ("Taken over" if expected == 200 else "Alpha Shop")
