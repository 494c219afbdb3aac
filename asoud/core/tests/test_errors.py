"""Error pages that must render whatever state the failed request left behind."""


def test_the_server_error_page_renders_without_the_request_context():
    from django.test import RequestFactory

    from asoud.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "500" in response.content.decode()
