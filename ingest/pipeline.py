"""Corpus folder → index: read, structure, resolve amendments, chunk, embed, swap in.

Incremental by design: files are compared with the last build by content hash, and vectors are
reused for every chunk text seen before, so an unchanged corpus finishes in about a second and
a changed file costs only its own new texts. Amendments make documents depend on each other
(adding UU 8/2015 changes which text of UU 1/2015 is in force), so structure and citations are
rebuilt for the whole corpus each time; that part is cheap, embedding is what is saved.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ingest.amendments import keys_for, resolve
from ingest.chunking import (
    CHUNKING_VERSION,
    embed_text,
    guide_chunks,
    heading_lookup,
    regulation_chunks,
)
from ingest.guide import guide_pages
from ingest.identify import identify, load_overrides
from ingest.pdf_reader import PdfPage, UnreadableDocument, read_pdf, regulation_lines, text_lines
from ingest.regulation import ParsedRegulation, parse_regulation
from knowledge.embeddings import embedder_name, make_embedder
from knowledge.index import IndexMissing, load_generation, write_generation
from knowledge.keyword import tokenize
from knowledge.models import ArticleRecord, Chunk, DocumentInfo
from knowledge.query import Normalizer
from knowledge.settings import Settings

log = logging.getLogger(__name__)

SUPPORTED = (".pdf", ".md", ".txt")
EMBED_BATCH = 32


@dataclass
class DocumentReport:
    source: str
    status: str  # added / updated / unchanged / removed / failed
    chunks: int = 0
    articles: int = 0
    error: str | None = None


@dataclass
class IngestReport:
    """What one run did; ``to_json`` is the stable ``--report`` form (DESIGN.md)."""

    documents: list[DocumentReport] = field(default_factory=list)
    seconds: float = 0.0
    embedded: int = 0
    chunks: int = 0
    dry_run: bool = False
    warnings: dict[str, list[str]] = field(default_factory=dict)
    structure: dict[str, str] = field(default_factory=dict)  # one line per document (dry run)

    def count(self, status: str) -> int:
        return sum(1 for d in self.documents if d.status == status)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": [asdict(d) for d in self.documents],
            "added": self.count("added"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "removed": self.count("removed"),
            "failed": self.count("failed"),
            "seconds": round(self.seconds, 2),
        }

    def summary_id(self) -> str:
        """A short Indonesian summary for admins (console and Telegram)."""
        lines = [
            f"Ingest selesai dalam {self.seconds:.1f} detik: {self.count('added')} baru, "
            f"{self.count('updated')} diperbarui, {self.count('unchanged')} tetap, "
            f"{self.count('removed')} dihapus, {self.count('failed')} gagal.",
            f"Indeks: {self.chunks} potongan teks; {self.embedded} di-embed ulang.",
        ]
        if self.dry_run:
            lines[0] = "Uji coba (tidak ada yang ditulis): " + lines[0]
        for doc in self.documents:
            if doc.status == "failed":
                lines.append(f"❌ {doc.source}: {doc.error}")
        for source, warnings in sorted(self.warnings.items()):
            lines += [f"⚠️ {source}: {warning}" for warning in warnings]
        return "\n".join(lines)


@dataclass
class LoadedDocument:
    info: DocumentInfo
    sha256: str
    parsed: ParsedRegulation | None = None
    chunks: list[Chunk] = field(default_factory=list)
    articles: list[ArticleRecord] = field(default_factory=list)
    guide_pages: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Documents in the corpus folder (its README is for admins, not for officers)."""
    if not corpus_dir.is_dir():
        return []
    return sorted(
        p
        for p in corpus_dir.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUPPORTED
        and p.name.lower() != "readme.md"
        and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts)
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_document(path: Path, source: str, sha: str, overrides: dict[str, Any]) -> LoadedDocument:
    """Read and structure one file; raises UnreadableDocument with an Indonesian reason."""
    if path.suffix.lower() == ".pdf":
        pages = read_pdf(path)
        full = "\n".join(p.text for p in pages)
        info = identify(source, "\n".join(p.text for p in pages[:2]), full, overrides)
        lines = [] if info.is_guide else regulation_lines(pages)
    else:
        try:
            full = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise UnreadableDocument(f"Berkas teks bukan UTF-8: {error}") from error
        pages = [PdfPage(1, None, full)]
        info = identify(source, full[:3000], full, overrides)
        lines = [] if info.is_guide else text_lines(full)
    if info.is_guide:
        return LoadedDocument(info, sha, guide_pages=guide_pages(pages))
    parsed = parse_regulation(lines)
    if parsed.body():
        return LoadedDocument(info, sha, parsed=parsed)
    # A regulation whose articles could not be found is still searched, page by page,
    # rather than silently indexed as nothing.
    doc = LoadedDocument(replace(info, kind="Panduan"), sha, guide_pages=guide_pages(pages))
    doc.warnings.append(
        "Tidak ada Pasal yang ditemukan (judul terbaca sebagai "
        f"{info.short_name}); dokumen diindeks per halaman. Periksa berkasnya atau "
        "koreksi di config/documents.json."
    )
    return doc


