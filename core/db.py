"""Small database helpers that differ by vendor."""

from contextlib import contextmanager

from django.db import connection, transaction


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
