"""Structure of training material (bimtek modules, slide decks): pages and their headings.

Guides have no Pasal; officers cite them by the page number printed on the page ("Modul
Pelatihan KPPS, hlm. 15"), so the page stays the unit and each page carries the headings it
falls under (BAB I, A., 1.) as context for retrieval and for the officer reading the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ingest.pdf_reader import PdfPage
from ingest.textnorm import normalize_spaces

_HEADING_RES = [
    re.compile(r"^BAB\s+[IVX]+\b.*$"),
    re.compile(
        r"^[A-H]\.\s+[A-Z]{3,}\s[A-Z][A-Z ,/()-]{2,}$"
    ),  # "B. PEMBERITAHUAN PEMUNGUTAN SUARA"
    re.compile(r"^\d{1,2}\.\s+[A-Z][\w ,/()-]{3,60}$"),  # "1. Pengumuman Hari Pemungutan Suara"
]


@dataclass(frozen=True)
class GuidePage:
    number: int  # 1-based PDF page
    printed: str | None  # page number printed on the page
    heading: str  # the headings this page falls under, outermost first
    text: str
    # The heading trail in force where the page starts (offset -1) and after each heading the
    # page opens (its offset in ``text``): a chunk half-way down the page falls under the
    # headings opened above it, not under the page's.
    marks: tuple[tuple[int, str], ...] = ()

    def heading_at(self, start: int, leading: int) -> str:
        """The headings of the text from ``start``, counting those opened up to ``leading``
        (where its own heading lines end: "D. PENYIAPAN TPS" opening a chunk heads it)."""
        trails = [trail for offset, trail in self.marks if offset <= max(start, leading)]
        return trails[-1] if trails else self.heading


def guide_pages(pages: list[PdfPage]) -> list[GuidePage]:
    """Pages with readable text and the heading trail in force at the start of each page."""
    trail: list[str] = ["", "", ""]
    result: list[GuidePage] = []
    for page in pages:
        trail[2] = ""  # numbered items ("1. …") head only their own page: in slide tables
        # they are rows, and carrying them over would mislabel the next slide
        start_trail = [h for h in trail if h]
        lines = [normalize_spaces(line) for line in page.text.splitlines()]
        lines = [line for line in lines if line]
        text = reflow(lines)
        marks = [(-1, " › ".join(start_trail))]
        cursor = 0
        for line, after in pairwise([*lines, ""]):
            for level, regex in enumerate(_HEADING_RES):
                if regex.match(line) and _reads_as_heading(line, after, level):
                    trail[level] = line
                    for deeper in range(level + 1, len(trail)):
                        trail[deeper] = ""
                    offset = text.find(line, cursor)  # reflow only joins lines
                    if offset >= 0:
                        cursor = offset + len(line)
                        marks.append((offset, " › ".join(h for h in trail if h)))
                    break
        # A page's own first heading describes it better than the one it continues.
        own = [h for h in trail if h]
        heading = " › ".join(
            own if own != start_trail and _starts_with_heading(lines) else start_trail or own
        )
        result.append(GuidePage(page.number, page.printed, heading, text, tuple(marks)))
    return result


_ITEM_START = re.compile(
    r"^(?:[a-z]\)|\d{1,2}\)|[a-z]\.|\d{1,2}\.|\(\w{1,3}\)|[-•▪●]|BAB\s|[A-H]\.\s)"
)


def reflow(lines: list[str]) -> str:
    """Join lines the PDF wrapped, keeping list items and headings on lines of their own,
    so a quoted passage reads as sentences on a phone rather than as the page's layout."""
    out: list[str] = []
    for line in lines:
        starts_item = bool(_ITEM_START.match(line))
        open_line = bool(out) and not starts_item and not out[-1].endswith((":", ".", ";"))
        if open_line and (line[:1].islower() or len(out[-1]) > 40):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


# Words a title leaves in lower case ("Penjelasan tentang Tata Cara Pemberian Suara").
_TITLE_SMALL_WORDS = frozenset(
    {"yang", "di", "ke", "dari", "dan", "atau", "oleh", "untuk", "pada", "dalam", "tentang"}
    | {"dengan", "bagi", "kepada", "saat"}
)


def _reads_as_heading(line: str, after: str, level: int) -> bool:
    """Whether a line shaped like a heading is one, not a table-of-contents entry ("BAB I
    PENDAHULUAN ......") or a numbered list item ("2. Pemilih yang menjadi tahanan
    sementara, keluarga pemilih yang …"). A title capitalises its words; an item is a sentence.
    Only the first two words count: slide tables run a row's title into its text ("4. TPS
    Relokasi Dalam hal terjadi bencana alam, …")."""
    if line.endswith((";", ",")) or "....." in line or "....." in after:
        return False
    if level < 2:
        return True  # "BAB …" and "A. CAPITALS" cannot be sentences
    words = [w for w in line.split()[1:] if w.lower() not in _TITLE_SMALL_WORDS]
    return all(w[:1].isupper() for w in words[:2])


def _starts_with_heading(lines: list[str]) -> bool:
    return any(
        regex.match(line) and _reads_as_heading(line, after, level)
        for line, after in list(pairwise([*lines, ""]))[:3]
        for level, regex in enumerate(_HEADING_RES)
    )
