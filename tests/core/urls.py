"""A test-only importer of auth Groups, wired like an app's import."""

from django.contrib.auth.models import Group
from django.urls import include, path

from accounts.roles import ADMINS, EDITORS
from core import imports
from core.imports import Column, Importer


class GroupImporter(Importer):
    kind = "test-groups"
    title = "Groups"
    columns = (
        Column("name", "组名", imports.text(150), example="测试组"),
        Column("size", "人数", imports.integer(minimum=0), example=3),
        Column("budget", "预算", imports.decimal(places=2), required=False, example="12.50"),
        Column("since", "日期", imports.day(), required=False, example="2012-06-30"),
    )

    def check(self, rows, errors):
        existing = set(Group.objects.filter(name__in=[r.values["name"] for r in rows])
                       .values_list("name", flat=True))
        seen = set()
        for row in rows:
            name = row.values["name"]
            if name in existing:
                errors.add(row.number, "name", f"“{name}”已存在")
            if name in seen:
                errors.add(row.number, "name", f"“{name}”在文件中重复")
            seen.add(name)

    def save(self, rows, *, by):
        return len(Group.objects.bulk_create(Group(name=r.values["name"]) for r in rows))


urlpatterns = [
    path("", include((imports.import_urls(GroupImporter, name="group", roles=ADMINS,
                                          done_url="home"), "testimport"))),
    # The same import open to staff too, as the economy and pairings imports are.
    path("editors/", include((imports.import_urls(GroupImporter, name="group", roles=EDITORS,
                                                  done_url="home"), "editorimport"))),
    path("", include("config.urls")),
]
