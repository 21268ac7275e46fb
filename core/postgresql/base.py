"""Django's PostgreSQL backend with deadlines: a database that stops answering costs seconds.

settings.py points `ENGINE` here when DATABASE_URL is PostgreSQL and gives libpq its connect
timeout, TCP keepalives and (in the web server) the server's statement timeout. What those leave
open is a kept connection to a server that accepted it and then went silent (a stalled proxy or
network, a hung host): the health check that starts every request on it would wait until
gunicorn kills the worker. Here it waits at most `HEALTH_CHECK_TIMEOUT` seconds, and any round
trip at most `ROUND_TRIP_TIMEOUT` (when set: the statement timeout plus a margin, so the server
cancels a merely slow statement first). A wait that expires closes the connection and raises
OperationalError: the friendly 503 page (core.views.server_error).
"""

import psycopg
from django.db.backends.postgresql import base
from psycopg import errors


class DeadlineConnection(psycopg.Connection):
    """A psycopg connection whose every wait for the server ends after `deadline` seconds."""

    deadline: float | None = None

    def wait(self, gen, interval: float = 0.1, timeout: float | None = None):
        if timeout is not None or self.deadline is None:  # a caller's own timeout is theirs
            return super().wait(gen, interval=interval, timeout=timeout)
        try:
            return super().wait(gen, interval=interval, timeout=self.deadline)
        except errors._WaitTimeout:  # psycopg's own "timeout expired" (Connection.wait)
            self.pgconn.finish()  # halfway through a round trip: the connection is unusable
            raise errors.OperationalError(
                f"the database did not answer within {self.deadline:g} s; connection closed",
            ) from None


class _Psycopg:
    """The psycopg module as Django's backend uses it, connecting DeadlineConnections."""

    connect = staticmethod(DeadlineConnection.connect)

    def __getattr__(self, name: str):
        return getattr(psycopg, name)


class DatabaseWrapper(base.DatabaseWrapper):
    Database = _Psycopg()

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.deadline = self.settings_dict.get("ROUND_TRIP_TIMEOUT")
        return connection

    def is_usable(self) -> bool:
        """Django's health check (`SELECT 1`), answered within HEALTH_CHECK_TIMEOUT or failed."""
        if self.connection is None:
            return False
        kept = self.connection.deadline
        self.connection.deadline = self.settings_dict.get("HEALTH_CHECK_TIMEOUT", kept)
        try:
            return super().is_usable()
        finally:
            self.connection.deadline = kept
