"""Structure of a regulation: parts, BAB/Bagian/Paragraf, Pasal, ayat, huruf, and amendments.

Indonesian regulations share one layout (UU, Perppu, PKPU, Keputusan KPU): a preamble, then
after "MEMUTUSKAN" the numbered body, then "PENJELASAN ATAS …" with "PASAL DEMI PASAL". One
file can hold several bodies (UU 1/2015 enacts a Perppu and carries the whole Perppu as its
Lampiran), so the parser splits the file into bodies first and names the largest one "body":
that is the one officers ask about. An amending regulation ("Perubahan atas …") lists numbered
changes in its Pasal I; each change is kept with the article texts it brings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.pdf_reader import Line

PASAL_RE = re.compile(r"^Pasal\s+(\d+[A-Z]?)$")
ROMAN_PASAL_RE = re.compile(r"^Pasal\s+([IVXL]+)$")
AYAT_RE = re.compile(r"^\((\d+[a-z]?)\)\s*(.*)$")
HURUF_RE = re.compile(r"^([a-z]\d?)\.\s+(.*)$")
ANGKA_RE = re.compile(r"^(\d+)\.\s+(.*)$")
BAB_RE = re.compile(r"^BAB\s+([IVXLC]+[A-Z]?)\b\s*(.*)$")
BAGIAN_RE = re.compile(r"^Bagian\s+(Ke\w+)\b\s*(.*)$")
PARAGRAF_RE = re.compile(r"^Paragraf\s+(\d+[A-Z]?)\b\s*(.*)$")

# Markers that the text conversion sometimes leaves in the middle of a line.
_MIDLINE_SPLIT = re.compile(
    r"\s+(?=(?:PENJELASAN\s+ATAS\s|TAMBAHAN\s+LEMBARAN\s+NEGARA\s|LAMPIRAN\s+(?:UNDANG|PERATURAN|KEPUTUSAN)"
    r"|II\.\s+PASAL\s+DEMI\s+PASAL|Agar\s+setiap\s+orang\s+mengetahuinya|Paragraf\s+\d+[A-Z]?\s+[A-Z]))"
)
_CHANGE_VERBS = re.compile(r"\b(diubah|dihapus|disisipkan|ditambah|ditambahkan|tetap)\b", re.I)
_PASAL_REF = re.compile(r"Pasal\s+(\d+[A-Z]?)")


@dataclass
class Ayat:
    """An ayat "(1)"; the lead-in text of an article without ayat has number None."""

    number: str | None
    text: str
    items: list[tuple[str, str]] = field(default_factory=list)  # (huruf/angka, text)

    def full_text(self) -> str:
        head = f"({self.number}) {self.text}" if self.number else self.text
        lines = [head] if head else []
        lines += [f"{label}. {text}" for label, text in self.items]
        return "\n".join(lines)


@dataclass
class Article:
    """One Pasal as it stands in this document."""

    pasal: str
    part: str
    bab: str = ""
    bagian: str = ""
    paragraf: str = ""
    ayat: list[Ayat] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    change_no: int | None = None  # set for article texts brought by an amendment
    partial: bool = False  # only some ayat are given (an amendment inserting ayat)

    @property
    def text(self) -> str:
        return "\n".join(a.full_text() for a in self.ayat).strip()

    @property
    def heading(self) -> str:
        return " — ".join(h for h in (self.bab, self.bagian, self.paragraf) if h)


@dataclass
class Change:
    """One numbered change in an amending regulation's Pasal I."""

    number: int
    header: str
    kind: str  # "diubah", "dihapus", "disisipkan", "penjelasan", "bab"
    targets: list[str]  # Pasal numbers named in the header
    articles: list[Article] = field(default_factory=list)

    @property
    def deleted(self) -> list[str]:
        """Pasal deleted outright ("Ketentuan Pasal 100 dihapus.")."""
        if self.kind == "dihapus" and not self.articles:
            return self.targets
        return []


@dataclass
class ParsedRegulation:
    """All parts of one regulation file."""

    articles: list[Article]
    changes: list[Change]
    parts: list[str]

    def body(self) -> list[Article]:
        return [a for a in self.articles if a.part == "body"]


def split_midline_markers(lines: list[Line]) -> list[Line]:
    """Put part markers that ended up inside a line on lines of their own."""
    out: list[Line] = []
    for line in lines:
        for piece in _MIDLINE_SPLIT.split(line.text):
            if piece.strip():
                out.append(Line(piece.strip(), line.page))
    return out


