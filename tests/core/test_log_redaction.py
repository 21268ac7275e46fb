"""The logs' safety net (core.redaction): every configured handler masks ID-number shapes."""

import io
import logging
import sys

import pytest
from django.conf import settings

from core.redaction import MaskIdNumbers, mask_id_shapes
from tests.security.pii_logs import IdNumberWatch

ID = "511011197503159032"
OLD_ID = "511011750315903"  # a first-generation card: 15 digits
ARABIC_INDIC = ID.translate({ord("0") + i: 0x0660 + i for i in range(10)})


@pytest.mark.parametrize(("text", "masked"), [
    (f"Key (id_number)=({ID}) already exists.", "Key (id_number)=(511011********9032) already"
                                                " exists."),
    ("身份证号51101119750315903X。", "身份证号511011********903X。"),
    (f"q={OLD_ID}&page=2", "q=511011*****5903&page=2"),
    (ARABIC_INDIC, ARABIC_INDIC[:6] + "********" + ARABIC_INDIC[-4:]),
    ("an account 12345678901234567890 is longer", "an account 12345678901234567890 is longer"),
    ("14 digits 12345678901234 stay", "14 digits 12345678901234 stay"),
])
def test_id_number_shapes_are_masked_and_nothing_else(text, masked):
    assert mask_id_shapes(text) == masked


def record(msg, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("gonghui.test", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_the_filter_masks_the_arguments_and_lets_the_record_through():
    entry = record("worker %s (%d) saved", ID, 3)
    assert MaskIdNumbers().filter(entry) is True
    assert entry.getMessage() == "worker 511011********9032 (3) saved"


def test_the_filter_masks_an_integer_argument():
    entry = record("number %d", int(ID))
    MaskIdNumbers().filter(entry)
    assert ID not in entry.getMessage()


def test_the_filter_masks_the_exception_and_the_stack():
    try:
        raise ValueError(f"Key (id_number)=({ID}) already exists.")
    except ValueError:
        entry = record("Internal Server Error: /aid/workers/new/", exc_info=sys.exc_info())
    entry.stack_info = f"Stack (most recent call last):\n  value={ID}"
    MaskIdNumbers().filter(entry)
    text = logging.Formatter().format(entry)
    assert ID not in text
    assert "511011********9032" in text
    assert "ValueError" in text


def test_the_filter_leaves_a_record_without_numbers_alone():
    error = ValueError("no number here")
    entry = record("saved %s", "union 3", exc_info=(ValueError, error, None))
    MaskIdNumbers().filter(entry)
    assert entry.args == ("union 3",)
    assert entry.exc_info[1] is error


def test_every_handler_in_the_settings_has_the_filter():
    handlers = settings.LOGGING["handlers"]
    assert handlers
    for name, handler in handlers.items():
        assert "mask_id_numbers" in handler["filters"], name
    assert settings.LOGGING["filters"]["mask_id_numbers"]["()"] == "core.redaction.MaskIdNumbers"


def configured_handlers() -> list[logging.Handler]:
    """Every handler on a logger now, but pytest's own and the test run's ID watch."""
    loggers = [logging.getLogger(), *(logging.getLogger(name)
                                      for name in logging.Logger.manager.loggerDict)]
    return [handler for logger in loggers for handler in logger.handlers
            if not type(handler).__module__.startswith("_pytest")
            and not isinstance(handler, IdNumberWatch)]


def test_every_handler_the_loggers_use_has_the_filter():
    # Django's own default handlers (runserver's `django.server`) included: they are replaced.
    handlers = configured_handlers()
    names = {logger for logger in ("", "django", "django.server", "django.request")
             if logging.getLogger(logger).handlers}
    assert {"", "django", "django.server"} <= names
    for handler in handlers:
        assert any(isinstance(f, MaskIdNumbers) for f in handler.filters), handler


def test_a_database_error_logged_by_django_reaches_stderr_masked():
    stderr = next(h for h in logging.getLogger("django").handlers
                  if isinstance(h, logging.StreamHandler))
    out = io.StringIO()
    previous = stderr.setStream(out)
    logger = logging.getLogger("django.request")
    propagate = logger.propagate
    try:
        try:
            raise RuntimeError(f'duplicate key value violates unique constraint\n'
                               f'DETAIL:  Key (id_number)=({ID}) already exists.')
        except RuntimeError:
            # What Django logs for an unhandled error; kept from the test run's watch, which
            # fails the run on any unmasked number (this one is masked by the handler only).
            logger.propagate = False
            logger.handlers.append(stderr)
            try:
                logger.error("Internal Server Error: %s", "/aid/workers/new/", exc_info=True)
            finally:
                logger.handlers.remove(stderr)
    finally:
        logger.propagate = propagate
        stderr.setStream(previous)
    written = out.getvalue()
    assert "Internal Server Error" in written
    assert "511011********9032" in written
    assert ID not in written
