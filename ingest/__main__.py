"""``python -m ingest``: ingest the corpus folder into the index (incremental by default)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ingest.pipeline import corpus_files, run_ingest
from knowledge.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Masukkan dokumen di KPPS_CORPUS_DIR ke indeks (hanya yang berubah).",
    )
    parser.add_argument("--report", type=Path, help="tulis laporan JSON ke berkas ini")
    parser.add_argument(
        "--dry-run", action="store_true", help="baca dan uraikan saja; tidak menulis indeks"
    )
    parser.add_argument("--rebuild", action="store_true", help="bangun ulang seluruh indeks")
    parser.add_argument("--quiet", action="store_true", help="tanpa bilah kemajuan")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    settings = Settings()
    if not corpus_files(settings.corpus_dir):
        print(
            f"Belum ada dokumen di {settings.corpus_dir.resolve()}.\n"
            "Letakkan PDF/teks resmi (PKPU, UU Pilkada, modul bimtek) di folder itu, atau setel "
            "KPPS_CORPUS_DIR ke folder dokumen Anda, lalu jalankan lagi `python -m ingest`.",
            file=sys.stderr,
        )
    report = run_ingest(
        settings, rebuild=args.rebuild, dry_run=args.dry_run, progress=not args.quiet
    )
    if args.dry_run:
        for doc in report.documents:
            print(
                f"{doc.source}: {doc.status}, {doc.articles} pasal, {doc.chunks} potongan"
                + (f" — {doc.error}" if doc.error else "")
            )
            if doc.source in report.structure:
                print(f"  {report.structure[doc.source]}")
            for warning in report.warnings.get(doc.source, []):
                print(f"  peringatan: {warning}")
    print(report.summary_id())
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(
            json.dumps(report.to_json(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return (
        1
        if report.count("failed")
        and not report.count("added") + report.count("updated") + report.count("unchanged")
        else 0
    )


if __name__ == "__main__":
    sys.exit(main())
