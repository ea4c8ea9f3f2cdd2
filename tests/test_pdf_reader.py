"""Tests for the PDF reader: layout removal, printed page numbers, logical lines, bad files.

The acceptance check is that a regulation read from its gazette-style PDF yields exactly the
logical lines of the same regulation's converted ``.md`` file, so one parser can serve both.
The real documents live beside the repository in ``../shared`` and are never copied into it.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, DecodedStreamObject, DictionaryObject, NameObject

from ingest.pdf_reader import (
    Line,
    PdfPage,
    UnreadableDocument,
    read_pdf,
    regulation_lines,
    text_lines,
)
from ingest.textnorm import join_wrapped, normalize_spaces

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
RENDERED = SHARED / "fixtures" / "rendered"
MODUL = CORPUS / "modul-pelatihan-kpps-2024.pdf"
BIMTEK = CORPUS / "bimtek-pedoman-teknis-pungut-hitung-2024.pdf"
LAWS = ["uu-1-2015", "uu-8-2015"]

needs_shared = pytest.mark.skipif(
    not (RENDERED.is_dir() and CORPUS.is_dir()),
    reason=f"reference documents not found in {SHARED} (expected ../shared beside the repo)",
)


@cache
def _pages(path: Path) -> tuple[PdfPage, ...]:
    """Read each reference PDF once per test run; reading is the slow part."""
    return tuple(read_pdf(path))


def _norm(lines: list[Line]) -> list[str]:
    return [normalize_spaces(line.text) for line in lines]


# ---------------------------------------------------------------------------------------------
# Acceptance: rendered gazette PDF == converted Markdown, line for line
# ---------------------------------------------------------------------------------------------


@needs_shared
@pytest.mark.integration
@pytest.mark.parametrize("name", LAWS)
def test_rendered_law_gives_the_markdown_lines(name: str) -> None:
    pdf_lines = _norm(regulation_lines(list(_pages(RENDERED / f"{name}.pdf"))))
    md_lines = _norm(text_lines((CORPUS / f"{name}.md").read_text(encoding="utf-8")))
    # Exact equality over the whole document, the preamble and both Penjelasan parts included.
    # The .md quirks (a heading or a "TAMBAHAN LEMBARAN NEGARA" note left in the middle of a
    # line) are reproduced, because the PDF renders those lines in the same way.
    assert pdf_lines == md_lines


@needs_shared
@pytest.mark.integration
@pytest.mark.parametrize("name", LAWS)
def test_rendered_law_pages_carry_no_layout(name: str) -> None:
    pages = _pages(RENDERED / f"{name}.pdf")
    for page in pages:
        assert "PRESIDEN\nREPUBLIK INDONESIA" not in page.text, page.number
        top = page.text.splitlines()[:2]
        assert "PRESIDEN" not in top and "REPUBLIK INDONESIA" not in top, page.number
        assert not re.search(r"^\s*-\s*\d+\s*-\s*$", page.text, re.MULTILINE), page.number
        assert ". . ." not in page.text, page.number


@needs_shared
@pytest.mark.integration
@pytest.mark.parametrize("name", LAWS)
def test_rendered_law_printed_page_numbers(name: str) -> None:
    pages = _pages(RENDERED / f"{name}.pdf")
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    # The first gazette page carries no number; every other one prints "- N -".
    assert [p.printed for p in pages] == [None] + [str(n) for n in range(2, len(pages) + 1)]


@needs_shared
@pytest.mark.integration
def test_catchword_dropped_and_text_joins_across_the_page_break() -> None:
    pages = _pages(RENDERED / "uu-8-2015.pdf")
    # Page 1 ends with the catchword "dihapus, sehingga Pasal . . .", page 2 starts with it.
    assert pages[0].text.endswith("dan angka 28 diubah, serta angka 2")
    assert pages[1].text.startswith("dihapus, sehingga Pasal 1 berbunyi sebagai berikut:")
    lines = regulation_lines(list(pages))
    item = next(line for line in lines if line.text.startswith("1. Ketentuan Pasal 1 angka 1"))
    assert item.text.endswith("serta angka 2 dihapus, sehingga Pasal 1 berbunyi sebagai berikut:")
    assert item.page == 1


@needs_shared
@pytest.mark.integration
@pytest.mark.parametrize("name", LAWS)
def test_lines_record_the_page_where_they_start(name: str) -> None:
    pages = _pages(RENDERED / f"{name}.pdf")
    by_number = {page.number: page for page in pages}
    lines = regulation_lines(list(pages))
    assert [line.page for line in lines] == sorted(line.page or 0 for line in lines)
    for line in lines:
        assert line.page is not None
        first_word = line.text.split()[0]
        page_lines = [normalize_spaces(raw) for raw in by_number[line.page].text.splitlines()]
        assert any(raw.startswith(first_word) for raw in page_lines), (line.page, line.text)
    pasal_91 = [line for line in lines if line.text == "Pasal 91"]
    assert pasal_91
    for line in pasal_91:
        assert line.page is not None
        assert "Pasal 91" in by_number[line.page].text.splitlines()


# ---------------------------------------------------------------------------------------------
# Guides: nothing useful stripped, printed page numbers right
# ---------------------------------------------------------------------------------------------


def _removed_lines(path: Path, pages: tuple[PdfPage, ...]) -> list[tuple[int, str]]:
    """Raw pypdf lines that did not survive cleaning, per page (order ignored)."""
    removed: list[tuple[int, str]] = []
    with_pypdf = PdfReader(path)
    for page, raw in zip(pages, with_pypdf.pages, strict=True):
        before = Counter(normalize_spaces(x) for x in raw.extract_text().splitlines())
        after = Counter(page.text.splitlines())
        for line, count in (before - after).items():
            if line:
                removed.extend([(page.number, line)] * count)
    return removed


@needs_shared
@pytest.mark.integration
def test_modul_pages_and_printed_numbers() -> None:
    pages = _pages(MODUL)
    assert len(pages) == 43
    assert pages[19].number == 20
    assert pages[19].printed == "15"
    assert pages[8].printed == "4"
    assert pages[42].printed == "38"
    assert pages[0].printed is None  # the cover
    assert pages[3].printed == "i"  # front matter in roman numerals
    assert pages[8].text.startswith("B. PEMBERITAHUAN PEMUNGUTAN SUARA")


@needs_shared
@pytest.mark.integration
@pytest.mark.parametrize("path", [MODUL, BIMTEK], ids=["modul", "bimtek"])
def test_guides_lose_only_their_page_numbers(path: Path) -> None:
    pages = _pages(path)
    printed = {page.number: page.printed for page in pages}
    for number, line in _removed_lines(path, pages):
        # A number that a narrow slide box printed one digit a line ("1", "7") counts too.
        value = printed[number]
        assert value is not None and line in value, (number, line)


@needs_shared
@pytest.mark.integration
def test_bimtek_repeated_slide_titles_and_table_headers_are_content() -> None:
    pages = _pages(BIMTEK)
    assert len(pages) == 17
    assert pages[5].text.startswith(
        "PEDOMAN TEKNIS PEMUNGUTAN DAN PENGHITUNGAN SUARA (4)\nNo Substansi Pengaturan Penjelasan"
    )
    with_table_header = [p for p in pages if "No Substansi Pengaturan Penjelasan" in p.text]
    assert len(with_table_header) == 14
    assert pages[0].printed == "1"
    assert pages[16].printed == "17"
    assert pages[16].text == "Terima Kasih"


@needs_shared
@pytest.mark.integration
def test_pypdf_warnings_are_silenced(caplog: pytest.LogCaptureFixture) -> None:
    level = logging.getLogger("pypdf").level
    with caplog.at_level(logging.WARNING):
        read_pdf(MODUL)
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").level == level


# ---------------------------------------------------------------------------------------------
# Unreadable files
# ---------------------------------------------------------------------------------------------

_INDONESIAN = re.compile(r"\b(berkas|tidak|rusak|halaman|lapisan)\b", re.IGNORECASE)


def _assert_indonesian_reason(error: pytest.ExceptionInfo[UnreadableDocument]) -> None:
    reason = str(error.value)
    assert _INDONESIAN.search(reason), reason
    assert "Traceback" not in reason


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "pindaian.pdf"
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    writer.write(path)
    with pytest.raises(UnreadableDocument, match="lapisan teks") as error:
        read_pdf(path)
    _assert_indonesian_reason(error)


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "acak.pdf"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(UnreadableDocument, match="bukan PDF") as error:
        read_pdf(path)
    _assert_indonesian_reason(error)


def test_random_bytes_behind_a_pdf_header(tmp_path: Path) -> None:
    path = tmp_path / "kepala-saja.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    with pytest.raises(UnreadableDocument, match="rusak") as error:
        read_pdf(path)
    _assert_indonesian_reason(error)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "kosong.pdf"
    path.write_bytes(b"")
    with pytest.raises(UnreadableDocument) as error:
        read_pdf(path)
    _assert_indonesian_reason(error)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="tidak ditemukan"):
        read_pdf(tmp_path / "tidak-ada.pdf")


@needs_shared
@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_truncated_real_pdf(tmp_path: Path, fraction: float) -> None:
    data = (RENDERED / "uu-8-2015.pdf").read_bytes()
    path = tmp_path / "terpotong.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(UnreadableDocument, match="rusak") as error:
        read_pdf(path)
    _assert_indonesian_reason(error)


# ---------------------------------------------------------------------------------------------
# Synthetic PDFs: other headers, watermarks, bare numbers, dotted lines that are not catchwords
# ---------------------------------------------------------------------------------------------

Placed = tuple[float, float, str]  # x, y, text


def _write_pdf(path: Path, pages: list[list[Placed]]) -> Path:
    """Write a small born-digital PDF (Helvetica) with text at the given positions."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    for placed in pages:
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        ops = []
        for x, y, text in placed:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 11 Tf {x} {y} Td ({escaped}) Tj ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        page.replace_contents(ContentStream(stream, writer))
    writer.write(path)
    return path


