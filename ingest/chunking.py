"""Cut documents into retrievable chunks that carry their citation.

Sizing follows how officers ask: one rule is usually one ayat (or one huruf of a long list),
so an ayat is the unit; a short Pasal stays whole because its ayat only make sense together.
Every chunk knows its article, so the whole Pasal is one look-up away ("📖 Teks lengkap").
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ingest.amendments import Version, article_key
from ingest.guide import GuidePage
from ingest.regulation import Article, Ayat, ParsedRegulation
from knowledge.models import ArticleRecord, Chunk, DocumentInfo

WHOLE_ARTICLE_CHARS = 800  # a Pasal up to this size is one chunk
AYAT_CHARS = 1200  # an ayat up to this size keeps its huruf list together


def _digest(text: str, size: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def _chunk_id(source: str, position: str, text: str) -> str:
    """Stable id: the document, the position in it, and a hash of the text."""
    return f"{_digest(source, 8)}-{position}-{_digest(text)}"


def citation(
    pasal: str | None,
    ayat: str | None,
    item: str | None,
    part: str,
    version: Version,
) -> str:
    """ "Pasal 91 ayat (1) huruf a UU 1/2015 sebagaimana diubah dengan UU 8/2015"."""
    where = f"Pasal {pasal}"
    if ayat:
        where += f" ayat ({ayat})"
    if item:
        where += f" {'angka' if item[0].isdigit() else 'huruf'} {item}"
    law = version.base_short
    if part.startswith("penjelasan"):
        where = f"Penjelasan {where}"
    elif part != "body":
        law = f"{law} (bagian {part})"
    text = f"{where} {law}"
    if version.chain and version.status == "berlaku":
        text += " sebagaimana diubah dengan " + " dan ".join(version.chain)
    elif version.status == "diubah":
        text += f" — teks lama, {version.note}"
    elif version.status == "dihapus":
        text += f" — {version.note}"
    return text


def regulation_chunks(
    info: DocumentInfo,
    parsed: ParsedRegulation,
    versions: dict[int, Version],
    keys: dict[int, str],
    headings: dict[str, str],
) -> tuple[list[Chunk], list[ArticleRecord]]:
    """Chunks and whole-article records of one regulation."""
    chunks: list[Chunk] = []
    records: list[ArticleRecord] = []
    for article in parsed.articles:
        if not article.text or _says_nothing(article):
            continue
        version = versions[id(article)]
        key = keys.get(id(article), article_key(info.source, article))
        heading = article.heading or heading_for(headings, article.pasal)
        pieces = _pieces(article)
        made: list[Chunk] = []
        for index, (ayat, item, text) in enumerate(pieces):
            made.append(
                Chunk(
                    id=_chunk_id(info.source, f"{article.part}-{article.pasal}-{index}", text),
                    source=info.source,
                    doc_short=info.short_name,
                    part=article.part,
                    pasal=article.pasal,
                    ayat=ayat,
                    huruf=item,
                    pages=tuple(article.pages),
                    printed_pages=(),
                    heading=heading,
                    text=text,
                    citation=citation(article.pasal, ayat, item, article.part, version),
                    status=version.status,
                    article_key=key,
                    scope=info.scope,
                    replaced_by=version.replaced_by,
                    change_note=version.note,
                )
            )
        chunks += made
        records.append(
            ArticleRecord(
                key=key,
                source=info.source,
                doc_short=info.short_name,
                part=article.part,
                pasal=article.pasal,
                title=f"Pasal {article.pasal}",
                heading=heading,
                text=article.text,
                citation=citation(article.pasal, None, None, article.part, version),
                status=version.status,
                scope=info.scope,
                pages=tuple(article.pages),
                replaced_by=version.replaced_by,
                change_note=version.note,
                chunk_ids=[c.id for c in made],
            )
        )
    return chunks, records


def _says_nothing(article: Article) -> bool:
    """Penjelasan entries such as "Cukup jelas." explain nothing and only add noise."""
    return (
        article.part.startswith("penjelasan")
        and len(article.text) < 40
        and ("cukup jelas" in article.text.lower() or article.text.lower().startswith("dihapus"))
    )


def _pieces(article: Article) -> list[tuple[str | None, str | None, str]]:
    """(ayat, huruf/angka, text) pieces of an article, sized for retrieval."""
    if len(article.text) <= WHOLE_ARTICLE_CHARS:
        return [(None, None, article.text)]
    pieces: list[tuple[str | None, str | None, str]] = []
    for ayat in article.ayat:
        pieces += _ayat_pieces(ayat)
    return pieces


def _ayat_pieces(ayat: Ayat) -> list[tuple[str | None, str | None, str]]:
    full = ayat.full_text()
    if len(full) <= AYAT_CHARS or not ayat.items:
        return [(ayat.number, None, full)]
    lead = f"({ayat.number}) {ayat.text}" if ayat.number else ayat.text
    pieces: list[tuple[str | None, str | None, str]] = []
    group: list[tuple[str, str]] = []
    # Keep short items together (a list of one-liners is one rule), split long ones.
    for label, text in ayat.items:
        group.append((label, text))
        size = len(lead) + sum(len(t) + 4 for _, t in group)
        if size > AYAT_CHARS // 2 or len(text) > 250:
            pieces.append(_group_piece(ayat.number, lead, group))
            group = []
    if group:
        pieces.append(_group_piece(ayat.number, lead, group))
    return pieces


def _group_piece(
    ayat: str | None, lead: str, group: list[tuple[str, str]]
) -> tuple[str | None, str | None, str]:
    body = "\n".join(f"{label}. {text}" for label, text in group)
    text = f"{lead}\n{body}" if lead else body
    return (ayat, group[0][0] if len(group) == 1 else None, text)


# Raised whenever chunk boundaries, texts or headings change: an index built by an older version
# is then re-chunked on the next ingest (vectors of unchanged texts are still reused).
CHUNKING_VERSION = 7

# A line that opens a sub-section of a guide page: "d. Anggota KPPS Keempat bertugas:",
# "2. Penjelasan Tentang Pembagian Tugas". A list item ("a. penyiapan TPS;") is not one.
_SECTION_RE = re.compile(r"^(?:[a-z]|\d{1,2})\.\s+[A-Z]")
GUIDE_CHUNK_CHARS = 900
_MIN_SECTION_CHARS = 200  # shorter sections join the next one: too little to answer alone
_MIN_PIECE_CHARS = 60  # a split-off scrap (a table header) joins a neighbouring piece
_SENTENCE_END = re.compile(r"[.;:!?)]\s*$")
_MAX_DANGLING_CHARS = 12


def guide_sections(text: str, carried: str = "") -> list[tuple[str, str]]:
    """A page's text cut at its sub-section lines, as (label, text) pairs.

    The label is the sub-section line a piece falls under, for context ("d. Anggota KPPS
    Keempat bertugas:" heads its items 1)–5)). Text before the first sub-section line
    continues the one ``carried`` over from the previous page.
    """
    sections: list[tuple[str, list[str]]] = [(carried, [])]
    for line in text.splitlines():
        if _SECTION_RE.match(line) and not line.rstrip().endswith((";", ",")):
            sections.append((_title(line), [line]))
        elif len(sections) == 1 and carried and _same_level(line, carried):
            # "g. anggota KPPS Ketujuh …;" closes the carried "e. Anggota KPPS Kelima …".
            sections.append(("", [line]))
        else:
            sections[-1][1].append(line)
    return [(label, "\n".join(lines)) for label, lines in sections if lines]


_ITEM_MARKER = re.compile(r"^(?:([a-z])|(\d{1,2}))\.\s")


_TITLE_WORDS = 10


def _title(line: str) -> str:
    """The title part of a sub-section line. The PDF often runs the first paragraph into it
    ("5. Membuka kotak suara dan … Setelah membuka …"); repeated in every chunk's heading, that
    paragraph would make each chunk of the section match its words."""
    words = line.strip().split()
    cut = next((i + 1 for i, w in enumerate(words) if w.endswith((".", ":")) and i > 0), None)
    return " ".join(words[: min(cut or _TITLE_WORDS, _TITLE_WORDS)])


def _same_level(line: str, label: str) -> bool:
    """Both start with a letter item ("e. ") or both with a number item ("2. ")."""
    a, b = _ITEM_MARKER.match(line), _ITEM_MARKER.match(label)
    return bool(a and b and bool(a.group(1)) == bool(b.group(1)))


def _join_scraps(pieces: list[str]) -> list[str]:
    """Scraps the splitter leaves join a neighbour.

    A scrap that ends no sentence (a table's "NO" header cell, alone or as a piece's last
    line) opens what follows, so it joins the next piece: a quote must not end in the first
    cell of a table. Other tiny pieces join the piece before them.
    """
    pieces = list(pieces)
    for i in range(len(pieces) - 1):
        body, _, last = pieces[i].rpartition("\n")
        if body and _dangling(last):
            pieces[i], pieces[i + 1] = body, _glue(last, pieces[i + 1])
    joined: list[str] = []
    carry = ""
    for position, piece in enumerate(pieces):
        piece = _glue(carry, piece) if carry else piece
        carry = ""
        if len(piece) >= _MIN_PIECE_CHARS:
            joined.append(piece)
        elif joined and (not _dangling(piece) or position == len(pieces) - 1):
            joined[-1] = f"{joined[-1]}\n{piece}"
        else:
            carry = piece
    if carry:
        joined.append(carry)
    return joined


def _dangling(line: str) -> bool:
    return len(line.strip()) <= _MAX_DANGLING_CHARS and not _SENTENCE_END.search(line)


def _glue(scrap: str, piece: str) -> str:
    """ "NO" + ". NAMA BARANG" reads "NO. NAMA BARANG"; other scraps keep their own line."""
    return f"{scrap}{piece}" if piece.startswith((".", ",")) else f"{scrap}\n{piece}"


def _pack_sections(sections: list[tuple[str, str]], splitter: Any) -> list[tuple[str, str]]:
    """(label, text) chunks: whole sections, small ones joined, long ones split."""
    packed: list[tuple[str, str]] = []
    pending_label, pending = "", ""
    for label, text in sections:
        if pending:
            text = f"{pending}\n{text}"
            label = pending_label
        if len(text) < _MIN_SECTION_CHARS:
            pending_label, pending = label, text
            continue
        pending_label, pending = "", ""
        packed += [(label, piece) for piece in _join_scraps(splitter.split_text(text))]
    if pending:
        if packed and len(packed[-1][1]) + len(pending) <= GUIDE_CHUNK_CHARS:
            packed[-1] = (packed[-1][0], f"{packed[-1][1]}\n{pending}")
        else:
            packed.append((pending_label, pending))
    return packed


def guide_chunks(
    info: DocumentInfo, pages: list[GuidePage]
) -> tuple[list[Chunk], list[ArticleRecord]]:
    """A guide is cited by page, so chunks never cross a page. Within a page, chunks follow
    its sub-sections, so "the tasks of KPPS member 5" is one chunk headed by that line."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=GUIDE_CHUNK_CHARS,
        chunk_overlap=150,
        separators=["\n\n", "\n", "; ", ". ", " "],
    )
    chunks: list[Chunk] = []
    records: list[ArticleRecord] = []
    carried, carried_under = "", ""
    for page in pages:
        if not page.text.strip():
            continue
        where = f"hlm. {page.printed}" if page.printed else f"hlm. {page.number} (PDF)"
        cite = f"{info.short_name}, {where}"
        key = f"{info.source}#page#{page.number}"
        # A sub-section carries over only while the page stays under the same headings.
        sections = guide_sections(page.text, carried if carried_under == page.heading else "")
        if sections:
            carried, carried_under = sections[-1][0], page.heading
        made = []
        cursor = 0
        for index, (label, text) in enumerate(_pack_sections(sections, splitter)):
            start = page.text.find(text[:80], cursor) if index else -1
            if start < 0:  # the first chunk, or a scrap glued on ("NO" + ". NAMA")
                page_heading = page.heading
            else:
                cursor = start + 1
                page_heading = page.heading_at(start, _leading_end(page, start, text))
            # The sub-section line joins the heading when the chunk does not start with it
            # and the page's headings do not already end with it.
            own = label and not text.startswith(label) and label not in page_heading
            heading = " › ".join(h for h in (page_heading, label if own else "") if h)
            made.append(
                Chunk(
                    id=_chunk_id(info.source, f"p{page.number}-{index}", text),
                    source=info.source,
                    doc_short=info.short_name,
                    part="body",
                    pasal=None,
                    ayat=None,
                    huruf=None,
                    pages=(page.number,),
                    printed_pages=(page.printed,) if page.printed else (),
                    heading=heading,
                    text=text,
                    citation=cite,
                    status="berlaku",
                    article_key=key,
                    scope=info.scope,
                )
            )
        chunks += made
        records.append(
            ArticleRecord(
                key=key,
                source=info.source,
                doc_short=info.short_name,
                part="body",
                pasal=None,
                title=f"{info.short_name}, {where}",
                heading=page.heading,
                text=page.text,
                citation=cite,
                status="berlaku",
                scope=info.scope,
                pages=(page.number,),
                chunk_ids=[c.id for c in made],
            )
        )
    return chunks, records


