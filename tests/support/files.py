"""Small files for upload tests, made in memory: a valid one-page PDF, PNG and JPEG images, and
the things that must be refused (a program under a document's name, a PDF with a script)."""

import io

from PIL import Image


def pdf_bytes(text: str = "proof", extra: bytes = b"") -> bytes:
    """A valid one-page PDF (with a correct cross-reference table); `extra` goes into the
    catalogue dictionary (e.g. b"/OpenAction << /S /JavaScript /JS (alert(1)) >>")."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
              f"%%EOF\n".encode())
    return out.getvalue()


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (600, 400),
                color: str = "steelblue") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def png_bytes(**kwargs) -> bytes:
    return image_bytes("PNG", **kwargs)


def jpeg_bytes(**kwargs) -> bytes:
    return image_bytes("JPEG", **kwargs)


# A Windows program's and a Linux program's first bytes, padded like a real header.
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
