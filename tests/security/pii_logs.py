"""A session-wide watch on the logs: no record emitted during the test run may hold a resident
ID number (DESIGN §3.2: ID numbers are never written to logs).

`tests/conftest.py` imports the fixture below, so it covers the whole suite, live-server threads
included; the run fails at its end if any record held a valid 18-character ID number.
"""

import logging
import re

import pytest

from aid.validators import mask_id_number, resident_id_checksum

ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")


def id_numbers_in(text: str) -> list[str]:
    """Every well-formed resident ID number (checksum included) in a text."""
    return [m for m in ID_PATTERN.findall(text) if resident_id_checksum(m[:17]) == m[17].upper()]


class IdNumberWatch(logging.Handler):
    """Keeps (logger, masked number) for every record whose text holds an ID number."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.found: list[tuple[str, str]] = []
        self.formatter_ = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a malformed record still gets its raw parts checked
            text = f"{record.msg} {record.args}"
        if record.exc_info:
            text += self.formatter_.formatException(record.exc_info)
        for number in id_numbers_in(text):
            self.found.append((record.name, mask_id_number(number)))


def watched_loggers() -> list[logging.Logger]:
    """The root logger and every configured logger that does not pass records up to it."""
    loggers = [logging.getLogger()]
    for name, logger in logging.Logger.manager.loggerDict.items():
        if isinstance(logger, logging.Logger) and not logger.propagate:
            loggers.append(logging.getLogger(name))
    return loggers


@pytest.fixture(scope="session", autouse=True)
def _no_id_numbers_in_logs():
    watch = IdNumberWatch()
    loggers = watched_loggers()
    for logger in loggers:
        # First among the handlers: it reads each record before core.redaction's filter (on
        # the configured handlers) masks it, so code that logs a number is caught, not hidden.
        logger.handlers.insert(0, watch)
    yield watch
    for logger in loggers:
        logger.removeHandler(watch)
    if watch.found:
        pytest.fail("ID numbers were written to the logs during the test run: "
                    + ", ".join(f"{name}: {masked}" for name, masked in watch.found),
                    pytrace=False)