def _kpu_page(number: int, body: list[str], last: str | None = None) -> list[Placed]:
    placed: list[Placed] = [
        (200, 800, "KOMISI PEMILIHAN UMUM"),
        (210, 786, "REPUBLIK INDONESIA"),
        (290, 766, f"- {number} -"),
    ]
    y = 740.0
    for line in body:
        placed.append((72, y, line))
        y -= 14
    placed.append((250, 420, "jdih.kpu.go.id"))  # a mid-page watermark
    if last is not None:
        placed.append((400, 60, last))
    return placed


def test_kpu_header_watermark_and_catchwords(tmp_path: Path) -> None:
    path = _write_pdf(
        tmp_path / "pkpu.pdf",
        [
            _kpu_page(1, ["Pasal 1", "KPPS wajib membuka kotak suara di hadapan"], "saksi . . ."),
            _kpu_page(2, ["saksi dan pengawas TPS.", "Pasal 2", "Menurut catatan . . ."]),
            _kpu_page(3, ["Pasal 3", "Cukup jelas."]),
        ],
    )
    pages = read_pdf(path)
    assert [p.printed for p in pages] == ["1", "2", "3"]
    assert pages[0].text == "Pasal 1\nKPPS wajib membuka kotak suara di hadapan"
    # The last line of page 2 ends with dots but page 3 does not repeat it: text, not catchword.
    assert pages[1].text == "saksi dan pengawas TPS.\nPasal 2\nMenurut catatan"
    assert pages[2].text == "Pasal 3\nCukup jelas."
    assert _norm(regulation_lines(pages)) == [
        "Pasal 1",
        "KPPS wajib membuka kotak suara di hadapan saksi dan pengawas TPS.",
        "Pasal 2",
        "Menurut catatan",
        "Pasal 3",
        "Cukup jelas.",
    ]
    assert [line.page for line in regulation_lines(pages)] == [1, 1, 2, 2, 3, 3]


