"""Tell what a document is from its title page: kind, number, year, title, short name, scope.

The title page of every Indonesian regulation starts the same way ("UNDANG-UNDANG REPUBLIK
INDONESIA NOMOR 8 TAHUN 2015 TENTANG …", "PERATURAN KOMISI PEMILIHAN UMUM NOMOR 17 TAHUN 2024
TENTANG …"), so a few patterns cover the real input. Whatever they get wrong, an admin fixes in
``config/documents.json`` (keyed by file name) instead of in code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from knowledge.models import DocumentInfo

_KINDS: list[tuple[str, str, str]] = [
    # (pattern on the title page, kind, short-name prefix)
    (r"PERATURAN\s+PEMERINTAH\s+PENGGANTI\s+UNDANG-\s?UNDANG", "Perppu", "Perppu"),
    (r"UNDANG-\s?UNDANG\s+REPUBLIK\s+INDONESIA", "UU", "UU"),
    (r"PERATURAN\s+KOMISI\s+PEMILIHAN\s+UMUM(?:\s+REPUBLIK\s+INDONESIA)?", "PKPU", "PKPU"),
    (
        r"KEPUTUSAN\s+KOMISI\s+PEMILIHAN\s+UMUM(?:\s+REPUBLIK\s+INDONESIA)?",
        "Keputusan KPU",
        "Keputusan KPU",
    ),
    (
        r"PERATURAN\s+BADAN\s+PENGAWAS\s+PEMILIHAN\s+UMUM(?:\s+REPUBLIK\s+INDONESIA)?",
        "Perbawaslu",
        "Perbawaslu",
    ),
]
_NUMBER_RE = r"NOMOR\s+(\d+)\s+TAHUN\s+(\d{4})"
_AMENDS_RE = re.compile(
    r"PERUBAHAN\s+(?:\w+\s+)?ATAS\s+(UNDANG-\s?UNDANG|PERATURAN\s+KOMISI\s+PEMILIHAN\s+UMUM)"
    r"\s+(?:REPUBLIK\s+INDONESIA\s+)?NOMOR\s+(\d+)\s+TAHUN\s+(\d{4})",
    re.I,
)
_PILKADA_RE = re.compile(r"GUBERNUR|BUPATI|WALI\s?KOTA|PILKADA", re.I)
_PEMILU_RE = re.compile(r"\bPEMILU\b|PEMILIHAN\s+UMUM\s+(?:TAHUN|SERENTAK|ANGGOTA|PRESIDEN)", re.I)


def doc_id(kind: str, number: str, year: str) -> str:
    """Canonical id ("uu-1-2015", "pkpu-17-2024") used to link amendments to their base."""
    prefix = {"UU": "uu", "Perppu": "perppu", "PKPU": "pkpu", "Keputusan KPU": "kpt-kpu"}.get(
        kind, kind.lower().replace(" ", "-")
    )
    return f"{prefix}-{int(number)}-{year}"


def identify(
    source: str, first_text: str, full_text: str, overrides: dict[str, Any]
) -> DocumentInfo:
    """Read the document's identity from the start of its text; apply admin overrides."""
    head = " ".join(first_text.split())[:1500]
    info = _identify_regulation(source, head) or _identify_guide(source, first_text, full_text)
    override = overrides.get(Path(source).name) or overrides.get(source)
    if override:
        fields = {k: v for k, v in override.items() if k in DocumentInfo.__dataclass_fields__}
        if "amends" in fields:
            fields["amends"] = tuple(fields["amends"])
        info = DocumentInfo(**{**info.__dict__, **fields})
    return info


def _identify_regulation(source: str, head: str) -> DocumentInfo | None:
    upper = head.upper()
    found = [
        (match, kind, prefix)
        for pattern, kind, prefix in _KINDS
        if (match := re.search(pattern + r"\s+" + _NUMBER_RE, upper)) and match.start() < 200
    ]
    # The earliest heading is the document's own; later ones are laws it names.
    for match, kind, prefix in sorted(found, key=lambda f: f[0].start())[:1]:
        number, year = match.group(1), match.group(2)
        rest = upper[match.end() :]
        title_match = re.search(r"TENTANG\s+(.*?)(?:DENGAN RAHMAT|$)", rest)
        title = title_match.group(1).strip() if title_match else ""
        amends = tuple(
            doc_id(
                "UU" if m.group(1).upper().startswith("UNDANG") else "PKPU", m.group(2), m.group(3)
            )
            for m in _AMENDS_RE.finditer(title)
        )[:1]
        scope = "pilkada" if _PILKADA_RE.search(title) else "pemilu"
        return DocumentInfo(
            source=source,
            kind=kind,
            number=number,
            year=year,
            title=_title_case(title),
            short_name=f"{prefix} {int(number)}/{year}",
            scope=scope,
            amends=amends,
            doc_id=doc_id(kind, number, year),
        )
    return None


def _identify_guide(source: str, first_text: str, full_text: str) -> DocumentInfo:
    """Training material: title from the first lines, scope from what the text talks about."""
    lines = [line.strip() for line in first_text.splitlines() if line.strip()]
    title_lines: list[str] = []
    for line in lines[:6]:
        if re.search(r"\d{1,2}\s+\w+\s+20\d\d|^\d+$", line):
            break  # a date or a page number ends the title block
        title_lines.append(line)
    title = " ".join(title_lines)[:200] or Path(source).stem
    pemilu = len(_PEMILU_RE.findall(full_text))
    pilkada = len(_PILKADA_RE.findall(full_text))
    scope = "pemilu" if pemilu >= pilkada else "pilkada"
    short = _short_title(title)
    return DocumentInfo(
        source=source,
        kind="Panduan",
        number=None,
        year=_year(full_text[:3000]),
        title=_title_case(title),
        short_name=short,
        scope=scope,
        doc_id=Path(source).stem,
    )


def _short_title(title: str) -> str:
    """ "MODUL PELATIHAN KELOMPOK … (KPPS) TAHAPAN …" → "Modul Pelatihan KPPS"."""
    text = " ".join(title.split())
    acronym = re.search(r"^(.*?)\b([A-Z][\w ]+?)\s*\(([A-Z]{2,})\)", text)
    if acronym:
        lead = acronym.group(1).strip()
        # Drop the spelled-out phrase the acronym stands for (as many words as letters).
        words = (lead + " " + acronym.group(2)).split()
        keep = words[: max(0, len(words) - len(acronym.group(3)))]
        return _title_case(" ".join([*keep, acronym.group(3)]))
    return _title_case(" ".join(text.split()[:6]))


def _year(text: str) -> str | None:
    match = re.search(r"\b(20\d\d)\b", text)
    return match.group(1) if match else None


_KEEP_UPPER = {"KPU", "KPPS", "PPS", "PPK", "TPS", "UU", "RI", "DPT", "DPTB", "DPK", "PKPU"}
_LOWER = {"dan", "atau", "di", "ke", "dari", "yang", "tentang", "atas", "dalam", "untuk", "serta"}


def _title_case(text: str) -> str:
    words = []
    for index, word in enumerate(text.split()):
        bare = word.strip("(),.")
        if bare.upper() in _KEEP_UPPER:
            words.append(word.upper())
        elif index and word.lower() in _LOWER:
            words.append(word.lower())
        else:
            words.append(
                "-".join(p.capitalize() for p in word.split("-")) if word.isupper() else word
            )
    return " ".join(words)


def load_overrides(path: Path) -> dict[str, Any]:
    """Admin corrections, keyed by file name; a missing file means none."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}
