from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's, but public views (login, /healthz) never touch the session or the user.

    Django asks `request.user` first, which reads the session from the database: a health probe
    sent with a stale session cookie would then fail for the wrong reason during an outage.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
