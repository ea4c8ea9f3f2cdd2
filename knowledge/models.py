"""The document and chunk model shared by ingestion and the bot.

Why a plain dataclass model: chunks travel through Chroma metadata, JSON files and the batch
output, so every field is a simple type (``to_metadata`` flattens the tuples for Chroma).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Literal

Part = str  # "body", "penjelasan", "penetapan", "penjelasan-penetapan", "guide"
Status = Literal["berlaku", "diubah", "dihapus"]


@dataclass(frozen=True)
class DocumentInfo:
    """What a document is, read from its title page (or ``config/documents.json``)."""

    source: str  # path relative to the corpus folder, with "/" separators
    kind: str  # "UU", "Perppu", "PKPU", "Keputusan KPU", "Peraturan", "Panduan"
    number: str | None
    year: str | None
    title: str
    short_name: str  # "UU 8/2015", "PKPU 17/2024", "Modul Pelatihan KPPS"
    scope: str  # "pilkada" or "pemilu": which election the document governs
    amends: tuple[str, ...] = ()  # canonical ids ("uu-1-2015") of the laws it amends
    doc_id: str = ""  # canonical id, e.g. "uu-1-2015" or "pkpu-17-2024"

    @property
    def is_guide(self) -> bool:
        return self.kind == "Panduan"


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage with everything needed to quote and cite it."""

    id: str
    source: str
    doc_short: str
    part: Part
    pasal: str | None
    ayat: str | None
    huruf: str | None
    pages: tuple[int, ...]  # 1-based PDF pages; empty for text files
    printed_pages: tuple[str, ...]  # page numbers printed on a guide's pages
    heading: str  # context: BAB / Bagian titles, or a guide's section headings
    text: str  # the passage as quoted to the officer
    citation: str  # "Pasal 91 ayat (1) UU 1/2015 sebagaimana diubah dengan UU 8/2015"
    status: Status
    article_key: str  # groups the chunks of one article (or one guide page)
    scope: str
    replaced_by: str | None = None  # article_key of the in-force version, if any
    change_note: str = ""  # "diubah dengan UU 8/2015 (angka 56)" etc.

    @property
    def in_force(self) -> bool:
        return self.status == "berlaku"

    @property
    def index_text(self) -> str:
        """What the keyword index sees: the passage with its headings.

        The document name is left out on purpose: the same ayat restated by an amendment then
        has the same text and is embedded once.
        """
        where = f"Pasal {self.pasal}" if self.pasal else ""
        context = " ".join(p for p in (self.heading, where) if p)
        return f"{context}. {self.text}" if context else self.text

    def to_metadata(self) -> dict[str, str | int | float | bool]:
        """Flatten for Chroma (which accepts only scalars)."""
        data = asdict(self)
        data.pop("text")
        data["pages"] = json.dumps(list(self.pages))
        data["printed_pages"] = json.dumps(list(self.printed_pages))
        return {k: ("" if v is None else v) for k, v in data.items()}


@dataclass
class ArticleRecord:
    """A whole article (or guide page) for "Teks lengkap" and direct "pasal 91" look-ups."""

    key: str
    source: str
    doc_short: str
    part: Part
    pasal: str | None
    title: str  # "Pasal 91" or "Modul Pelatihan KPPS, hlm. 15"
    heading: str
    text: str
    citation: str
    status: Status
    scope: str
    pages: tuple[int, ...] = ()
    replaced_by: str | None = None
    change_note: str = ""
    chunk_ids: list[str] = field(default_factory=list)

    @property
    def in_force(self) -> bool:
        return self.status == "berlaku"
