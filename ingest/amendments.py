"""Which text of each article is in force, along amendment chains.

An amending regulation restates whole articles ("Ketentuan Pasal 91 diubah sehingga berbunyi
…"), deletes them ("Ketentuan Pasal 100 dihapus.") or inserts new ones ("Pasal 22A …"). The
text in force is the latest one, so every article text in the corpus gets a status: in force
("berlaku"), superseded ("diubah", with the article that replaced it) or deleted ("dihapus").
Amendments are applied in order of their year and number, so chains (UU 1/2015 ← UU 8/2015 ←
UU 10/2016; PKPU chains alike) resolve without any special case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.regulation import Article, ParsedRegulation
from knowledge.models import DocumentInfo, Status


@dataclass
class Version:
    """The status of one article text, with what a citation must say about it."""

    status: Status = "berlaku"
    base_short: str = ""  # the law being cited: "UU 1/2015"
    chain: list[str] = field(default_factory=list)  # amending laws behind this text
    replaced_by: str | None = None  # article key of the newer text
    note: str = ""  # "diubah dengan UU 8/2015 (Pasal I angka 56)"


def article_key(source: str, article: Article, ordinal: int = 0) -> str:
    """Stable key of an article text: file, part, Pasal (and an ordinal for repeats)."""
    key = f"{source}#{article.part}#{article.pasal}"
    return f"{key}#{ordinal}" if ordinal else key


def short_from_id(doc_id: str) -> str:
    """ "uu-1-2015" → "UU 1/2015" for a base law that is not in the corpus."""
    parts = doc_id.split("-")
    if len(parts) >= 3 and parts[-2].isdigit():
        return f"{'-'.join(parts[:-2]).upper()} {parts[-2]}/{parts[-1]}"
    return doc_id


def resolve(
    documents: list[tuple[DocumentInfo, ParsedRegulation]],
) -> dict[int, Version]:
    """Status of every article text, keyed by ``id(article)``.

    Articles not touched by any amendment are in force and cite their own document.
    """
    keys = keys_for(documents)
    versions: dict[int, Version] = {}
    for info, parsed in documents:
        for article in parsed.articles:
            base = info.short_name
            if info.amends and article.change_no is not None:
                base = _base_short(info.amends[0], documents)
            versions[id(article)] = Version(base_short=base)

    amending = sorted(
        (d for d in documents if d[0].amends),
        key=lambda d: (int(d[0].year or 0), int(d[0].number or 0)),
    )
    # Current holder of each base article: pasal → (article, its penjelasan or None).
    holders: dict[str, dict[str, Article | None]] = {}
    for info, parsed in documents:
        if not info.amends:
            holders[info.doc_id] = {a.pasal: a for a in parsed.body()}
    penjelasan: dict[str, dict[str, Article]] = {
        info.doc_id: {a.pasal: a for a in parsed.articles if a.part == "penjelasan"}
        for info, parsed in documents
        if not info.amends
    }

    for info, parsed in amending:
        base_id = info.amends[0]
        current = holders.setdefault(base_id, {})
        for change in parsed.changes:
            where = f"Pasal I angka {change.number}"
            for new in change.articles:
                previous = current.get(new.pasal)
                chain = list(versions[id(previous)].chain) if previous is not None else []
                if info.short_name not in chain:
                    chain.append(info.short_name)
                versions[id(new)].chain = chain
                verb = "disisipkan" if previous is None else "diubah"
                versions[id(new)].note = f"{verb} dengan {info.short_name} ({where})"
                if previous is not None and not new.partial:
                    _supersede(versions, keys, previous, new, info.short_name, where)
                    explained = penjelasan.get(base_id, {}).get(new.pasal)
                    if explained is not None:
                        _supersede(versions, keys, explained, new, info.short_name, where)
                if not new.partial:
                    current[new.pasal] = new
            for pasal in change.deleted:
                previous = current.get(pasal)
                if previous is not None:
                    version = versions[id(previous)]
                    version.status = "dihapus"
                    version.note = f"dihapus dengan {info.short_name} ({where})"
                    explained = penjelasan.get(base_id, {}).get(pasal)
                    if explained is not None:
                        versions[id(explained)].status = "dihapus"
                        versions[id(explained)].note = version.note
                current[pasal] = None
    return versions


def keys_for(documents: list[tuple[DocumentInfo, ParsedRegulation]]) -> dict[int, str]:
    """Article keys keyed by ``id(article)``, numbering repeated Pasal within a part."""
    keys: dict[int, str] = {}
    for info, parsed in documents:
        seen: dict[str, int] = {}
        for article in parsed.articles:
            slot = f"{article.part}#{article.pasal}"
            keys[id(article)] = article_key(info.source, article, seen.get(slot, 0))
            seen[slot] = seen.get(slot, 0) + 1
    return keys


def _supersede(
    versions: dict[int, Version],
    keys: dict[int, str],
    old: Article,
    new: Article,
    by: str,
    where: str,
) -> None:
    version = versions[id(old)]
    version.status = "diubah"
    version.replaced_by = keys[id(new)]
    version.note = f"diubah dengan {by} ({where})"


def _base_short(base_id: str, documents: list[tuple[DocumentInfo, ParsedRegulation]]) -> str:
    for info, _ in documents:
        if info.doc_id == base_id:
            return info.short_name
    return short_from_id(base_id)
