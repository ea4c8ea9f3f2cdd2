"""Turn PDFs (and plain text) into clean page texts and the logical lines a regulation parser needs.

Official PDFs carry layout that is not part of the law: a running header on every page
("PRESIDEN / REPUBLIK INDONESIA", "KOMISI PEMILIHAN UMUM"), page numbers ("- 12 -"), a catchword
at the foot of each page that repeats the next page's first words, and site watermarks
("jdih.kpu.go.id"). If any of that leaks into the text, it ends up inside quoted articles and
breaks article boundaries, so `read_pdf` removes it -- but it keeps the printed page number,
because guides are cited by it ("Modul Pelatihan KPPS, hlm. 15").

`regulation_lines` then rebuilds the one-unit-a-line form that the converted `.md` regulations
already have (a "Pasal N" heading alone, one ayat/huruf/angka a line), so a single parser serves
both sources. `text_lines` gives the same shape for `.md`/`.txt` files.

The work is done on pypdf's plain text extraction, which is fast and stable across pypdf
versions; the structure of Indonesian regulations (fixed markers, a heading vocabulary, clauses
that end in "." / ";" / ":") is strong enough to rebuild the lines from it. The left edge of
each line is kept as a hint for the one case text cannot settle (a wrapped line that starts
with heading words), and everything still works when it is missing.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum, auto
from pathlib import Path
from typing import Any, NamedTuple

from pypdf import PdfReader

from ingest.textnorm import join_wrapped, normalize_spaces

__all__ = [
    "Line",
    "PdfPage",
    "UnreadableDocument",
    "read_pdf",
    "regulation_lines",
    "text_lines",
]


@dataclass(frozen=True)
class PdfPage:
    """One PDF page after the gazette layout (header, number, catchword, watermark) is removed."""

    number: int  # 1-based PDF page number
    printed: str | None  # page number printed on the page ("15", "- 12 -" -> "12"), if any
    text: str  # cleaned text of the page, lines separated by "\n"
    # Left edge (PDF points) of each line of `text`, None where unknown; empty when the page
    # did not come from `read_pdf`. A layout hint only: `regulation_lines` works without it.
    line_x: tuple[float | None, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Line:
    """One logical line: a heading, an ayat, a huruf/angka item, or a joined paragraph."""

    text: str
    page: int | None  # 1-based PDF page where the line starts (None for text files)


class UnreadableDocument(Exception):
    """The file cannot be turned into text; the message is an Indonesian reason for the admin.

    Raised instead of letting pypdf's own exceptions escape, so ingestion can report the file as
    failed with a reason an admin at a KPU office understands, and carry on with the others.
    """


# --------------------------------------------------------------------------------------------
# read_pdf
# --------------------------------------------------------------------------------------------

# How many non-blank lines at the top / bottom of a page count as its margin. Enough for a
# two-line header plus a page number, small enough not to reach into the body.
_TOP_MARGIN_LINES = 4
_BOTTOM_MARGIN_LINES = 3
# A running header/footer must sit in the margin of at least this share of the pages.
_RUNNING_SHARE = 0.5
# A page with fewer non-blank characters than this has no usable text layer.
_MIN_PAGE_CHARS = 20
# A running header is short; longer repeated lines are content (e.g. a table header).
_MAX_RUNNING_LEN = 60

_DOMAIN = re.compile(
    r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:go\.id|id|com|org|net)(?:/\S*)?$",
    re.IGNORECASE,
)
_DASHED_NUMBER = re.compile(r"^[-–—]\s*(\d{1,4}|[ivxlc]{1,7})\s*[-–—]$")
_BARE_NUMBER = re.compile(r"^(\d{1,4})$")
_ROMAN_NUMBER = re.compile(r"^([ivxlc]{1,7})$")
_WORDED_NUMBER = re.compile(r"^(?:Halaman|Hal\.)\s*(\d{1,4})(?:\s*(?:dari|/)\s*\d{1,4})?$")
# A catchword ends with three dots (". . ." in gazettes, "..." or "…" elsewhere).
_CATCHWORD = re.compile(r"^(?P<body>.*?)\s*(?:(?:\.\s*){3,}|…)$")

_log = logging.getLogger(__name__)


class _Row(NamedTuple):
    text: str  # a space-normalised physical line
    x: float | None  # its left edge in PDF points, if known


@dataclass(frozen=True)
class _PageNumber:
    indexes: tuple[int, ...]  # position(s) of the number's line(s) in the page's line list
    value: str
    bare: bool  # a bare arabic number, which could also be content (a table cell, a count)


def read_pdf(path: Path) -> list[PdfPage]:
    """Extract the pages of a PDF as clean text, with the printed page number of each page.

    Raises `UnreadableDocument` (Indonesian reason) for a corrupt or non-PDF file, an encrypted
    file, and a PDF without a text layer (a scan), because each of those would otherwise produce
    an empty or partial document that silently answers nothing.
    """
    raw_pages, raw_x = _extract_pages(Path(path))
    top_running, bottom_running, watermarks = _running_lines(raw_pages)

    margins = [_strip_margins(lines, top_running, bottom_running) for lines in raw_pages]
    accepted = _consistent_numbers(
        [(i + 1, number) for i, (_, number) in enumerate(margins) if number is not None]
    )

    bodies: list[list[_Row]] = []
    printed: list[str | None] = []
    for i, (removed, number) in enumerate(margins):
        drop = set(removed)
        value: str | None = None
        if number is not None and (i + 1) in accepted:
            drop.update(number.indexes)
            value = number.value
        bodies.append(
            [
                _Row(line, x)
                for j, (line, x) in enumerate(zip(raw_pages[i], raw_x[i], strict=True))
                if j not in drop and line not in watermarks
            ]
        )
        printed.append(value)

    _drop_catchwords(bodies)
    _check_text_layer(bodies)
    pages = []
    for i, body in enumerate(bodies):
        rows = _page_rows(body)
        pages.append(
            PdfPage(
                number=i + 1,
                printed=printed[i],
                text="\n".join(row.text for row in rows),
                line_x=tuple(row.x for row in rows),
            )
        )
    return pages


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's warnings ("Ignoring wrong pointing object ...") while reading.

    The KPU's own modules trigger them although their text is fine; in an ingestion log they
    read like errors and bury real problems. pypdf logs under the "pypdf" logger tree, so
    raising that logger's level silences every module of it for the duration of the read.
    """
    logger = logging.getLogger("pypdf")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _extract_pages(path: Path) -> tuple[list[list[str]], list[list[float | None]]]:
    """Run pypdf's text extraction on every page; each page becomes a list of normalised lines.

    Alongside, the left edge of each line is recorded (see `_lines_with_x`); it is what tells a
    heading from a wrapped line that merely starts with "Paragraf 2 ...".

    Every pypdf failure (bad header, broken xref, truncated stream, broken font) is turned into
    `UnreadableDocument`; pypdf raises many exception types for damaged files, so this catches
    them broadly on purpose.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError as exc:
        raise UnreadableDocument(f"Berkas tidak ditemukan: {path.name}") from exc
    except OSError as exc:
        raise UnreadableDocument(
            f"Berkas tidak dapat dibuka (rincian teknis: {_describe(exc)})"
        ) from exc
    if b"%PDF-" not in head:
        # The PDF standard puts the header in the first 1024 bytes; anything else is not a PDF
        # (an empty upload, a Word file renamed to .pdf, an HTML error page saved as .pdf).
        raise UnreadableDocument(
            "Berkas PDF rusak atau bukan PDF: penanda '%PDF-' tidak ada di awal berkas"
        )

    pages: list[list[str]] = []
    xs: list[list[float | None]] = []
    with _quiet_pypdf():
        try:
            reader = PdfReader(path, strict=False)
            encrypted = reader.is_encrypted
        except Exception as exc:
            raise UnreadableDocument(
                f"Berkas PDF rusak, terpotong, atau bukan PDF (rincian teknis: {_describe(exc)})"
            ) from exc
        if encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:
                opened = False
            if not opened:
                raise UnreadableDocument(
                    "PDF terkunci atau terenkripsi; simpan ulang tanpa kata sandi lalu unggah lagi"
                )
        try:
            count = len(reader.pages)
        except Exception as exc:
            raise UnreadableDocument(
                f"Berkas PDF rusak, terpotong, atau bukan PDF (rincian teknis: {_describe(exc)})"
            ) from exc
        if count == 0:
            raise UnreadableDocument("Berkas PDF rusak: tidak ada halaman di dalamnya")
        for number in range(1, count + 1):
            try:
                lines, line_x = _lines_with_x(reader.pages[number - 1])
            except Exception as exc:
                raise UnreadableDocument(
                    f"Berkas PDF rusak: halaman {number} tidak dapat dibaca "
                    f"(rincian teknis: {_describe(exc)})"
                ) from exc
            pages.append([normalize_spaces(line) for line in lines])
            xs.append(line_x)
    return pages, xs


def _lines_with_x(page: Any) -> tuple[list[str], list[float | None]]:
    """Extract a page's text lines and the x where each line's first text run starts.

    pypdf's visitor receives the output in the order it is assembled, each piece with its text
    and graphics matrices, so the pieces concatenate to exactly the extracted text. A line whose
    start falls inside a piece (after an embedded newline) gets None. If the pieces ever do not
    add up to the text (another pypdf version), the positions are dropped, never the text.
    """
    pieces: list[tuple[str, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        # x of the run's origin in page space: the text matrix's origin mapped through the CTM.
        x = float(tm[4]) * float(cm[0]) + float(tm[5]) * float(cm[2]) + float(cm[4])
        pieces.append((text, x))

    text: str = page.extract_text(visitor_text=visit)
    lines = text.split("\n")
    if "".join(piece for piece, _ in pieces) != text:
        return lines, [None] * len(lines)
    xs: list[float | None] = [None]
    started = [False]  # whether the current line has non-blank text yet
    for piece, x in pieces:
        for k, segment in enumerate(piece.split("\n")):
            if k > 0:
                xs.append(None)
                started.append(False)
            if segment.strip() and not started[-1]:
                started[-1] = True
                xs[-1] = x if k == 0 else None
    return lines, xs


def _describe(exc: Exception) -> str:
    """A short, single-line description of a pypdf exception for an admin-facing reason."""
    message = normalize_spaces(str(exc)) or type(exc).__name__
    return message[:200]


def _looks_running(line: str) -> bool:
    """Whether a repeated margin line may be a running header/footer or a watermark.

    Only ALL-CAPS lines without digits ("PRESIDEN", "KOMISI PEMILIHAN UMUM") and web addresses
    qualify: a repeated slide title that carries a counter ("... SUARA (4)") or a repeated table
    header in mixed case ("No Substansi Pengaturan Penjelasan") is content and must stay.
    """
    if _DOMAIN.match(line):
        return True
    if not line or len(line) > _MAX_RUNNING_LEN or any(ch.isdigit() for ch in line):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and not any(ch.islower() for ch in letters)


def _running_lines(pages: list[list[str]]) -> tuple[set[str], set[str], set[str]]:
    """Find the running headers, running footers and watermarks of a document.

    Headers (footers) are lines repeated in the top (bottom) margin of most pages; watermarks
    are web addresses repeated anywhere on most pages (a diagonal stamp lands mid-page).
    Detected per document rather than from a fixed list, because every issuer has its own
    header (the President's office, the KPU, a provincial KPU, a JDIH site). A one-page file
    gives nothing to compare, so nothing is treated as running there.
    """
    if len(pages) < 2:
        return set(), set(), set()
    needed = max(2, math.ceil(len(pages) * _RUNNING_SHARE))
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    for lines in pages:
        nonblank = [line for line in lines if line]
        top.update({line for line in nonblank[:_TOP_MARGIN_LINES] if _looks_running(line)})
        bottom.update({line for line in nonblank[-_BOTTOM_MARGIN_LINES:] if _looks_running(line)})
        anywhere.update({line for line in nonblank if _DOMAIN.match(line)})
    return (
        {line for line, n in top.items() if n >= needed},
        {line for line, n in bottom.items() if n >= needed},
        {line for line, n in anywhere.items() if n >= needed},
    )


def _page_number(line: str) -> tuple[str, bool] | None:
    """Parse a page-number line ("- 12 -", "12", "ii", "Halaman 3 dari 10") into its value."""
    for pattern, bare in (
        (_DASHED_NUMBER, False),
        (_BARE_NUMBER, True),
        (_ROMAN_NUMBER, False),
        (_WORDED_NUMBER, False),
    ):
        match = pattern.match(line)
        if match:
            return match.group(1), bare
    return None


def _strip_margins(
    lines: list[str], top_running: set[str], bottom_running: set[str]
) -> tuple[list[int], _PageNumber | None]:
    """Find the running-header/footer lines and the page number in a page's margins.

    Walks inward from the top and then from the bottom and stops at the first line that is
    neither, so a body line that happens to read like the header ("REPUBLIK INDONESIA") is only
    removed when it really sits in the margin. Each header line is removed at most once a page.
    Returns the indexes to remove and the page-number candidate (removed only if accepted).
    """
    removed: list[int] = []
    number: _PageNumber | None = None

    def walk(order: list[int], running: set[str], budget: int) -> None:
        nonlocal number
        used: set[str] = set()
        order = [i for i in order if lines[i]]
        for pos, i in enumerate(order[:budget]):
            line = lines[i]
            if line in running and line not in used:
                used.add(line)
                removed.append(i)
                continue
            parsed = _page_number(line) if number is None else None
            if parsed is None:
                return
            value, bare = parsed
            indexes: tuple[int, ...] = (i,)
            # A slide's number in a narrow text box comes out one digit a line ("1", "7").
            following = order[pos + 1] if pos + 1 < len(order) else None
            if bare and following is not None and _BARE_NUMBER.match(lines[following]):
                pair = sorted((i, following))
                joined = lines[pair[0]] + lines[pair[1]]
                if len(joined) <= 4:
                    value, indexes = joined, (i, following)
            number = _PageNumber(indexes=indexes, value=value, bare=bare)
            if len(indexes) > 1:
                return

    walk(list(range(len(lines))), top_running, _TOP_MARGIN_LINES)
    taken = set(removed) | set(number.indexes if number else ())
    walk(
        [i for i in range(len(lines) - 1, -1, -1) if i not in taken],
        bottom_running,
        _BOTTOM_MARGIN_LINES,
    )
    return removed, number


def _consistent_numbers(candidates: list[tuple[int, _PageNumber]]) -> set[int]:
    """Accept the page-number candidates that are trustworthy; return their PDF page numbers.

    Dashed, roman and worded numbers are unambiguous. A bare number in the margin might be
    content (the last cell of a table), so bare numbers are kept only when their distance to the
    PDF page number agrees with the most common distance in the document (front matter and
    covers shift printed numbers by a fixed amount, and never ahead of the PDF's own count).
    """
    bare = [(page, int(n.value)) for page, n in candidates if n.bare]
    accepted = {page for page, n in candidates if not n.bare}
    if not bare:
        return accepted
    offsets = Counter(page - value for page, value in bare)
    best, votes = offsets.most_common(1)[0]
    if votes < 2:
        # No agreement to go by: keep only numbers that can be printed page numbers at all.
        return accepted | {page for page, value in bare if 0 < value <= page}
    return accepted | {page for page, value in bare if page - value == best and value > 0}


def _drop_catchwords(bodies: list[list[_Row]]) -> None:
    """Remove the catchword that ends a page and repeats the next page's first words.

    Gazette pages end with e.g. "dihapus, sehingga Pasal . . ." while the next page starts with
    "dihapus, sehingga Pasal 1 berbunyi ..."; keeping it would duplicate those words across the
    page break. When the words do not match the next page, the line is real text that merely
    ends with dots, so only the dots are stripped.
    """
    for i, body in enumerate(bodies):
        last = max((j for j, row in enumerate(body) if row.text), default=None)
        if last is None:
            continue
        match = _CATCHWORD.match(body[last].text)
        if match is None:
            continue
        words = match.group("body")
        following = [row.text for row in bodies[i + 1]] if i + 1 < len(bodies) else []
        if not words or _starts_with_words(following, words):
            del body[last]
        else:
            body[last] = body[last]._replace(text=words)


def _starts_with_words(lines: list[str], words: str) -> bool:
    """Whether `lines` begin with the words of `words` (its last word may be cut short)."""
    wanted = normalize_spaces(words).split()
    text = ""
    for line in lines:
        if len(text.split()) > len(wanted):
            break
        text = join_wrapped(text, line)
    have = normalize_spaces(text).split()
    n = len(wanted)
    if n == 0 or len(have) < n:
        return False
    return have[: n - 1] == wanted[: n - 1] and have[n - 1].startswith(wanted[n - 1])


def _check_text_layer(bodies: list[list[_Row]]) -> None:
    """Refuse PDFs whose pages (nearly) all lack text: scans would be indexed as empty.

    A few image-only pages (a cover, a diagram) are normal in guides, so the document is only
    refused when fewer than half of its pages carry text.
    """
    chars = [sum(len(row.text.replace(" ", "")) for row in body) for body in bodies]
    with_text = sum(1 for n in chars if n >= _MIN_PAGE_CHARS)
    if with_text == 0:
        raise UnreadableDocument("PDF tidak memiliki lapisan teks (hasil pindaian?)")
    if with_text * 2 < len(bodies):
        raise UnreadableDocument(
            f"Hanya {with_text} dari {len(bodies)} halaman PDF yang memiliki lapisan teks "
            "(sebagian hasil pindaian?)"
        )
    blank = [str(i + 1) for i, n in enumerate(chars) if n < _MIN_PAGE_CHARS]
    if blank:
        _log.debug("pages without text: %s", ", ".join(blank))


def _page_rows(body: list[_Row]) -> list[_Row]:
    """A page's final lines: single blank lines kept (possible paragraph breaks in guides)."""
    out: list[_Row] = []
    for row in body:
        if row.text or (out and out[-1].text):
            out.append(row)
    while out and not out[-1].text:
        out.pop()
    return out


# --------------------------------------------------------------------------------------------
# regulation_lines / text_lines
# --------------------------------------------------------------------------------------------


class _Kind(Enum):
    PASAL = auto()  # "Pasal 91", "Pasal 22B", "Pasal II": a heading alone on its line
    BAB = auto()  # "BAB XIII" (+ title, possibly wrapped over several upper-case lines)
    SECTION = auto()  # "Bagian Kesatu ...", "Paragraf 2 ..."
    MARKER = auto()  # a bare "(1)", "a.", "12." whose text is on the next line
    ITEM = auto()  # "(1) text", "a. text", "12. text"
    FORMULA = auto()  # the fixed clauses of a regulation's opening and closing
    TEXT = auto()  # anything else: a continuation unless the context says otherwise


_MARK = r"(?:\(\d{1,3}[a-z]?\)|[a-z]\.|\d{1,3}[a-z]?\.)"
_PATTERNS: tuple[tuple[_Kind, re.Pattern[str]], ...] = (
    (_Kind.PASAL, re.compile(r"^Pasal \d{1,4}[A-Z]?$|^Pasal [IVXLC]{1,7}$")),
    (_Kind.BAB, re.compile(r"^BAB [IVXLC]{1,8}\b")),
    (_Kind.SECTION, re.compile(r"^Bagian Ke[a-z]+\b|^Bagian Pertama\b|^Paragraf \d{1,3}\b")),
    (_Kind.MARKER, re.compile(rf"^{_MARK}$")),
    (_Kind.ITEM, re.compile(rf"^{_MARK} ")),
    (
        _Kind.FORMULA,
        re.compile(
            r"^DENGAN RAHMAT TUHAN YANG MAHA ESA"
            r"|^(?:Menimbang|Mengingat|Memperhatikan|Menetapkan) ?(?::|$)"
            r"|^MEMUTUSKAN ?:?$"
            r"|^Agar setiap orang mengetahuinya\b"
        ),
    ),
)
# "Menimbang : a. bahwa ..." on one PDF line -> "Menimbang :" and "a. bahwa ...".
_FORMULA_WITH_ITEM = re.compile(rf"^((?:Menimbang|Mengingat|Memperhatikan) ?:) ({_MARK} .*)$")
# Text that closes a clause: only after one can a marker or a BAB/Bagian/Paragraf heading start
# a new unit. Otherwise a wrapped "... sebagaimana dimaksud pada ayat" + "(2) ..." would be
# split into a false ayat. Checked on the logical line so far, not the last physical line,
# because a wrap can leave "dan" alone on a line after "...;".
_CLAUSE_END = re.compile(r"(?:[.;:]|; ?(?:dan|atau|dan/atau|serta))[\"'”’]*$")
# Two left edges closer than this (PDF points) are the same indent.
_SAME_X = 1.5
# After these, a marker or heading always starts a new unit, whatever the punctuation.
_OPENERS = frozenset({_Kind.PASAL, _Kind.BAB, _Kind.SECTION, _Kind.FORMULA})


def _classify(line: str) -> _Kind:
    for kind, pattern in _PATTERNS:
        if pattern.match(line):
            return kind
    return _Kind.TEXT


class _Physical(NamedTuple):
    text: str  # space-normalised, non-blank
    page: int  # 1-based PDF page number
    x: float | None  # left edge, if known
    indented: bool  # starts right of the page's text margin


def _physical_lines(pages: list[PdfPage]) -> Iterator[_Physical]:
    """Yield the non-blank, space-normalised lines of all pages with their page and position."""
    for page in pages:
        raws = page.text.split("\n")
        xs: tuple[float | None, ...] = page.line_x
        if len(xs) != len(raws):
            xs = (None,) * len(raws)
        known = [x for raw, x in zip(raws, xs, strict=True) if x is not None and raw.strip()]
        margin = min(known, default=0.0)
        for raw, x in zip(raws, xs, strict=True):
            line = normalize_spaces(raw)
            if not line:
                continue
            indented = x is not None and x > margin + _SAME_X
            split = _FORMULA_WITH_ITEM.match(line)
            if split:
                yield _Physical(split.group(1), page.number, x, indented)
                yield _Physical(split.group(2), page.number, None, False)
            else:
                yield _Physical(line, page.number, x, indented)


def _aligned_wrap(line: _Physical, previous: _Physical | None) -> bool:
    """Whether `line` sits at the same indented left edge as the line before it.

    That is the shape of a wrapped paragraph inside an ayat or item (its body hangs at an
    indent), never of a BAB/Bagian/Paragraf heading, which is centred or at the margin. It
    keeps "... diatur dengan Peraturan Mahkamah Agung." + "Paragraf 4 Sentra ..." together
    when the words "Paragraf 4" were only wrapped to the start of a line.
    """
    return (
        previous is not None
        and line.indented
        and line.x is not None
        and previous.x is not None
        and abs(line.x - previous.x) <= _SAME_X
    )


def regulation_lines(pages: list[PdfPage]) -> list[Line]:
    """Rebuild the logical lines of a regulation from its cleaned PDF pages.

    PDF layout puts a marker alone on its line ("(1)", "a.") with the text beside it, and wraps
    long clauses; the regulation parser wants one structural unit a line, exactly like the
    converted ``.md`` files. The rules:

    * "Pasal N" alone on a line is a heading, and the line after it starts the article text;
    * a marker or a BAB/Bagian/Paragraf heading starts a new line only after text that closes
      a clause ("." ";" ":" or "; dan"), so wrapped cross-references stay in their sentence;
      and a BAB/Bagian/Paragraf line aligned with the indented line above it (when positions
      are known) is a wrapped line of that item, not a heading;
    * a bare marker is joined with the text that follows it;
    * a BAB title continues over the following upper-case lines, a Bagian/Paragraf title over
      the following lines up to the next structural line;
    * the fixed opening/closing clauses (Menimbang, Mengingat, MEMUTUSKAN, Menetapkan, "Agar
      setiap orang mengetahuinya") start lines of their own;
    * everything else continues the current line, across page breaks too, with hyphenation
      repaired.
    """
    out: list[Line] = []
    text = ""
    page_of_text: int | None = None
    current: _Kind | None = None
    previous: _Physical | None = None

    for physical in _physical_lines(pages):
        line, page = physical.text, physical.page
        kind = _classify(line)
        opener = current in _OPENERS or bool(_CLAUSE_END.search(text))
        if kind in (_Kind.BAB, _Kind.SECTION) and _aligned_wrap(physical, previous):
            kind = _Kind.TEXT
        previous = physical

        if current is None:
            start = True
        elif current is _Kind.MARKER:
            start = kind in (_Kind.PASAL, _Kind.FORMULA)
        elif kind in (_Kind.PASAL, _Kind.FORMULA):
            start = True
        elif kind in (_Kind.BAB, _Kind.SECTION, _Kind.MARKER, _Kind.ITEM):
            start = opener
        elif current is _Kind.PASAL:
            start = True
        elif current is _Kind.BAB:
            start = any(ch.islower() for ch in line)
        else:
            start = False

        if start:
            if text:
                out.append(Line(text=normalize_spaces(text), page=page_of_text))
            text, page_of_text = line, page
            current = _Kind.TEXT if kind is _Kind.ITEM else kind
        else:
            text = join_wrapped(text, line)
            if current is _Kind.MARKER:
                current = _Kind.TEXT

    if text:
        out.append(Line(text=normalize_spaces(text), page=page_of_text))
    return out


def text_lines(text: str) -> list[Line]:
    """Logical lines of a ``.md``/``.txt`` regulation: it already has one unit a line.

    Only whitespace is normalised and empty lines dropped, so the result has the same shape as
    `regulation_lines` gives for the PDF of the same text.
    """
    lines = (normalize_spaces(raw) for raw in text.splitlines())
    return [Line(text=line, page=None) for line in lines if line]
