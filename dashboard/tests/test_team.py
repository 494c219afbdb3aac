"""Team management (owner only) and who reaches which part of the products area."""

import pytest
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.accounts.testing import mark_checked
from storefront.team.models import TeamMember

from .factories import category_make, member_make, product_make, user_make

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def owner(market_alpha):
    return User.objects.get(mobile="+989130000001")


def signed_in(client, user):
    client.force_login(user)
    mark_checked(client, user, method="code")  # just signed in with an SMS code
    client.cookies["asoud_language"] = "en"
    return client


def make_user_with(market, role):
    """ "owner", a team role, "shopper" (signed in, no role) or None (anonymous)."""
    if role == "owner":
        return User.objects.get(pk=market.owner_id)
    if role == "shopper":
        return user_make()
    with tenant_context(market):
        return member_make(role)


# Pages of the products area (section catalogue) and the team page (owner only).
PAGES = {
    "products": "/dashboard/products/",
    "product_new": "/dashboard/products/new/",
    "import": "/dashboard/products/import/",
    "export": "/dashboard/products/export.csv",
    "categories": "/dashboard/categories/",
    "team": "/dashboard/team/",
}
ALLOWED = {
    "owner": set(PAGES),
    "manager": {"products", "product_new", "import", "export", "categories"},
    "editor": {"products", "product_new", "import", "export", "categories"},
    "support": set(),
    "shopper": set(),
}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("page", list(PAGES))
def test_permission_matrix(alpha_client, market_alpha, role, page):
    signed_in(alpha_client, make_user_with(market_alpha, role))
    expected = 200 if page in ALLOWED[role] else 403
    assert alpha_client.get(PAGES[page]).status_code == expected
    assert alpha_client.get(PAGES[page], **HTMX).status_code == expected


@pytest.mark.parametrize("page", list(PAGES))
def test_anonymous_visitors_are_sent_to_sign_in(alpha_client, page):
    response = alpha_client.get(PAGES[page])
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("role", ["support", "shopper"])
def test_writes_are_refused_too_not_only_pages(alpha_client, market_alpha, role):
    with tenant_context(market_alpha):
        product = product_make(price_main=10_000)
        member = TeamMember.objects.create(user=user_make(), role="editor")
    signed_in(alpha_client, make_user_with(market_alpha, role))
    assert (
        alpha_client.post(f"/dashboard/products/{product.pk}/quick/price/", {"price_main": "1"}, **HTMX).status_code
        == 403
    )
    assert alpha_client.post("/dashboard/products/bulk/", {"action": "delete", "ids": [product.pk]}).status_code == 403
    assert alpha_client.post(f"/dashboard/team/{member.pk}/remove/", **HTMX).status_code == 403
    with tenant_context(market_alpha):
        assert TeamMember.objects.filter(pk=member.pk).exists()
        from storefront.catalog.models import Product

        assert Product.objects.get(pk=product.pk).price_main == 10_000


def test_an_editor_edits_products_but_cannot_manage_the_team(alpha_client, market_alpha):
    signed_in(alpha_client, make_user_with(market_alpha, "editor"))
    with tenant_context(market_alpha):
        product = product_make(price_main=10_000)
        category_make()
    assert (
        alpha_client.post(f"/dashboard/products/{product.pk}/quick/price/", {"price_main": "2000"}, **HTMX).status_code
        == 200
    )
    assert alpha_client.post("/dashboard/team/", {"mobile": "09121112233", "role": "manager"}).status_code == 403


def test_a_member_of_another_market_has_no_access_here(alpha_client, market_alpha, market_beta):
    signed_in(alpha_client, make_user_with(market_beta, "manager"))
    assert alpha_client.get("/dashboard/products/").status_code == 403


# --- The team page ------------------------------------------------------------------------------


def test_team_page_and_fragment(alpha_client, market_alpha, owner):
    signed_in(alpha_client, owner)
    page = alpha_client.get("/dashboard/team/")
    assert page.status_code == 200 and "Invite someone" in page.content.decode()
    assert "HX-Request" in page["Vary"]


