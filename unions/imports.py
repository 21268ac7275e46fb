"""Bulk import of headcount returns (会员及职工人数) from .xlsx or .csv; format in
docs/import-formats.md."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import imports
from core.imports import Column, Errors, Importer, Row

from . import services
from .models import HeadcountReturn, Union, return_problem
from .validators import normalize_credit_code


class HeadcountImporter(Importer):
    kind = "unions-headcount"
    title = gettext_lazy("Import headcount returns")
    columns = (
        Column("union", "工会名称或统一社会信用代码", imports.text(100),
               example="嘉荫县财政局工会"),
        Column("as_of", "统计日期", imports.day(), example=date(2012, 6, 30)),
        Column("members", "会员人数", imports.integer(minimum=0), example=45),
        Column("employed", "在职职工", imports.integer(minimum=0), example=38),
        Column("laid_off", "下岗职工", imports.integer(minimum=0), example=0),
        Column("joined", "新入会会员", imports.integer(minimum=0), required=False, example=2),
    )

    def check(self, rows: list[Row], errors: Errors) -> None:
        """Resolve unions by name or code, then the model's rules and duplicates, in 2 queries."""
        keys = {row.values["union"] for row in rows}
        unions = Union.objects.filter(Q(name__in=keys) | Q(
            credit_code__in={normalize_credit_code(k) for k in keys}))
        by_key = {}
        for union in unions:
            by_key[union.name] = union
            if union.credit_code:
                by_key[union.credit_code] = union

        seen: dict[tuple[int, date], int] = {}
        for row in rows:
            values = row.values
            union = by_key.get(values["union"]) or by_key.get(
                normalize_credit_code(values["union"]))
            if union is None:
                errors.add(row.number, "union", _("no union has the name or credit code "
                                                  "“%(value)s”") % {"value": values["union"]})
                continue
            values["union"] = union
            values["joined"] = values["joined"] or 0
            problem = return_problem(union, values["as_of"])
            if problem:
                errors.add(row.number, problem[0], str(problem[1]))
            if values["joined"] > values["members"]:
                errors.add(row.number, "joined", _("cannot exceed the members (%(members)d)")
                           % {"members": values["members"]})
            key = (union.pk, values["as_of"])
            if key in seen:
                errors.add(row.number, "as_of", _("row %(row)d already has a return of this "
                                                  "union for this date") % {"row": seen[key]})
            else:
                seen[key] = row.number

        existing = set(HeadcountReturn.objects.filter(
            union__in={union_id for union_id, _as_of in seen},
            as_of__in={as_of for _union_id, as_of in seen},
        ).values_list("union_id", "as_of"))
        for key in existing & seen.keys():
            errors.add(seen[key], "as_of", _("this union already has a return for this date; "
                                            "correct it on the union's page instead"))

    def save(self, rows: list[Row], *, by) -> int:
        return services.returns_import(returns=(
            HeadcountReturn(union=r.values["union"], as_of=r.values["as_of"],
                            members=r.values["members"], employed=r.values["employed"],
                            laid_off=r.values["laid_off"], joined=r.values["joined"])
            for r in rows
        ), by=by)
