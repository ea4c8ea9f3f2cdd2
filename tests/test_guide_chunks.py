"""Guide pages are cut at their sub-sections, so one chunk answers one thing."""

from __future__ import annotations

from ingest.chunking import guide_chunks
from ingest.guide import GuidePage
from knowledge.models import DocumentInfo

GUIDE = DocumentInfo(
    source="panduan.pdf",
    kind="Panduan",
    number=None,
    year=None,
    title="Panduan KPPS",
    short_name="Panduan KPPS",
    scope="pemilu",
)
FILLER = " ".join(["Anggota KPPS melayani Pemilih dengan tertib dan ramah."] * 3)
PAGE_20 = "\n".join(
    [
        "b. Anggota KPPS Kedua bertugas:",
        f"Menerima surat pemberitahuan dan KTP-el Pemilih. {FILLER}",
        "c. Anggota KPPS Ketiga bertugas:",
        f"Mengumpulkan surat pemberitahuan setelah Pemilih mendapat surat suara. {FILLER}",
        "d. Anggota KPPS Keempat bertugas:",
        f"1) meminta Pemilih menunjukkan seluruh jari tangan; {FILLER}",
    ]
)
PAGE_21 = "\n".join(
    [
        f"2) memeriksa kesesuaian nama dalam salinan DPT; {FILLER}",
        "e. Anggota KPPS Kelima bertugas:",
        f"1) menulis nama Pemilih di daftar hadir; {FILLER}",
    ]
)


def _chunks() -> list:
    pages = [
        GuidePage(20, "20", "BAB III › B. PELAKSANAAN", PAGE_20),
        GuidePage(21, "21", "BAB III › B. PELAKSANAAN", PAGE_21),
    ]
    return guide_chunks(GUIDE, pages)[0]


def _chunks_on(pages: list[GuidePage], number: int) -> list:
    return [c for c in guide_chunks(GUIDE, pages)[0] if c.pages == (number,)]


def test_each_member_s_tasks_are_one_chunk() -> None:
    chunks = _chunks()
    kelima = [c for c in chunks if "Kelima" in c.text]
    assert len(kelima) == 1
    assert kelima[0].text.startswith("e. Anggota KPPS Kelima bertugas:")
    assert "Keempat" not in kelima[0].text
    assert all(c.citation in ("Panduan KPPS, hlm. 20", "Panduan KPPS, hlm. 21") for c in chunks)


def test_a_section_continued_on_the_next_page_keeps_its_heading() -> None:
    """Page 21 opens with item 2) of member 4's tasks: its chunk says whose tasks they are."""
    first_on_21 = next(c for c in _chunks() if c.pages == (21,))
    assert first_on_21.text.startswith("2) memeriksa")
    assert first_on_21.heading.endswith("d. Anggota KPPS Keempat bertugas:")
    assert "Keempat" in first_on_21.index_text


def test_a_new_item_on_the_next_page_ends_the_carried_section() -> None:
    pages = [
        GuidePage(21, "21", "BAB III", f"e. Anggota KPPS Kelima bertugas:\n1) menulis; {FILLER}"),
        GuidePage(22, "22", "BAB III", f"g. anggota KPPS Ketujuh mengatur Pemilih;\n{FILLER}"),
    ]
    on_22 = _chunks_on(pages, 22)
    assert on_22 and all("Kelima" not in c.index_text for c in on_22)


def test_table_scraps_and_run_on_titles_stay_out_of_chunks() -> None:
    """A table header the splitter leaves alone ("NO") is not a chunk of its own, and a
    sub-section line that runs into its paragraph heads the next pages by its title only."""
    row = "Kotak Pilpres " * 5
    table = " ".join(f"{n} Sampul kertas untuk surat suara {row}" for n in range(1, 12))
    page = (
        "5. Membuka kotak suara dan memeriksa kelengkapan logistik pemungutan suara Setelah "
        "membuka kotak suara, KPPS memeriksa kelengkapan logistik yang terdiri dari:\nNO\n" + table
    )
    pages = [
        GuidePage(27, "22", "BAB III", page),
        GuidePage(28, "23", "BAB III", f"9 Sampul kertas {row}\n{FILLER}"),
    ]
    chunks = guide_chunks(GUIDE, pages)[0]
    assert all(len(c.text) >= 60 for c in chunks)
    step = next(c for c in chunks if c.text.startswith("5. Membuka kotak suara"))
    assert step.text.endswith("terdiri dari:")  # the table's "NO" opens the table's chunk
    on_28 = [c for c in chunks if c.pages == (28,)]
    assert on_28[0].heading.endswith("memeriksa kelengkapan logistik pemungutan suara")
    assert "Setelah" not in on_28[0].heading


