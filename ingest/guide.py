"""Structure of training material (bimtek modules, slide decks): pages and their headings.

Guides have no Pasal; officers cite them by the page number printed on the page ("Modul
Pelatihan KPPS, hlm. 15"), so the page stays the unit and each page carries the headings it
falls under (BAB I, A., 1.) as context for retrieval and for the officer reading the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.pdf_reader import PdfPage
from ingest.textnorm import normalize_spaces

_HEADING_RES = [
    re.compile(r"^BAB\s+[IVX]+\b.*$"),
    re.compile(r"^[A-H]\.\s+[A-Z][A-Z ,/()-]{3,}$"),  # "B. PEMBERITAHUAN PEMUNGUTAN SUARA"
    re.compile(r"^\d{1,2}\.\s+[A-Z][\w ,/()-]{3,60}$"),  # "1. Pengumuman Hari Pemungutan Suara"
]


@dataclass(frozen=True)
class GuidePage:
    number: int  # 1-based PDF page
    printed: str | None  # page number printed on the page
    heading: str  # the headings this page falls under, outermost first
    text: str


def guide_pages(pages: list[PdfPage]) -> list[GuidePage]:
    """Pages with readable text and the heading trail in force at the start of each page."""
    trail: list[str] = ["", "", ""]
    result: list[GuidePage] = []
    for page in pages:
        start_trail = [h for h in trail if h]
        lines = [normalize_spaces(line) for line in page.text.splitlines()]
        lines = [line for line in lines if line]
        for line in lines:
            for level, regex in enumerate(_HEADING_RES):
                if regex.match(line) and not line.endswith((";", ",")):
                    trail[level] = line
                    for deeper in range(level + 1, len(trail)):
                        trail[deeper] = ""
                    break
        # A page's own first heading describes it better than the one it continues.
        own = [h for h in trail if h]
        heading = " › ".join(
            own if own != start_trail and _starts_with_heading(lines) else start_trail or own
        )
        result.append(GuidePage(page.number, page.printed, heading, "\n".join(lines)))
    return result


def _starts_with_heading(lines: list[str]) -> bool:
    return any(regex.match(line) for line in lines[:3] for regex in _HEADING_RES)
