from django.shortcuts import redirect

# What a user who must change their password may still open.
OPEN_DURING_CHANGE = frozenset({"password_change", "password_change_done", "logout"})


class ForcePasswordChangeMiddleware:
    """A user whose password an administrator set (a new account, a reset) chooses their own
    before anything else: every page sends them to `password_change`, except that page, its
    "done" page and signing out (public views, and static files served before the views, are
    not touched). After AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, _view_args, _view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None  # the login page, /healthz: never the session
        user = request.user
        if (user.is_authenticated and user.must_change_password
                and request.resolver_match.view_name not in OPEN_DURING_CHANGE):
            return redirect("password_change")
        return None
