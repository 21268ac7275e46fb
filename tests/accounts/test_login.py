import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_in_chinese_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
    assert "登录" in response.content.decode()


def test_staff_signs_in_and_lands_on_home(client, staff):
    response = client.post(reverse("login"), {"username": staff.username,
                                              "password": "pw-for-tests-1"})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == staff


def test_a_wrong_password_is_refused_with_a_message(client, staff):
    response = client.post(reverse("login"), {"username": staff.username, "password": "nope"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert "请输入一个正确的" in response.content.decode()


def test_logout_signs_out(client, staff):
    client.force_login(staff)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def _simple_urls(resolver=None, prefix=""):
    """Every URL of the project that takes no arguments."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _simple_urls(pattern, route)
        elif isinstance(pattern, URLPattern) and "<" not in route and "(" not in route:
            yield "/" + route.lstrip("^").rstrip("$").replace("\\Z", "").replace("^", "")


PUBLIC = {"/accounts/login/", "/healthz", "/i18n/setlang/", "/admin/login/"}


def test_every_page_but_login_and_healthz_sends_anonymous_visitors_to_login(client):
    urls = sorted(set(_simple_urls()) - PUBLIC)
    assert "/" in urls
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response.url, url


def test_login_is_locked_after_five_failures_with_a_clear_message(client, staff):
    for _ in range(5):
        client.post(reverse("login"), {"username": staff.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": staff.username,
                                              "password": "pw-for-tests-1"})
    assert response.status_code == 429
    assert "登录失败次数过多，登录已锁定 30 分钟" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_security_headers_are_sent(client):
    response = client.get(reverse("login"))
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
