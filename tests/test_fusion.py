"""Score fusion and the ranking rules around it (no index needed)."""

from __future__ import annotations

from pathlib import Path

from knowledge.keyword import tokenize
from knowledge.models import Chunk
from knowledge.query import Concept, Normalizer
from knowledge.retrieval import (
    covered_share,
    front_matter_pages,
    fuse,
    is_fragment,
    opens_with_other_body,
)
from tests.conftest import make_chunk

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = {0: "pasal-91", 1: "pasal-91", 2: "pasal-22", 3: "pasal-5"}


def test_evidence_from_two_ayat_of_one_article_adds_up() -> None:
    """The embedder likes ayat (1) of Pasal 91, keywords its huruf a: Pasal 91 answers, not
    Pasal 22 that came second on both sides."""
    dense = [(0, 0.90), (2, 0.89), (3, 0.80)]
    keyword = [(1, 12.0), (2, 11.5), (3, 2.0)]
    fused = fuse(dense, keyword, ARTICLE.__getitem__)
    best = max(fused, key=fused.__getitem__)
    assert ARTICLE[best] == "pasal-91"
    assert fused[2] < fused[0] and fused[2] < fused[1]


def test_one_side_alone_still_ranks() -> None:
    fused = fuse([], [(3, 5.0), (2, 1.0)], ARTICLE.__getitem__)
    assert fused[3] > fused[2] > 0


def test_table_cells_are_fragments_but_prose_and_a_pasal_list_are_not() -> None:
    table = "Kotak\nC. HASIL-DPR\nMasing-masing\nKotak\n28 Sampul kertas\nKotak\nC. HASIL-DPD"
    assert is_fragment(make_chunk(table, pasal=None))
    steps = "\n".join(["Ketua KPPS membuka kotak suara di hadapan saksi yang hadir."] * 6)
    assert not is_fragment(make_chunk(steps, pasal=None))
    items = "\n".join(
        [
            "(1) Perlengkapan terdiri atas:",
            "a. kotak suara;",
            "b. surat suara;",
            "c. tinta;",
            "d. bilik;",
            "e. segel;",
            "f. alat coblos;",
        ]
    )
    assert is_fragment(make_chunk(items, pasal=None))
    assert not is_fragment(make_chunk(items))  # in a Pasal the list is the rule itself


def test_a_passage_with_the_rarer_words_of_the_question_covers_more_of_it() -> None:
    """ "saksi boleh pakai atribut paslon?": the passage naming "atribut" (rare) covers more of
    the question than one naming only "saksi" (common), and one with both covers it all."""
    atribut, pakai = Concept.of("atribut"), Concept.of("pakai")
    atribut.add([frozenset({"lambang"})])
    pakai.add([frozenset({"guna"})])
    concepts = [(Concept.of("saksi"), 2.0), (atribut, 6.0), (pakai, 3.0)]
    both = covered_share(concepts, frozenset({"saksi", "lambang", "guna", "tps"}))
    rare = covered_share(concepts, frozenset({"atribut", "kampanye"}))
    common = covered_share(concepts, frozenset({"saksi", "hadir", "tps"}))
    assert both == 1.0
    assert rare > common > 0.0
    assert covered_share([], frozenset({"saksi"})) == 0.0


def test_a_thesaurus_phrase_counts_only_where_the_passage_has_all_of_it() -> None:
    """ "tps boleh di masjid?": "masjid" stands for "tempat ibadah". The passage banning TPS
    in a place of worship says it; one about "tempat pemungutan suara" only mentions "tempat",
    which counts for the abstention check (is the subject there at all), not for ranking."""
    query = Normalizer({}, {"masjid": ["tempat ibadah"]}).normalize("tps boleh di masjid?")
    concepts = [(concept, 1.0) for concept in query.concepts]
    ban = frozenset(tokenize("TPS tidak dibuat di dalam ruangan tempat ibadah"))
    size = frozenset(tokenize("TPS adalah tempat pemungutan suara berukuran 10 x 8 meter"))
    assert covered_share(concepts, ban) > covered_share(concepts, size)
    assert covered_share(concepts, size, loosely=True) > covered_share(concepts, size)


def test_a_guides_cover_foreword_and_credits_are_front_matter_and_its_content_is_not() -> None:
    """The cover ("MODUL PELATIHAN KPPS") and the foreword name the guide's topics without
    stating a rule, so they never answer; the first page of content does."""

    def page(number: int, text: str) -> Chunk:
        return make_chunk(text, source="modul.pdf", pasal=None, pages=(number,))

    chunks = [
        page(1, "MODUL PELATIHAN\nKELOMPOK PENYELENGGARA PEMUNGUTAN SUARA (KPPS)"),
        page(2, "Modul Pelatihan KPPS Penulis:\nA. Nama\nB. Nama"),
        page(3, "KATA PENGANTAR\nPuji syukur atas nikmat sehat sehingga modul ini selesai."),
        page(3, "Kami mengucapkan terima kasih kepada semua pihak."),
        page(4, "BAB I PENDAHULUAN\nKetua KPPS membuka rapat pemungutan suara pukul 07.00."),
        make_chunk("Pengantar kerja: KPPS menyerahkan kotak suara kepada PPS.", pages=(1,)),
        # A one-page leaflet: its first page is content, not a cover.
        make_chunk(
            "PANDUAN SINGKAT\nKPPS menyiapkan TPS paling lambat 1 hari sebelumnya.",
            source="leaflet.pdf",
            pasal=None,
            pages=(1,),
        ),
    ]
    front = front_matter_pages(chunks)
    assert front == {("modul.pdf", 1), ("modul.pdf", 2), ("modul.pdf", 3)}


def test_a_rule_about_another_body_is_told_apart_from_one_about_kpps() -> None:
    """A question naming no body is taken as a KPPS officer's: a Pasal opening with PPS or
    PPK ranks lower for it; one about KPPS, or naming PPS only further on, does not."""
    pps = make_chunk("Tugas, wewenang, dan kewajiban PPS meliputi:\na. meneruskan kotak suara;")
    ppk = make_chunk("(1) PPK membuat berita acara penerimaan dan melakukan rekapitulasi suara.")
    kpps = make_chunk("Tugas, wewenang, dan kewajiban KPPS meliputi:\na. menyerahkan kotak suara;")
    to_pps = make_chunk("KPPS menyerahkan kotak suara kepada PPK melalui PPS.")
    later = make_chunk(
        "(2) Pemilih dapat menggunakan haknya untuk memilih di TPS lain dengan menunjukkan surat "
        "pemberitahuan dari PPS untuk memberikan suara di TPS lain."
    )
    guide = make_chunk("PPS menyerahkan logistik kepada KPPS.", pasal=None)
    assert opens_with_other_body(pps) and opens_with_other_body(ppk)
    assert not any(opens_with_other_body(c) for c in (kpps, to_pps, later, guide))
    normalizer = Normalizer.from_file(ROOT / "config" / "abbreviations.json")
    assert not normalizer.normalize("abis ngitung kotak suara dibawa kmn?").names_body
    assert normalizer.normalize("pps abis ngumpulin kotak suara dibawa kmn?").names_body
    assert normalizer.normalize("ptps wewenangnya apa aja").names_body