def test_bare_numbers_at_the_foot_are_printed_numbers(tmp_path: Path) -> None:
    pages_in: list[list[Placed]] = [
        [(72, 780, f"Bagian {n} dari panduan KPPS dengan teks yang cukup."), (297, 30, str(n + 2))]
        for n in range(1, 5)
    ]
    # On page 4 the last line is a table cell that only looks like a number.
    pages_in[3] = [(72, 780, "Jumlah surat suara cadangan"), (72, 766, "25")]
    pages = read_pdf(_write_pdf(tmp_path / "panduan.pdf", pages_in))
    assert [p.printed for p in pages] == ["3", "4", "5", None]
    assert pages[3].text == "Jumlah surat suara cadangan\n25"


def test_single_page_pdf_keeps_its_header_lines(tmp_path: Path) -> None:
    # One page gives nothing to compare a "running" header with, so nothing is removed.
    one_page: list[list[Placed]] = [[(72, 780, "KOMISI PEMILIHAN UMUM"), (72, 766, "Isi")]]
    path = _write_pdf(tmp_path / "satu.pdf", one_page)
    assert read_pdf(path)[0].text == "KOMISI PEMILIHAN UMUM\nIsi"


# ---------------------------------------------------------------------------------------------
# regulation_lines on hand-made pages: one rule each
# ---------------------------------------------------------------------------------------------


