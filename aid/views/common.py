from accounts.roles import Role
from core.views import query_without

from ..services import DECIDING_ROLES as DECIDING
from ..services import ENTERING_ROLES as ENTERING

ANY_ROLE = (Role.STAFF, Role.LEADER, Role.ADMIN)
__all__ = ["ANY_ROLE", "DECIDING", "ENTERING", "SortMixin"]


class SortMixin:
    """`?sort=field` or `?sort=-field`, limited to `sort_fields` (query param name -> order)."""

    sort_fields: dict[str, str] = {}
    default_sort: str = ""

    def sort_key(self) -> str:
        wanted = self.request.GET.get("sort", "")
        return wanted if wanted.lstrip("-") in self.sort_fields else self.default_sort

    def sort_order(self) -> list[str]:
        key = self.sort_key()
        field = self.sort_fields[key.lstrip("-")]
        return [("-" if key.startswith("-") else "") + field, "-pk"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sort"] = self.sort_key()
        context["filter_query"] = query_without(self.request, "page", "sort")
        return context