def test_a_new_chapter_does_not_inherit_the_last_sub_section() -> None:
    pages = [
        GuidePage(17, "17", "BAB II › D. PENYIAPAN TPS", f"c. Tata Letak TPS\n{FILLER}"),
        GuidePage(18, "18", "BAB III › A. PERSIAPAN", f"1) KPPS hadir pukul 06.00; {FILLER}"),
    ]
    on_18 = _chunks_on(pages, 18)
    assert on_18 and all("Tata Letak" not in c.heading for c in on_18)


def test_a_section_opened_half_way_down_a_page_heads_the_chunks_after_it() -> None:
    """Module page 13 ends section C (logistics) and opens "D. PENYIAPAN TPS": the chunk on
    where a TPS may stand is shown and searched under D, not under the page's C."""
    from ingest.guide import guide_pages
    from ingest.pdf_reader import PdfPage

    page = "\n".join(
        [
            "b. Kotak Suara",
            f"KPPS menerima kotak suara paling lambat 1 hari sebelumnya. {FILLER}",
            "c. Bilik suara",
            f"Bilik Pemungutan Suara yang diterima sebanyak 4 (empat) buah. {FILLER}",
            "D. PENYIAPAN TPS",
            "1. Penyiapan Lokasi TPS",
            f"a. Ketua dan anggota KPPS menyiapkan lokasi TPS paling lambat 1 hari. {FILLER}",
            f"b. TPS dapat ditentukan di halaman rumah atau balai pertemuan. {FILLER}",
            f"c. Dilarang dibuat di dalam ruangan tempat ibadah; {FILLER} {FILLER}",
        ]
    )
    pages = guide_pages(
        [
            PdfPage(12, "12", "BAB II\nC. PENERIMAAN KELENGKAPAN PEMUNGUTAN SUARA\n" + FILLER),
            PdfPage(13, "13", page),
        ]
    )
    chunks = _chunks_on(pages, 13)
    assert chunks[0].heading == "BAB II › C. PENERIMAAN KELENGKAPAN PEMUNGUTAN SUARA"
    worship = next(c for c in chunks if "ibadah" in c.text)
    assert worship is not chunks[0]
    assert worship.heading == "BAB II › D. PENYIAPAN TPS › 1. Penyiapan Lokasi TPS"


def test_list_items_and_contents_entries_do_not_become_headings() -> None:
    """Module page 25 lists kinds of voters ("2. Pemilih yang menjadi tahanan sementara,
    keluarga …"); page 5 is the table of contents. Neither may head the chunks an officer
    reads, while a real numbered title ("2. Waktu Pelaksanaan") and a slide row's title run
    into its text ("4. TPS Relokasi Dalam hal …") still do."""
    from ingest.guide import guide_pages
    from ingest.pdf_reader import PdfPage

    contents = "DAFTAR ISI\nBAB I PENDAHULUAN ........ 1\nBAB VII PENUTUP ........ 40"
    voters = "\n".join(
        [
            "B. PELAKSANAAN RAPAT PEMUNGUTAN SUARA",
            "1. Pemilih yang sakit di rumah sakit.",
            "2. Pemilih yang menjadi tahanan sementara, keluarga pemilih yang",
            f"bersangkutan melapor kepada KPPS. {FILLER}",
        ]
    )
    pages = guide_pages(
        [
            PdfPage(5, None, contents),
            PdfPage(24, "24", "BAB III\n" + FILLER),
            PdfPage(25, "25", voters),
            PdfPage(26, "26", f"2. Waktu Pelaksanaan\n{FILLER}"),
            PdfPage(27, "27", f"4. TPS Relokasi Dalam hal terjadi bencana, gangguan\n{FILLER}"),
        ]
    )
    headings = {page.number: page.heading for page in pages}
    assert headings[5] == ""
    assert headings[25] == "BAB III › B. PELAKSANAAN RAPAT PEMUNGUTAN SUARA"
    assert headings[26].endswith("› 2. Waktu Pelaksanaan")
    assert headings[27].endswith("› 4. TPS Relokasi Dalam hal terjadi bencana, gangguan")
