"""Reading the summary's pages and files in tests."""

import io
import re

from docx import Document

from reports.models import Summary


def visible_text(html: str) -> str:
    """The document's words as a reader sees them, without the year-earlier column beside."""
    html = re.sub(r'<div class="col-lg-4 summary-comparison[^"]*"[^>]*>.*?</div>', "", html,
                  flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


def word_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def narrative_data(summary: Summary) -> dict:
    """The edit form as it opens on `summary`."""
    names = (*Summary.NARRATIVE_FIELDS, *Summary.HEADING_FIELDS, *Summary.LEAD_FIELDS)
    data = {name: getattr(summary, name) for name in names}
    data.update(signed_on=summary.signed_on.isoformat() if summary.signed_on else "",
                dropped=list(summary.dropped), version=summary.version)
    return data
