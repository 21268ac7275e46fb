"""Small database helpers that differ by vendor."""

from contextlib import contextmanager
from datetime import date

from django.db import connection, connections, transaction
from django.db.models import Max, Min, QuerySet

from .dates import sane_years


@contextmanager
def work_mem(megabytes: int):
    """Run the block in a transaction whose sorts and hashes may use `megabytes` of memory each
    (PostgreSQL's `SET LOCAL work_mem`; the server's default, 4 MB, makes a distinct count over
    100,000 rows spill to disk). Elsewhere just a transaction."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL work_mem = '{int(megabytes)}MB'")
        yield


def years_with(queryset: QuerySet, field: str) -> set[int]:
    """The years (of `core.dates.sane_years()`) in which `queryset` has a row whose date `field`
    falls, in two index-driven queries: the first and last date (two index endpoints), then one
    EXISTS probe per year between them. `Model.objects.dates(field, "year")` would read every
    row (a DISTINCT over a million aid cases takes half a second); this reads a few index pages
    per year, given an index that starts with `field`."""
    bounds = queryset.order_by().aggregate(first=Min(field), last=Max(field))
    if bounds["first"] is None:
        return set()
    years = [year for year in sane_years()
             if bounds["first"].year <= year <= bounds["last"].year]
    if not years:
        return set()
    probes, params = [], []
    for year in years:
        within = queryset.order_by().filter(
            **{f"{field}__range": (date(year, 1, 1), date(year, 12, 31))}).values("pk")
        sql, probe_params = within.query.sql_with_params()
        probes.append(f"EXISTS ({sql})")
        params.extend(probe_params)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(probes)}", params)
        found = cursor.fetchone()
    return {year for year, present in zip(years, found, strict=True) if present}
