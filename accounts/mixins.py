from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

from .roles import has_role


class RoleRequiredMixin(AccessMixin):
    """View mixin: `roles = (Role.STAFF, Role.ADMIN)`; others get 403, anonymous the login page.

    With `roles` empty, any signed-in user may enter (the read-only pages).
    """

    roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.roles and not has_role(request.user, *self.roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
