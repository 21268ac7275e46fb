from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.utils.cache import add_never_cache_headers


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's, but public views (login, /healthz) never touch the session or the user.

    Django asks `request.user` first, which reads the session from the database: a health probe
    sent with a stale session cookie would then fail for the wrong reason during an outage.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class NoStoreMiddleware:
    """`Cache-Control: no-store` (Django's never_cache headers) on every response of the
    application: its pages and downloads show names, ID numbers, incomes and amounts, which no
    browser cache or proxy may keep. Static files are served earlier in the chain (WhiteNoise)
    and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
