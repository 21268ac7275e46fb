"""Bulk import of headcount returns (会员及职工人数) from .xlsx or .csv, with the optional columns
of the annual union statistics (工会统计年报); format in docs/import-formats.md."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import imports
from core.imports import Column, Errors, Importer, Row

from . import services
from .models import TERM_YEARS, HeadcountReturn, Union, return_problem, share_problems
from .validators import normalize_credit_code

YES = {"是", "有", "yes", "y", "true", "1", "√"}
NO = {"否", "无", "no", "n", "false", "0", "×"}

# The columns that describe the union rather than the return: an empty cell (or no column)
# leaves what the registry holds; a value replaces it.
UNION_FIELDS = ("legal_person", "committee_elected_on", "committee_term_years",
                "contract_signed_on", "contract_expires_on", "wage_agreement_signed_on",
                "wage_agreement_expires_on")
# The two halves of a committee's term and of each agreement.
PARTNERS = {"committee_elected_on": "committee_term_years",
            "contract_signed_on": "contract_expires_on",
            "wage_agreement_signed_on": "wage_agreement_expires_on"}
PARTNERS.update({second: first for first, second in PARTNERS.items()})


def yes_no() -> Callable[[Any], bool]:
    """是/否 (also 有/无, yes/no, 1/0, a true/false cell)."""
    def parse(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        raw = str(value).strip().lower()
        if raw.endswith(".0"):  # a number cell: 1.0
            raw = raw[:-2]
        if raw in YES:
            return True
        if raw in NO:
            return False
        raise ValueError(_("“%(value)s” is neither 是 nor 否") % {"value": value})
    return parse


def union_day(field: str) -> Callable[[Any], date]:
    """A date of the union's columns, in the range of the union's field (the form's)."""
    return imports.field_day(Union, field)


class HeadcountImporter(Importer):
    kind = "unions-headcount"
    title = gettext_lazy("Import headcount returns")
    columns = (
        Column("union", "工会名称或统一社会信用代码", imports.text(100),
               example="嘉荫县财政局工会"),
        Column("as_of", "统计日期", imports.field_day(HeadcountReturn, "as_of"),
               example=date(2012, 6, 30)),
        Column("members", "会员人数", imports.integer(minimum=0), example=45),
        Column("employed", "在职职工", imports.integer(minimum=0), example=38),
        Column("laid_off", "下岗职工", imports.integer(minimum=0), example=0),
        Column("joined", "新入会会员", imports.integer(minimum=0), required=False, example=2),
        Column("female_members", "女职工会员", imports.integer(minimum=0), required=False,
               example=21),
        Column("migrant_members", "农民工会员", imports.integer(minimum=0), required=False,
               example=0),
        Column("legal_person", "法人资格", yes_no(), required=False, example="是"),
        Column("committee_elected_on", "委员会选举日期", union_day("committee_elected_on"),
               required=False, example=date(2010, 4, 16)),
        Column("committee_term_years", "委员会任期（年）", imports.integer(minimum=1, maximum=99),
               required=False, example=5),
        Column("contract_signed_on", "集体合同签订日期", union_day("contract_signed_on"),
               required=False, example=date(2011, 3, 1)),
        Column("contract_expires_on", "集体合同到期日期", union_day("contract_expires_on"),
               required=False, example=date(2014, 2, 28)),
        Column("wage_agreement_signed_on", "工资专项集体合同签订日期",
               union_day("wage_agreement_signed_on"), required=False, example=date(2012, 3, 1)),
        Column("wage_agreement_expires_on", "工资专项集体合同到期日期",
               union_day("wage_agreement_expires_on"), required=False,
               example=date(2013, 2, 28)),
    )

    def check(self, rows: list[Row], errors: Errors) -> None:
        """Resolve unions by name or code, then the model's rules and duplicates, in 2 queries.
        A row's cells that could not be read are left out; its other cells are checked."""
        by_key = self._unions(rows)
        seen: dict[tuple[int, date], int] = {}
        given: dict[int, dict[str, tuple[Any, int]]] = {}  # union -> field -> (value, row)
        for row in rows:
            values = row.values
            values["joined"] = values["joined"] or 0
            self._check_counts(row, errors)
            union = self._union_of(row, by_key, errors)
            if union is None:
                continue
            values["union"] = union
            self._collect_union_values(row, given.setdefault(union.pk, {}), errors)
            if values["as_of"] is None:
                continue
            self._check_return(row, errors)
            key = (union.pk, values["as_of"])
            if key in seen:
                errors.add(row.number, "as_of", _("row %(row)d already has a return of this "
                                                  "union for this date") % {"row": seen[key]})
            else:
                seen[key] = row.number

        self._check_union_values(rows, given, errors)
        existing = set(HeadcountReturn.objects.filter(
            union__in={union_id for union_id, _as_of in seen},
            as_of__in={as_of for _union_id, as_of in seen},
        ).values_list("union_id", "as_of"))
        for key in existing & seen.keys():
            errors.add(seen[key], "as_of", _("this union already has a return for this date; "
                                            "correct it on the union's page instead"))

    @staticmethod
    def _unions(rows: list[Row]) -> dict[str, Union]:
        """The unions the rows name, by name and by credit code (one query)."""
        keys = {row.values["union"] for row in rows if row.values["union"] is not None}
        unions = Union.objects.filter(Q(name__in=keys) | Q(
            credit_code__in={normalize_credit_code(k) for k in keys}))
        by_key = {}
        for union in unions:
            by_key[union.name] = union
            if union.credit_code:
                by_key[union.credit_code] = union
        return by_key

    @staticmethod
    def _union_of(row: Row, by_key: dict[str, Union], errors: Errors) -> Union | None:
        named = row.values["union"]
        if named is None:  # unreadable: reported already
            return None
        union = by_key.get(named) or by_key.get(normalize_credit_code(named))
        if union is None:
            errors.add(row.number, "union", _("no union has the name or credit code "
                                              "“%(value)s”") % {"value": named})
        return union

    @staticmethod
    def _check_return(row: Row, errors: Errors) -> None:
        problem = return_problem(row.values["union"], row.values["as_of"])
        if problem:
            errors.add(row.number, problem[0], str(problem[1]))

    @staticmethod
    def _check_counts(row: Row, errors: Errors) -> None:
        values = row.values
        if values["members"] is None:  # unreadable: reported already
            return
        if values["joined"] > values["members"]:
            errors.add(row.number, "joined", _("cannot exceed the members (%(members)d)")
                       % {"members": values["members"]})
        for field, message in share_problems(values["members"],
                                             female=values["female_members"],
                                             migrant=values["migrant_members"]).items():
            errors.add(row.number, field, str(message))

    @staticmethod
    def _collect_union_values(row: Row, given: dict[str, tuple[Any, int]],
                              errors: Errors) -> None:
        """Remember the union's values this row gives; another row may not contradict them."""
        for field in UNION_FIELDS:
            value = row.values.get(field)
            if value is None:
                continue
            if field == "committee_term_years" and value not in TERM_YEARS:
                errors.add(row.number, field, _("a committee serves three or five years"))
                continue
            earlier = given.get(field)
            if earlier is not None and earlier[0] != value:
                errors.add(row.number, field, _("row %(row)d gives this union another value")
                           % {"row": earlier[1]})
            elif earlier is None:
                given[field] = (value, row.number)

    @staticmethod
    def _check_union_values(rows: list[Row], given: dict[int, dict[str, tuple[Any, int]]],
                            errors: Errors) -> None:
        """The union's rules on what it will hold: the registry's values with the file's."""
        unions = {row.values["union"].pk: row.values["union"] for row in rows
                  if isinstance(row.values["union"], Union)}
        for union_id, fields in given.items():
            if not fields:
                continue
            union = unions[union_id]
            for field, (value, _row) in fields.items():
                setattr(union, field, value)
            union.derive_election_due()
            for field, message in union.organisation_problems().items():
                # On the row that gave the field, else its partner (the term of an elected
                # day, the signing of an expiry), else the first row giving any.
                given_by = fields.get(field) or fields.get(PARTNERS.get(field, "")) or min(
                    fields.values(), key=lambda pair: pair[1])
                errors.add(given_by[1], field, str(message))

    def save(self, rows: list[Row], *, by) -> int:
        changed = {field for row in rows for field in UNION_FIELDS
                   if row.values.get(field) is not None}
        unions = {row.values["union"].pk: row.values["union"] for row in rows
                  if changed.intersection(k for k, v in row.values.items() if v is not None)}
        return services.returns_import(returns=(
            HeadcountReturn(union=r.values["union"], as_of=r.values["as_of"],
                            members=r.values["members"], employed=r.values["employed"],
                            laid_off=r.values["laid_off"], joined=r.values["joined"],
                            female_members=r.values["female_members"],
                            migrant_members=r.values["migrant_members"])
            for r in rows
        ), unions=list(unions.values()), union_fields=sorted(changed), by=by)
