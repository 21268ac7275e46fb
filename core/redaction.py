"""The logs' safety net: nothing shaped like a resident ID number reaches a log handler whole.

Code never logs an ID number on purpose (tests/security/pii_logs.py fails the suite if it does);
this filter, on every handler of settings.LOGGING, masks what slips through all the same: a
database error quoting a row (`Key (id_number)=(…) already exists`), a query string, a value in
an exception. It masks shapes, without checking the check digit: 18 characters (17 digits and a
digit or X) and the 15 digits of first-generation ID cards, in the digits of any script.
"""

import logging
import re

# `\d` is any script's decimal digit; a longer run of digits is not an ID number.
ID_SHAPE = re.compile(r"(?<!\d)(?:\d{17}[\dXx\uff38\uff58]|\d{15})(?!\d)")


def mask_id_shapes(text: str) -> str:
    """Each ID-number-shaped run as its first 6 and last 4 characters, asterisks between."""
    return ID_SHAPE.sub(lambda m: m[0][:6] + "*" * (len(m[0]) - 10) + m[0][-4:], text)


class MaskIdNumbers(logging.Filter):
    """A logging filter that masks ID-number shapes in the message, its arguments, the
    exception and the stack of every record it sees (and lets every record through)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: logging reports its raw parts, masked here
            message = f"{record.msg} {record.args}"
        masked = mask_id_shapes(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info:
            trace = record.exc_text or logging.Formatter().formatException(record.exc_info)
            masked = mask_id_shapes(trace)
            if masked != trace:  # formatters print exc_text; nothing may read the raw error
                record.exc_text, record.exc_info = masked, None
        elif record.exc_text:
            record.exc_text = mask_id_shapes(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_id_shapes(record.stack_info)
        return True
