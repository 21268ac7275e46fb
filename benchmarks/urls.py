"""The site's URLs plus the bare page, the benchmark's framework ceiling (never in production)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as site_urls

BARE = engines["django"].from_string("<!doctype html><title>bench</title><p>{{ user }}</p>")


def bare(request) -> HttpResponse:
    """A tiny template behind the full middleware stack: what any page costs at least."""
    return HttpResponse(BARE.render({"user": request.user.username}, request))


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *site_urls]
__all__ = ["handler500", "urlpatterns"]
