"""Text typed in other scripts, for the tests of core.text.

Written by code point: full-width and Arabic-Indic digits look like ASCII ones (which is the
whole point), so they are spelled out here rather than pasted.
"""

ARABIC_INDIC = 0x0660
EXTENDED_ARABIC_INDIC = 0x06F0  # Persian and Urdu
DEVANAGARI = 0x0966
FULL_WIDTH = 0xFF10
MATHEMATICAL_BOLD = 0x1D7CE


def in_script(text: str, zero: int) -> str:
    """`text` with its ASCII digits written in the script whose zero is `zero`."""
    return text.translate({ord("0") + i: zero + i for i in range(10)})


def full_width(text: str) -> str:
    """`text` with every printable ASCII character in its full-width form (as Chinese input
    methods type them), spaces as ideographic spaces."""
    return "".join("\u3000" if ch == " " else chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch
                   for ch in text)
