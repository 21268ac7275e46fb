from .roles import Role, user_roles


def roles(request):
    """`roles.staff`, `roles.leader`, `roles.admin` in every template."""
    names = user_roles(getattr(request, "user", None))
    return {"roles": {role.value: role.value in names for role in Role}}
