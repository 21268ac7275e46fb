"""The user's file name, kept only to show and to name the download: bounded and cleaned."""

import unicodedata

from core.text import DIRECTION_CONTROLS

FILENAME_LENGTH = 150
_UNSAFE = set('/\\:*?"<>|') | DIRECTION_CONTROLS


def clean_filename(name: str) -> str:
    """The last part of `name` in NFC, without control, format or direction characters nor the
    characters file systems refuse, at most FILENAME_LENGTH characters (extension kept)."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join("_" if ch in _UNSAFE else ch for ch in name
                   if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"})
    name = " ".join(name.split()).strip(" .")
    if len(name) > FILENAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and len(extension) <= 10:
            name = f"{stem[:FILENAME_LENGTH - len(extension) - 1]}.{extension}"
        else:
            name = name[:FILENAME_LENGTH]
    return name or "document"
