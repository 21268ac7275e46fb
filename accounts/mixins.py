from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

from .roles import Role, has_role


class RoleRequiredMixin(AccessMixin):
    """View mixin: `roles = (Role.STAFF, Role.ADMIN)`; others get 403, anonymous the login page.

    With `roles` empty, any user holding one of the roles may enter (the read-only pages); a
    signed-in user without a role sees only the home page, which tells them to ask for one.
    """

    roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, *(self.roles or Role.values)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
