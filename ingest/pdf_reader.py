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

Everything here works on text only (no coordinates): pypdf's plain extraction is fast, stable
across pypdf versions, and the structure of Indonesian regulations (fixed markers, a heading
vocabulary, clauses that end in "." / ";" / ":") is strong enough to rebuild the lines from it.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum, auto
from pathlib import Path

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


@dataclass(frozen=True)
class _PageNumber:
    index: int  # position of the number's line in the page's line list
    value: str
    bare: bool  # a bare arabic number, which could also be content (a table cell, a count)


def read_pdf(path: Path) -> list[PdfPage]:
    """Extract the pages of a PDF as clean text, with the printed page number of each page.

    Raises `UnreadableDocument` (Indonesian reason) for a corrupt or non-PDF file, an encrypted
    file, and a PDF without a text layer (a scan), because each of those would otherwise produce
    an empty or partial document that silently answers nothing.
    """
    raw_pages = _extract_pages(Path(path))
    top_running, bottom_running = _running_lines(raw_pages)
    watermarks = {line for line in top_running | bottom_running if _DOMAIN.match(line)}

    margins = [_strip_margins(lines, top_running, bottom_running) for lines in raw_pages]
    accepted = _consistent_numbers(
        [(i + 1, number) for i, (_, number) in enumerate(margins) if number is not None]
    )

    bodies: list[list[str]] = []
    printed: list[str | None] = []
    for i, (lines, (removed, number)) in enumerate(zip(raw_pages, margins, strict=True)):
        drop = set(removed)
        value: str | None = None
        if number is not None and (i + 1) in accepted:
            drop.add(number.index)
            value = number.value
        bodies.append(
            [
                line
                for j, line in enumerate(lines)
                if j not in drop and line not in watermarks
            ]
        )
        printed.append(value)

    _drop_catchwords(bodies)
    _check_text_layer(bodies)
    return [
        PdfPage(number=i + 1, printed=printed[i], text=_page_text(body))
        for i, body in enumerate(bodies)
    ]


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