def describe(doc: LoadedDocument) -> str:
    """What the parser made of a document, for admins checking a new file (``--dry-run``)."""
    info = doc.info
    head = f"{info.short_name} [{info.kind}, {info.scope}]"
    if doc.parsed is None:
        printed = sum(1 for p in doc.guide_pages if p.printed)
        return f"{head}: {len(doc.guide_pages)} halaman ({printed} dengan nomor cetak)"
    parts: dict[str, int] = {}
    for article in doc.parsed.articles:
        parts[article.part] = parts.get(article.part, 0) + 1
    statuses: dict[str, int] = {}
    for record in doc.articles:
        if record.part == "body":
            statuses[record.status] = statuses.get(record.status, 0) + 1
    text = f"{head}: " + ", ".join(f"{name} {count} pasal" for name, count in parts.items())
    if doc.parsed.changes:
        text += f"; {len(doc.parsed.changes)} butir perubahan atas {', '.join(info.amends)}"
    text += "; status batang tubuh: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
    return text


def build_chunks(documents: list[LoadedDocument]) -> None:
    """Resolve amendments across the corpus, then chunk every document."""
    regulations = [(d.info, d.parsed) for d in documents if d.parsed is not None]
    versions = resolve(regulations)
    keys = keys_for(regulations)
    by_id = {d.info.doc_id: d for d in documents}
    for doc in documents:
        if doc.parsed is None:
            doc.chunks, doc.articles = guide_chunks(doc.info, doc.guide_pages)
            continue
        base = by_id.get(doc.info.amends[0]) if doc.info.amends else doc
        headings = heading_lookup(base.parsed if base is not None else None)
        doc.chunks, doc.articles = regulation_chunks(doc.info, doc.parsed, versions, keys, headings)


def run_ingest(
    settings: Settings,
    *,
    rebuild: bool = False,
    dry_run: bool = False,
    progress: bool = False,
) -> IngestReport:
    """Ingest ``settings.corpus_dir`` into the index; see the module docstring."""
    started = time.perf_counter()
    report = IngestReport(dry_run=dry_run)
    corpus = settings.corpus_dir
    files = corpus_files(corpus)
    try:
        previous = None if rebuild else load_generation(settings.index_path)
    except (IndexMissing, OSError, ValueError, KeyError):
        previous = None
    embedder_spec = settings.embedding
    old_files: dict[str, dict[str, Any]] = previous.manifest.get("files", {}) if previous else {}
    if previous is not None and previous.manifest.get("embedding") != embedder_spec:
        log.info("Embedder changed: re-embedding everything")
        previous = None
        old_files = {}

    stamps = {_source(p, corpus): _stamp(p) for p in files}
    old_stamps = {s: f.get("stamp") for s, f in old_files.items()}
    nothing_new = (
        previous is not None
        and previous.manifest.get("chunking") == CHUNKING_VERSION
        and stamps == old_stamps
    )
    if previous is not None and nothing_new and not dry_run and old_files:
        failed_before = previous.manifest.get("failed", {})
        report.documents = [
            DocumentReport(s, "failed", error=failed_before[s].get("error"))
            if s in failed_before
            else DocumentReport(s, "unchanged", f.get("chunks", 0), f.get("articles", 0))
            for s, f in sorted(old_files.items())
        ]
        report.chunks = len(previous.chunks)
        report.seconds = time.perf_counter() - started
        return report

    overrides = load_overrides(settings.document_overrides)
    loaded: list[LoadedDocument] = []
    failed: list[DocumentReport] = []
    hashes: dict[str, str] = {}
    for path in _progress(files, progress, "Membaca dokumen"):
        source = _source(path, corpus)
        try:
            sha = file_sha256(path)
            hashes[source] = sha
            loaded.append(load_document(path, source, sha, overrides))
        except UnreadableDocument as error:
            failed.append(DocumentReport(source, "failed", error=str(error)))
        except Exception as error:  # one bad file never stops the others
            log.exception("Failed to read %s", source)
            failed.append(DocumentReport(source, "failed", error=f"Gagal dibaca: {error}"))
    build_chunks(loaded)

    old_by_sha = {f.get("sha256"): s for s, f in old_files.items()}
    for doc in loaded:
        source = doc.info.source
        old = old_files.get(source)
        if old is None:
            status = "added"
        elif old.get("sha256") == doc.sha256:
            status = "unchanged"
        else:
            status = "updated"
        article_count = sum(1 for a in doc.articles if a.part == "body" and a.pasal)
        report.documents.append(DocumentReport(source, status, len(doc.chunks), article_count))
        if doc.warnings:
            report.warnings[source] = doc.warnings
        report.structure[source] = describe(doc)
        if status == "added" and doc.sha256 in old_by_sha:
            log.info("%s is a renamed copy of %s", source, old_by_sha[doc.sha256])
    current = {doc.info.source for doc in loaded} | {f.source for f in failed}
    for source in sorted(old_files):
        if source not in current:
            report.documents.append(DocumentReport(source, "removed"))
    report.documents += failed
    report.documents.sort(key=lambda d: d.source)

    chunks = _dedupe([c for doc in loaded for c in doc.chunks])
    articles = [a for doc in loaded for a in doc.articles]
    report.chunks = len(chunks)
    _check_thesaurus(settings, chunks, report)
    if dry_run:
        report.seconds = time.perf_counter() - started
        return report

    # The dense side holds the texts in force; superseded and deleted texts stay findable by
    # keyword (so the bot can say what replaced them) without costing embedding time.
    dense = [c for c in chunks if c.in_force]
    texts = [embed_text(c) for c in dense]
    text_hashes = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    known = _known_vectors(previous)
    todo = {h: t for h, t in zip(text_hashes, texts, strict=True) if h not in known}
    missing = sorted(todo.items(), key=lambda item: len(item[1]))  # similar lengths batch well
    embedder = make_embedder(embedder_spec)
    for start in _progress(
        range(0, len(missing), EMBED_BATCH), progress, "Embedding", len(missing)
    ):
        batch = missing[start : start + EMBED_BATCH]
        for (digest, _), vector in zip(
            batch, embedder.embed_documents([t for _, t in batch]), strict=True
        ):
            known[digest] = np.asarray(vector, dtype=np.float32)
    report.embedded = len(missing)
    dim = len(next(iter(known.values()))) if known else 0
    vectors = np.stack([known[h] for h in text_hashes]) if dense else np.zeros((0, dim), np.float32)
    ok = {d.source: d for d in report.documents if d.status != "failed"}
    manifest: dict[str, Any] = {
        "embedding": embedder_spec,
        "embedder": embedder_name(embedder),
        "chunking": CHUNKING_VERSION,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "election": settings.election,
        "documents": [asdict(doc.info) for doc in loaded],
        "files": {
            doc.info.source: {
                "sha256": doc.sha256,
                "stamp": stamps.get(doc.info.source),
                "chunks": ok[doc.info.source].chunks,
                "articles": ok[doc.info.source].articles,
            }
            for doc in loaded
        },
        "failed": {f.source: {"stamp": stamps.get(f.source), "error": f.error} for f in failed},
    }
    # A failed file counts as seen, so an unchanged corpus with a broken file is still a no-op.
    for f in failed:
        manifest["files"][f.source] = {
            "sha256": hashes.get(f.source),
            "stamp": stamps.get(f.source),
        }
    if chunks or previous is not None:
        write_generation(
            settings, embedder, chunks, dense, articles, vectors, manifest, text_hashes
        )
    report.seconds = time.perf_counter() - started
    return report