EMBED_CHARS = 700  # e5 reads the start of a passage best; the rest costs time, not recall


def embed_text(chunk: Chunk) -> str:
    """What the embedder sees: ``Chunk.index_text`` cut to the part e5 uses well."""
    text = chunk.index_text
    if len(text) <= EMBED_CHARS:
        return text
    cut = text.rfind(" ", 0, EMBED_CHARS)
    return text[: cut if cut > 0 else EMBED_CHARS]


def _leading_end(page: GuidePage, start: int, text: str) -> int:
    """Where the heading lines a chunk opens with start their last one (``start`` if none):
    lines where the page opens a heading, and the all-capital title lines between them."""
    opened = {offset for offset, _ in page.marks}
    leading, position = start, start
    for line in text.split("\n"):
        if position not in opened and not line.isupper():
            break
        leading = position
        position += len(line) + 1
    return leading


def heading_lookup(base: ParsedRegulation | None) -> dict[str, str]:
    """BAB/Bagian headings of a base law's articles, lent to amending texts of the same Pasal.

    Keys are Pasal numbers; ``heading_for`` finds the heading of an inserted Pasal (22A) from
    the article it follows.
    """
    if base is None:
        return {}
    return {a.pasal: a.heading for a in base.body() if a.heading}


def heading_for(headings: dict[str, str], pasal: str) -> str:
    """The heading of ``pasal`` or, for an inserted one, of the nearest article before it."""
    if pasal in headings:
        return headings[pasal]
    before = [p for p in headings if _pasal_order(p) <= _pasal_order(pasal)]
    return headings[max(before, key=_pasal_order)] if before else ""


def _pasal_order(pasal: str) -> tuple[int, str]:
    match = re.match(r"(\d+)([A-Z]*)", pasal)
    return (int(match.group(1)), match.group(2)) if match else (0, pasal)
