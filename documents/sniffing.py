"""What an uploaded file really is, read from its bytes: never from its name or the
content type the browser sent.

PDF, JPEG and PNG (and WebP) are accepted. Images are opened and fully decoded by Pillow (a
truncated or forged image is refused, and a decompression bomb is refused from its declared size
before decoding); a PDF must start with its header, end with its trailer and name no active
content (JavaScript, launch actions, embedded files).
"""

import io
import re
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"

EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", WEBP: ".webp"}
# Other spellings of an extension that still name the same type.
SAME_EXTENSION = {".jpeg": ".jpg", ".jpe": ".jpg"}
PILLOW_FORMATS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}

# Programs and scripts: refused by name so that the clerk learns what the file really was.
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf",
                    b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
# PDF names that run something or carry another file (ISO 32000-1 §12.6, §7.11.4).
ACTIVE_PDF_NAMES = {b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles",
                    b"RichMedia", b"ImportData", b"SubmitForm", b"XFA"}
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

ACCEPTED = _("Only PDF, JPEG, PNG and WebP files are accepted.")


@dataclass(frozen=True)
class Detected:
    media_type: str
    extension: str  # ".pdf", ".jpg", ".png", ".webp"

    @property
    def is_image(self) -> bool:
        return self.media_type != PDF


def detect(content: bytes) -> Detected:
    """The type of `content`, checked; a ValidationError (Chinese through the catalogue) when
    it is not an acceptable PDF or image."""
    if not content:
        raise ValidationError(_("The file is empty."), code="empty")
    if content.startswith(EXECUTABLE_MAGIC):
        raise ValidationError(
            _("This file is a program, not a document (only its name was changed); it cannot be "
              "uploaded. %(accepted)s") % {"accepted": ACCEPTED}, code="executable")
    if content.startswith(b"%PDF-"):
        check_pdf(content)
        return Detected(PDF, EXTENSIONS[PDF])
    if content.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (
            content[:4] == b"RIFF" and content[8:12] == b"WEBP"):
        media_type = check_image(content)
        return Detected(media_type, EXTENSIONS[media_type])
    raise ValidationError(
        _("The file's content is not a PDF or an image, whatever its name says. %(accepted)s")
        % {"accepted": ACCEPTED}, code="type")


def check_image(content: bytes) -> str:
    """Decode the whole image; its media type, or a ValidationError."""
    damaged = ValidationError(_("The image is damaged or incomplete; scan or photograph it "
                                "again."), code="damaged")
    try:
        with Image.open(io.BytesIO(content)) as image:
            media_type = PILLOW_FORMATS.get(image.format or "")
            if media_type is None:
                raise ValidationError(ACCEPTED, code="type")
            if image.width * image.height > settings.DOCUMENT_MAX_PIXELS:
                raise ValidationError(
                    _("The image is too large (%(width)s × %(height)s pixels); make it smaller "
                      "than %(megapixels)s megapixels.")
                    % {"width": image.width, "height": image.height,
                       "megapixels": settings.DOCUMENT_MAX_PIXELS // 1_000_000}, code="pixels")
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
            Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise damaged from error
    return media_type


def check_pdf(content: bytes) -> None:
    """A PDF with its trailer and without active content (a ValidationError otherwise)."""
    if b"%%EOF" not in content[-2048:]:
        raise ValidationError(_("The PDF is incomplete (it has no end); save or scan it again."),
                              code="damaged")
    if active_pdf_names(content):
        raise ValidationError(
            _("The PDF contains scripts, actions or attached files, which are not accepted for "
              "safety; print it to a new PDF or scan the paper instead."), code="active")


def active_pdf_names(content: bytes) -> set[bytes]:
    """The names of active content that appear in the PDF's uncompressed parts (a name may
    be spelt with #xx escapes: /J#61vaScript is /JavaScript)."""
    found = set()
    for match in _PDF_NAME.finditer(content):
        name = _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        if name in ACTIVE_PDF_NAMES:
            found.add(name)
    return found


def download_name(original: str, detected: Detected) -> str:
    """The user's file name with the extension of what the file really is."""
    stem, dot, extension = original.rpartition(".")
    extension = SAME_EXTENSION.get(f".{extension.lower()}", f".{extension.lower()}")
    if dot and stem and extension == detected.extension:
        return original
    return f"{stem if dot and stem else original}{detected.extension}"