class _Builder:
    """Walks the logical lines once, keeping the current part, headings and article."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.changes: list[Change] = []
        self.bodies: list[list[Article]] = []
        self.penjelasan: list[tuple[int, list[Article]]] = []  # (index of its body, articles)
        self.mode = "preamble"
        self.bab = self.bagian = self.paragraf = ""
        self.article: Article | None = None
        self.change: Change | None = None
        self.in_roman_pasal: str | None = None

    # -- part switches ------------------------------------------------------------------
    def start_body(self) -> None:
        self.mode = "body"
        self.bodies.append([])
        self.bab = self.bagian = self.paragraf = ""
        self.article = None
        self.change = None
        self.in_roman_pasal = None

    def start_penjelasan(self) -> None:
        self.mode = "penjelasan"
        self.penjelasan.append((len(self.bodies) - 1, []))
        self.article = None
        self.change = None
        self.in_roman_pasal = None

    def close(self) -> None:
        self.mode = "closing"
        self.article = None

    # -- lines ----------------------------------------------------------------------------
    def feed(self, line: Line) -> None:
        text = line.text
        upper = text.upper()
        if text.startswith("MEMUTUSKAN") or re.match(r"^Menetapkan\s*:", text):
            if self.mode != "body" or self._current_body_has_articles():
                self.start_body()
            return
        if upper.startswith("PENJELASAN ATAS"):
            self.start_penjelasan()
            return
        if text.startswith("Agar setiap orang mengetahuinya") or upper.startswith(
            "TAMBAHAN LEMBARAN NEGARA"
        ):
            self.close()
            return
        if self.mode == "body":
            self._feed_body(line)
        elif self.mode == "penjelasan":
            self._feed_penjelasan(line)

    def _current_body_has_articles(self) -> bool:
        return bool(self.bodies and self.bodies[-1])

    def _feed_body(self, line: Line) -> None:
        text = line.text
        roman = ROMAN_PASAL_RE.match(text)
        if roman:
            self.in_roman_pasal = roman.group(1)
            self.article = None
            self.change = None
            return
        if self.in_roman_pasal == "I" and self._starts_change(text):
            self._start_change(text)
            return
        if self.in_roman_pasal and self.change is None:
            return  # Pasal II: the closing rule of an amending regulation
        if self.change is not None:
            self._feed_change(line)
            return
        for regex, attr in ((BAB_RE, "bab"), (BAGIAN_RE, "bagian"), (PARAGRAF_RE, "paragraf")):
            if regex.match(text):
                self._set_heading(attr, text)
                return
        pasal = PASAL_RE.match(text)
        if pasal:
            self._new_article(pasal.group(1), "body", line.page)
            self.bodies[-1].append(self.article)  # type: ignore[arg-type]
            return
        if self.article is not None:
            self._add_content(line)

    def _set_heading(self, attr: str, text: str) -> None:
        if attr == "bab":
            self.bab, self.bagian, self.paragraf = text, "", ""
        elif attr == "bagian":
            self.bagian, self.paragraf = text, ""
        else:
            self.paragraf = text

    def _starts_change(self, text: str) -> bool:
        match = ANGKA_RE.match(text)
        if not match or not _CHANGE_VERBS.search(match.group(2)):
            return False
        head = match.group(2)
        if not re.match(r"^(Ketentuan|Di\s+antara|BAB|Pasal|Penjelasan)", head):
            return False
        number = int(match.group(1))
        previous = self.changes[-1].number if self.changes else 0
        return previous < number <= previous + 5

    def _start_change(self, text: str) -> None:
        match = ANGKA_RE.match(text)
        assert match is not None
        header = match.group(2)
        lowered = header.lower()
        # Targets: the Pasal the header is about. In "Di antara Pasal 22 dan Pasal 23
        # disisipkan … Pasal 22A" the first two are neighbours, not targets.
        refs = _PASAL_REF.findall(header)
        if lowered.startswith("di antara pasal"):
            refs = refs[2:]
        kind = "diubah"
        if re.match(r"^bab\b", lowered) and "dihapus" in lowered:
            kind = "bab"
        elif "tetap" in lowered and "penjelasan" in lowered:
            kind = "penjelasan"
        elif "disisipkan" in lowered and "sehingga" not in lowered.split("disisipkan")[0]:
            kind = "disisipkan"
        elif "dihapus" in lowered and "sehingga" not in lowered:
            kind = "dihapus"
        self.change = Change(int(match.group(1)), header, kind, list(dict.fromkeys(refs)))
        self.changes.append(self.change)
        self.article = None
        self.bab = self.bagian = self.paragraf = ""

    def _feed_change(self, line: Line) -> None:
        assert self.change is not None
        text = line.text
        pasal = PASAL_RE.match(text)
        if pasal:
            self._new_article(pasal.group(1), "body", line.page)
            assert self.article is not None
            self.article.change_no = self.change.number
            self.change.articles.append(self.article)
            self.bodies[-1].append(self.article)
            return
        for regex, attr in ((BAB_RE, "bab"), (BAGIAN_RE, "bagian"), (PARAGRAF_RE, "paragraf")):
            if regex.match(text):
                self._set_heading(attr, text)
                return
        if self.article is None and self.change.targets and AYAT_RE.match(text):
            # Only the inserted/changed ayat are given: a partial text of the target article.
            self._new_article(self.change.targets[-1], "body", line.page)
            assert self.article is not None
            self.article.change_no = self.change.number
            self.article.partial = True
            self.change.articles.append(self.article)
            self.bodies[-1].append(self.article)
        if self.article is not None:
            self._add_content(line)

    def _feed_penjelasan(self, line: Line) -> None:
        text = line.text
        if ROMAN_PASAL_RE.match(text) or re.match(r"^(I\.\s*UMUM|II\.\s*PASAL DEMI PASAL)", text):
            self.article = None
            return
        pasal = PASAL_RE.match(text)
        if pasal:
            self._new_article(pasal.group(1), "penjelasan", line.page)
            self.penjelasan[-1][1].append(self.article)  # type: ignore[arg-type]
            return
        if self.article is not None:
            self._add_content(line)

    def _new_article(self, number: str, part: str, page: int | None) -> None:
        self.article = Article(
            pasal=number, part=part, bab=self.bab, bagian=self.bagian, paragraf=self.paragraf
        )
        if page is not None:
            self.article.pages.append(page)
        self.articles.append(self.article)

    def _add_content(self, line: Line) -> None:
        article = self.article
        assert article is not None
        if line.page is not None and line.page not in article.pages:
            article.pages.append(line.page)
        text = line.text
        ayat = AYAT_RE.match(text)
        if ayat and article.part == "body":
            article.ayat.append(Ayat(ayat.group(1), ayat.group(2)))
            return
        item = HURUF_RE.match(text) or ANGKA_RE.match(text)
        if item and article.ayat:
            article.ayat[-1].items.append((item.group(1), item.group(2)))
            return
        if item and not article.ayat:
            article.ayat.append(Ayat(None, ""))
            article.ayat[-1].items.append((item.group(1), item.group(2)))
            return
        if not article.ayat:
            article.ayat.append(Ayat(None, text))
        elif article.ayat[-1].items:
            label, previous = article.ayat[-1].items[-1]
            article.ayat[-1].items[-1] = (label, f"{previous}\n{text}")
        else:
            joined = f"{article.ayat[-1].text}\n{text}" if article.ayat[-1].text else text
            article.ayat[-1].text = joined


def parse_regulation(lines: list[Line]) -> ParsedRegulation:
    """Split a regulation into its parts and articles, naming the largest body "body"."""
    builder = _Builder()
    for line in split_midline_markers(lines):
        builder.feed(line)
    non_empty = [i for i, b in enumerate(builder.bodies) if b]
    parts: list[str] = []
    names: dict[int, str] = {}
    if non_empty:
        main = max(non_empty, key=lambda i: len(builder.bodies[i]))
        for index in non_empty:
            names[index] = (
                "body" if index == main else ("penetapan" if index < main else "lampiran")
            )
            for article in builder.bodies[index]:
                article.part = names[index]
            parts.append(names[index])
    for owner, penjelasan in builder.penjelasan:
        if not penjelasan:
            continue
        body_name = names.get(owner, "body")
        name = "penjelasan" if body_name == "body" else f"penjelasan-{body_name}"
        for article in penjelasan:
            article.part = name
        parts.append(name)
    return ParsedRegulation(articles=builder.articles, changes=builder.changes, parts=parts)