def _check_thesaurus(settings: Settings, chunks: list[Chunk], report: IngestReport) -> None:
    """Warn about officer-thesaurus terms that no document uses (they can never match)."""
    if not chunks or not settings.abbreviations.is_file():
        return
    stems = {token for chunk in chunks for token in tokenize(chunk.index_text)}
    unused = Normalizer.from_file(settings.abbreviations).unused_terms(stems)
    if unused:
        shown = ", ".join(unused[:15]) + (
            f" (+{len(unused) - 15} lagi)" if len(unused) > 15 else ""
        )
        report.warnings[str(settings.abbreviations)] = [
            f"{len(unused)} istilah perluasan tidak dipakai dokumen mana pun: {shown}"
        ]


def _dedupe(chunks: list[Chunk]) -> list[Chunk]:
    """Chunk ids are unique by construction; this guards the index against a parser slip."""
    seen: set[str] = set()
    unique = []
    for chunk in chunks:
        if chunk.id in seen:
            continue
        seen.add(chunk.id)
        unique.append(chunk)
    return unique


def _known_vectors(previous: Any) -> dict[str, np.ndarray]:
    if previous is None:
        return {}
    try:
        hashes = json.loads((previous.path / "embed_hashes.json").read_text(encoding="utf-8"))
        vectors = previous.vectors()
    except (OSError, ValueError):
        return {}
    return {h: vectors[i] for i, h in enumerate(hashes) if i < len(vectors)}


def _source(path: Path, corpus: Path) -> str:
    return path.relative_to(corpus).as_posix()


def _stamp(path: Path) -> list[float]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime]


def _progress(iterable: Any, enabled: bool, label: str, total: int | None = None) -> Any:
    if not enabled:
        return iterable
    from tqdm import tqdm

    if total is not None:
        return _BatchBar(iterable, total, label)
    return tqdm(iterable, desc=label, unit="berkas")


class _BatchBar:
    """Progress over texts while iterating batch offsets."""

    def __init__(self, offsets: Any, total: int, label: str) -> None:
        self.offsets, self.total, self.label = offsets, total, label

    def __iter__(self) -> Any:
        from tqdm import tqdm

        with tqdm(total=self.total, desc=self.label, unit="teks") as bar:
            for offset in self.offsets:
                yield offset
                bar.update(min(EMBED_BATCH, self.total - offset))