def test_invite_a_new_number_creates_the_account(alpha_client, market_alpha, owner):
    signed_in(alpha_client, owner)
    response = alpha_client.post("/dashboard/team/", {"mobile": "۰۹۱۲ ۱۱۱ ۲۲۳۳", "role": "editor"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<div id="team-panel"')
    assert "joined your team" in response["HX-Trigger"]
    user = User.objects.get(mobile="+989121112233")
    with tenant_context(market_alpha):
        member = TeamMember.objects.get(user_id=user.pk)
        assert (member.role, member.invited_by_id) == ("editor", owner.pk)
    # Signed in with that number, the new editor reaches the catalogue but not orders' team page.
    signed_in(alpha_client, user)
    assert alpha_client.get("/dashboard/products/").status_code == 200
    assert alpha_client.get("/dashboard/team/").status_code == 403


def test_invite_an_existing_account_without_javascript(alpha_client, market_alpha, owner):
    existing = user_make("+989121234000")
    signed_in(alpha_client, owner)
    response = alpha_client.post("/dashboard/team/", {"mobile": "09121234000", "role": "support"})
    assert response.status_code == 302
    with tenant_context(market_alpha):
        assert TeamMember.objects.get(user_id=existing.pk).role == "support"


@pytest.mark.parametrize(
    ("mobile", "message"),
    [
        ("12345", "Enter a valid Iranian mobile number"),
        ("09130000001", "This is your own number"),
        ("", "This field is required."),
    ],
)
def test_invite_mistakes_are_explained_and_the_input_kept(alpha_client, market_alpha, owner, mobile, message):
    signed_in(alpha_client, owner)
    body = alpha_client.post("/dashboard/team/", {"mobile": mobile, "role": "manager"}, **HTMX).content.decode()
    assert message in body and f'value="{mobile}"' in body if mobile else message in body
    with tenant_context(market_alpha):
        assert not TeamMember.objects.exists()


def test_inviting_someone_twice_is_refused(alpha_client, market_alpha, owner):
    signed_in(alpha_client, owner)
    alpha_client.post("/dashboard/team/", {"mobile": "09121112244", "role": "editor"}, **HTMX)
    body = alpha_client.post("/dashboard/team/", {"mobile": "09121112244", "role": "manager"}, **HTMX).content.decode()
    assert "already in your team" in body


def test_change_role_and_remove(alpha_client, market_alpha, owner):
    with tenant_context(market_alpha):
        user = member_make("support")
        member = TeamMember.objects.get(user_id=user.pk)
    signed_in(alpha_client, owner)
    response = alpha_client.post(f"/dashboard/team/{member.pk}/role/", {"role": "manager"}, **HTMX)
    assert response.status_code == 200 and "Role changed" in response["HX-Trigger"]
    with tenant_context(market_alpha):
        assert TeamMember.objects.get(pk=member.pk).role == "manager"
    assert alpha_client.post(f"/dashboard/team/{member.pk}/role/", {"role": "boss"}, **HTMX).status_code == 200
    with tenant_context(market_alpha):
        assert TeamMember.objects.get(pk=member.pk).role == "manager"
    assert alpha_client.post(f"/dashboard/team/{member.pk}/remove/").status_code == 302
    with tenant_context(market_alpha):
        assert not TeamMember.objects.filter(pk=member.pk).exists()
    signed_in(alpha_client, user)
    assert alpha_client.get("/dashboard/products/").status_code == 403  # removed: no access any more


def test_another_markets_team_members_are_unreachable(alpha_client, market_alpha, market_beta, owner):
    with tenant_context(market_beta):
        theirs = TeamMember.objects.create(user=user_make(), role="editor")
    with tenant_context(market_alpha):
        TeamMember.objects.filter(pk=theirs.pk).delete()  # make sure the id is free in alpha
    signed_in(alpha_client, owner)
    assert alpha_client.post(f"/dashboard/team/{theirs.pk}/role/", {"role": "manager"}, **HTMX).status_code == 404
    assert alpha_client.post(f"/dashboard/team/{theirs.pk}/remove/").status_code == 404
    with tenant_context(market_beta):
        assert TeamMember.objects.get(pk=theirs.pk).role == "editor"


def test_the_owner_of_another_market_gets_403_here(alpha_client, market_beta):
    signed_in(alpha_client, User.objects.get(pk=market_beta.owner_id))
    assert alpha_client.get("/dashboard/team/").status_code == 403
    assert alpha_client.get("/dashboard/products/", **HTMX).status_code == 403