def _lines(*texts: str) -> list[str]:
    pages = [PdfPage(number=i + 1, printed=None, text=text) for i, text in enumerate(texts)]
    return [line.text for line in regulation_lines(pages)]


def test_bare_markers_join_their_text_and_wrapped_lines_join() -> None:
    assert _lines(
        " Pasal 91\n(1)\nKPPS membuka kotak suara\ndi hadapan saksi.\n(2)\nDalam hal:\n a.\n"
        "saksi tidak hadir; dan\nb.\npengawas tidak hadir,\nrapat tetap dimulai."
    ) == [
        "Pasal 91",
        "(1) KPPS membuka kotak suara di hadapan saksi.",
        "(2) Dalam hal:",
        "a. saksi tidak hadir; dan",
        "b. pengawas tidak hadir, rapat tetap dimulai.",
    ]


def test_wrapped_cross_references_are_not_headings_or_markers() -> None:
    assert _lines(
        "Pasal 5\nSebagaimana dimaksud dalam\nPasal 22 ayat (2) dan\nayat\n(3) huruf a,\n"
        "dalam Bagian\nKesatu tersebut.",
    ) == [
        "Pasal 5",
        "Sebagaimana dimaksud dalam Pasal 22 ayat (2) dan ayat (3) huruf a, dalam Bagian "
        "Kesatu tersebut.",
    ]


def test_pasal_with_letter_suffix_and_roman_numbers() -> None:
    assert _lines("Pasal I\nUbah.\nPasal 22B\nIsi.") == ["Pasal I", "Ubah.", "Pasal 22B", "Isi."]


def test_headings_and_their_titles() -> None:
    assert _lines(
        "Menetapkan : PERATURAN KPU.\n BAB XIII\nPEMUNGUTAN SUARA\nBagian Kesatu\nPersiapan\n"
        "Paragraf 1\nUmum\n Pasal 84\nIsi pasal."
    ) == [
        "Menetapkan : PERATURAN KPU.",
        "BAB XIII PEMUNGUTAN SUARA",
        "Bagian Kesatu Persiapan",
        "Paragraf 1 Umum",
        "Pasal 84",
        "Isi pasal.",
    ]


def test_opening_clauses_start_lines() -> None:
    assert _lines(
        "PERATURAN KOMISI PEMILIHAN UMUM\nNOMOR 17 TAHUN 2024\nDENGAN RAHMAT TUHAN YANG MAHA ESA\n"
        "KETUA KOMISI PEMILIHAN UMUM,\nMenimbang : a. bahwa pemungutan suara perlu diatur;\n"
        "b. bahwa perlu menetapkan peraturan;\nMengingat :\n1.\nUndang-Undang Nomor 10 Tahun\n"
        "2016;\nMEMUTUSKAN:\nMenetapkan : PERATURAN KPU.\nPasal 1\nBerlaku.\n"
        "Agar setiap orang mengetahuinya, memerintahkan\npengundangan."
    ) == [
        "PERATURAN KOMISI PEMILIHAN UMUM NOMOR 17 TAHUN 2024",
        "DENGAN RAHMAT TUHAN YANG MAHA ESA KETUA KOMISI PEMILIHAN UMUM,",
        "Menimbang :",
        "a. bahwa pemungutan suara perlu diatur;",
        "b. bahwa perlu menetapkan peraturan;",
        "Mengingat :",
        "1. Undang-Undang Nomor 10 Tahun 2016;",
        "MEMUTUSKAN:",
        "Menetapkan : PERATURAN KPU.",
        "Pasal 1",
        "Berlaku.",
        "Agar setiap orang mengetahuinya, memerintahkan pengundangan.",
    ]