def _extract_pages(path: Path) -> list[list[str]]:
    """Run pypdf's text extraction on every page; each page becomes a list of normalised lines.

    Every pypdf failure (bad header, broken xref, truncated stream, broken font) is turned into
    `UnreadableDocument`; pypdf raises many exception types for damaged files, so this catches
    them broadly on purpose.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise UnreadableDocument(f"Berkas tidak dapat dibuka: {exc.strerror or exc}") from exc
    if b"%PDF-" not in head:
        raise UnreadableDocument(
            "Berkas PDF rusak atau bukan PDF: tidak ada penanda '%PDF-' di awal berkas"
        )

    pages: list[list[str]] = []
    with _quiet_pypdf():
        try:
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise UnreadableDocument("PDF terkunci kata sandi; buka kuncinya lalu unggah ulang")
            count = len(reader.pages)
        except UnreadableDocument:
            raise
        except Exception as exc:
            raise UnreadableDocument(f"Berkas PDF rusak atau bukan PDF: {_describe(exc)}") from exc
        if count == 0:
            raise UnreadableDocument("Berkas PDF rusak atau bukan PDF: tidak ada halaman")
        for number in range(1, count + 1):
            try:
                text = reader.pages[number - 1].extract_text()
            except Exception as exc:
                raise UnreadableDocument(
                    f"Berkas PDF rusak: halaman {number} tidak dapat dibaca ({_describe(exc)})"
                ) from exc
            pages.append([normalize_spaces(line) for line in text.splitlines()])
    return pages


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


def _running_lines(pages: list[list[str]]) -> tuple[set[str], set[str]]:
    """Find the lines repeated in the top (resp. bottom) margin of most pages.

    Detected per document rather than from a fixed list, because every issuer has its own
    header (the President's office, the KPU, a provincial KPU, a JDIH site). A one-page file
    gives nothing to compare, so nothing is treated as running there.
    """
    if len(pages) < 2:
        return set(), set()
    needed = max(2, math.ceil(len(pages) * _RUNNING_SHARE))
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in pages:
        nonblank = [line for line in lines if line]
        top.update({line for line in nonblank[:_TOP_MARGIN_LINES] if _looks_running(line)})
        bottom.update({line for line in nonblank[-_BOTTOM_MARGIN_LINES:] if _looks_running(line)})
    return (
        {line for line, n in top.items() if n >= needed},
        {line for line, n in bottom.items() if n >= needed},
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

    def walk(indexes: Iterable[int], running: set[str], budget: int) -> None:
        nonlocal number
        used: set[str] = set()
        for i in indexes:
            line = lines[i]
            if not line:
                continue
            if budget == 0:
                return
            budget -= 1
            if line in running and line not in used:
                used.add(line)
                removed.append(i)
                continue
            parsed = _page_number(line) if number is None else None
            if parsed is not None:
                number = _PageNumber(index=i, value=parsed[0], bare=parsed[1])
                continue
            return

    walk(range(len(lines)), top_running, _TOP_MARGIN_LINES)
    taken = set(removed) | ({number.index} if number else set())
    walk(
        (i for i in range(len(lines) - 1, -1, -1) if i not in taken),
        bottom_running,
        _BOTTOM_MARGIN_LINES,
    )
    return removed, number


def _consistent_numbers(candidates: list[tuple[int, _PageNumber]]) -> set[int]:
    """Accept the page-number candidates that are trustworthy; return their PDF page numbers.

    Dashed, roman and worded numbers are unambiguous. A bare number in the margin might be
    content (the last cell of a table), so bare numbers are kept only when their distance to the
    PDF page number agrees with the most common distance in the document (front matter and
    covers shift the printed numbers by a fixed amount), or when there are too few to compare.
    """
    bare = [(page, int(n.value)) for page, n in candidates if n.bare]
    accepted = {page for page, n in candidates if not n.bare}
    if len(bare) < 3:
        return accepted | {page for page, _ in bare}
    offsets = Counter(page - value for page, value in bare)
    best, _ = offsets.most_common(1)[0]
    return accepted | {page for page, value in bare if page - value == best}


def _drop_catchwords(bodies: list[list[str]]) -> None:
    """Remove the catchword that ends a page and repeats the next page's first words.

    Gazette pages end with e.g. "dihapus, sehingga Pasal . . ." while the next page starts with
    "dihapus, sehingga Pasal 1 berbunyi ..."; keeping it would duplicate those words across the
    page break. When the words do not match the next page, the line is real text that merely
    ends with dots, so only the dots are stripped.
    """
    for i, body in enumerate(bodies):
        last = max((j for j, line in enumerate(body) if line), default=None)
        if last is None:
            continue
        match = _CATCHWORD.match(body[last])
        if match is None:
            continue
        words = match.group("body")
        following = bodies[i + 1] if i + 1 < len(bodies) else []
        if not words or _starts_with_words(following, words):
            del body[last]
        else:
            body[last] = words


def _starts_with_words(lines: list[str], words: str) -> bool:
    """Whether `lines` begin with the words of `words` (its last word may be cut short)."""
    wanted = words.split()
    text = ""
    for line in lines:
        if len(text.split()) > len(wanted):
            break
        text = join_wrapped(text, line)
    have = normalize_spaces(text).split()
    wanted = normalize_spaces(words).split()
    if len(have) < len(wanted):
        return False
    n = len(wanted)
    return have[: n - 1] == wanted[: n - 1] and have[n - 1].startswith(wanted[n - 1])


def _check_text_layer(bodies: list[list[str]]) -> None:
    """Refuse PDFs whose pages (nearly) all lack text: scans would be indexed as empty.

    A few image-only pages (a cover, a diagram) are normal in guides, so the document is only
    refused when fewer than half of its pages carry text.
    """
    chars = [sum(len(line.replace(" ", "")) for line in body) for body in bodies]
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


def _page_text(body: list[str]) -> str:
    """Join a page's lines, keeping single blank lines (possible paragraph breaks in guides)."""
    out: list[str] = []
    for line in body:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


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
# A previous line that closes a clause: only after one can a marker or a BAB/Bagian/Paragraf
# heading start a new unit. Otherwise a wrapped "... sebagaimana dimaksud pada ayat" +
# "(2) ..." would be split into a false ayat.
_CLAUSE_END = re.compile(r"(?:[.;:]|; ?(?:dan|atau|dan/atau|serta))[\"'”’]*$")
# After these, a marker or heading always starts a new unit, whatever the punctuation.
_OPENERS = frozenset({_Kind.PASAL, _Kind.BAB, _Kind.SECTION, _Kind.FORMULA})


def _classify(line: str) -> _Kind:
    for kind, pattern in _PATTERNS:
        if pattern.match(line):
            return kind
    return _Kind.TEXT


def _physical_lines(pages: list[PdfPage]) -> Iterator[tuple[str, int]]:
    """Yield the non-blank, space-normalised lines of all pages with their PDF page number."""
    for page in pages:
        for raw in page.text.split("\n"):
            line = normalize_spaces(raw)
            if not line:
                continue
            split = _FORMULA_WITH_ITEM.match(line)
            if split:
                yield split.group(1), page.number
                yield split.group(2), page.number
            else:
                yield line, page.number


def regulation_lines(pages: list[PdfPage]) -> list[Line]:
    """Rebuild the logical lines of a regulation from its cleaned PDF pages.

    PDF layout puts a marker alone on its line ("(1)", "a.") with the text beside it, and wraps
    long clauses; the regulation parser wants one structural unit a line, exactly like the
    converted ``.md`` files. The rules:

    * "Pasal N" alone on a line is a heading, and the line after it starts the article text;
    * a marker or a BAB/Bagian/Paragraf heading starts a new line only after a line that closes
      a clause ("." ";" ":" or "; dan"), so wrapped cross-references stay in their sentence;
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
    previous = ""  # the previous physical line

    for line, page in _physical_lines(pages):
        kind = _classify(line)
        opener = current in _OPENERS or bool(_CLAUSE_END.search(previous))
        previous = line

        if current is None:
            start = True
        elif current is _Kind.MARKER:
            start = kind in (_Kind.PASAL, _Kind.BAB, _Kind.FORMULA)
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
            if current is _Kind.MARKER or current is _Kind.PASAL:
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