def test_hyphenation_and_page_breaks() -> None:
    lines = regulation_lines(
        [
            PdfPage(1, None, "Pasal 7\n(1)\nsesuai peraturan perundang-\nundangan dan Undang-"),
            PdfPage(2, "2", "Undang yang berlaku.\n(2)\nCukup."),
        ]
    )
    assert [(line.text, line.page) for line in lines] == [
        ("Pasal 7", 1),
        ("(1) sesuai peraturan perundang-undangan dan Undang-Undang yang berlaku.", 1),
        ("(2) Cukup.", 2),
    ]


def test_heading_words_wrapped_inside_an_indented_item_stay_in_it() -> None:
    # Same text, two layouts: aligned with the item's indented body it is a wrapped line, at
    # the margin (or centred) it is a heading. Without positions the heading reading wins.
    text = "(6)\nDiatur dengan Peraturan Mahkamah Agung.\nParagraf 4 Sentra Gakkumdu\nPasal 152"
    wrapped = PdfPage(1, None, text, line_x=(72.0, 96.0, 96.0, 274.0))
    heading = PdfPage(1, None, text, line_x=(72.0, 96.0, 200.0, 274.0))
    assert [line.text for line in regulation_lines([wrapped])] == [
        "(6) Diatur dengan Peraturan Mahkamah Agung. Paragraf 4 Sentra Gakkumdu",
        "Pasal 152",
    ]
    expected = ["(6) Diatur dengan Peraturan Mahkamah Agung.", "Paragraf 4 Sentra Gakkumdu"]
    assert [line.text for line in regulation_lines([heading])][:2] == expected
    assert [line.text for line in regulation_lines([PdfPage(1, None, text)])][:2] == expected


def test_empty_input() -> None:
    assert regulation_lines([]) == []
    assert regulation_lines([PdfPage(1, None, "")]) == []


# ---------------------------------------------------------------------------------------------
# text_lines and the shared normalisation
# ---------------------------------------------------------------------------------------------


def test_text_lines_normalise_and_drop_empty_lines() -> None:
    assert text_lines(" Pasal 1 \n\n(1)\tKPPS  bertugas di Undang- Undang.\r\n   \n") == [
        Line("Pasal 1", None),
        Line("(1) KPPS bertugas di Undang-Undang.", None),
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Undang- Undang  Dasar\u00a0Negara ", "Undang-Undang Dasar Negara"),
        ("seluas- luasnya, masing- masing", "seluas-luasnya, masing-masing"),
        ("C.PEMBERITAHUAN- KPU", "C.PEMBERITAHUAN-KPU"),
        ("pra- dan pascabencana", "pra- dan pascabencana"),
        ("pukul 07.00 - 13.00", "pukul 07.00 - 13.00"),
        ("KPPS\u200b  \n  bertugas", "KPPS bertugas"),
        ("", ""),
    ],
)
def test_normalize_spaces(raw: str, expected: str) -> None:
    assert normalize_spaces(raw) == expected
    assert normalize_spaces(expected) == expected


def test_join_wrapped() -> None:
    assert join_wrapped("perundang-", "undangan") == "perundang-undangan"
    assert join_wrapped("H-", "1") == "H-1"
    assert join_wrapped("pukul 07.00 -", "13.00") == "pukul 07.00 - 13.00"
    assert join_wrapped("a.", "bahwa") == "a. bahwa"
    assert join_wrapped("", "teks") == "teks"
