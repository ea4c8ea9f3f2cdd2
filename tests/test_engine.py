"""The answer engine on the small fixture corpus and on the real corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.__main__ import main as bot_main
from bot.engine import AnswerEngine
from bot.evaluate import evaluate
from knowledge.retrieval import is_fragment
from knowledge.settings import Settings
from tests.conftest import make_settings


def test_answer_quotes_the_text_in_force(fixture_settings: Settings) -> None:
    answer = AnswerEngine(fixture_settings).answer("jam brp nyoblos dimulai?")
    assert not answer.abstained
    main = answer.passages[0]
    assert "pukul 07.00" in main.chunk.text  # the amended hours, not the original 08.00
    assert main.chunk.citation == "Pasal 3 PKPU 99/2030 sebagaimana diubah dengan PKPU 100/2031"
    assert main.scope_label == "Pilkada"
    assert "07.00" in main.key_sentence


def test_eval_reads_a_gold_place_written_as_one_object_or_as_a_list(
    fixture_settings: Settings,
) -> None:
    """The eval README writes ``gold`` as one object, dev.jsonl as a list: both score."""
    engine = AnswerEngine(fixture_settings)
    place = {"file": "pkpu-100-2031.md", "pasal": "3"}
    for gold in (place, [place]):
        item = {"id": "a", "question": "jam brp nyoblos dimulai?", "answerable": True}
        metrics = evaluate(engine, [{**item, "gold": gold, "also_accept": []}])
        assert metrics["strict"]["hit@1"] == 1.0, gold
    missed = {"file": "pkpu-100-2031.md", "pasal": "9"}
    metrics = evaluate(engine, [{**item, "gold": missed, "also_accept": place}])
    assert metrics["strict"]["hit@1"] == 0.0 and metrics["lenient"]["hit@1"] == 1.0


def test_direct_article_request_shows_in_force_version(fixture_settings: Settings) -> None:
    answer = AnswerEngine(fixture_settings).answer("isi pasal 3 apa?")
    assert answer.passages[0].chunk.source == "pkpu-100-2031.md"
    assert any("Teks lama Pasal 3" in n for n in answer.notices)


def test_an_article_named_in_officers_shorthand_is_shown(fixture_settings: Settings) -> None:
    """ "psl 3 ayat 1", "ps. 3 (1)": the article itself. A Pasal no document has is said to be
    missing, and a named Pasal does not answer a subject no document covers."""
    engine = AnswerEngine(fixture_settings)
    for question in ["psl 3 ayat 1 isinya gmn, yg versi terakhir", "ps. 3 (1) bunyinya apa"]:
        answer = engine.answer(question)
        assert not answer.abstained and answer.passages[0].chunk.pasal == "3"
    missing = engine.answer("pasal 250 isinya apa")
    assert missing.abstained and "Pasal 250 tidak ada" in missing.abstain_message
    # A question beside the wrong number is still answered, with the number corrected.
    asked = engine.answer("kotak suara dibuka jam brp? katanya di pasal 250")
    assert not asked.abstained and any("Pasal 250 tidak ada" in n for n in asked.notices)
    pay = engine.answer("pasal 3 yg ngatur honor kpps, nominalnya brp?")
    assert pay.abstained and "honor" in pay.missing


def test_whole_article_follows_replacement(fixture_settings: Settings) -> None:
    engine = AnswerEngine(fixture_settings)
    record = engine.article("pkpu-99-2030.md#body#3")
    assert record is not None and record.source == "pkpu-100-2031.md"


def test_unanswerable_question_abstains(fixture_settings: Settings) -> None:
    answer = AnswerEngine(fixture_settings).answer("cara upload foto ke aplikasi sirekap gmn")
    assert answer.abstained
    assert "PPS" in answer.abstain_message


def test_question_about_a_subject_no_document_names_abstains(fixture_settings: Settings) -> None:
    """Pay is not in the regulations: the officer is told so, and which word was not found,
    instead of being shown the nearest passage about KPPS."""
    engine = AnswerEngine(fixture_settings)
    answer = engine.answer("honor kpps brp sih?")
    assert answer.abstained
    assert "«honor»" in answer.abstain_message
    # The follow-up points back at the same subject: no passage is quoted for it either.
    follow_up = engine.answer("honor kpps brp sih? cairnya kapan?")
    assert follow_up.abstained and not follow_up.passages
    assert follow_up.missing == ["honor"]  # kept for the admin's /belumterjawab
    # Naming the same subject again ("parkir" in "parkiran") is a follow-up too.
    same_subject = engine.answer(
        "parkiran pemilih diatur gmn? parkir boleh sampai pemungutan suara dimulai jam brp?"
    )
    assert same_subject.abstained and not same_subject.passages
    # Going on with "trus" is about the same thing.
    going_on = engine.answer("honor kpps brp sih? trus paling telat dibayar jam brp?")
    assert going_on.abstained and not going_on.passages
    # Comparing it with another election ("sama kayak pemilu kmrn gak?") is about it too.
    compared = engine.answer("honor kpps brp sih? sama kayak pemilu kmrn gak?")
    assert compared.abstained and not compared.passages
    # A follow-up about the officer's own local data ("bimtek ... kecamatan kami") too.
    local = engine.answer("jadwal kpps di kecamatan kami kapan? tempatnya di kantor desa?")
    assert local.abstained and not local.passages


def test_top_hits_carry_the_embedder_similarity(fixture_settings: Settings) -> None:
    """Abstention reads the similarity of the top hit; a hit found by keywords alone must
    not count as "the embedder saw nothing similar"."""
    engine = AnswerEngine(fixture_settings)
    retriever = engine.retriever
    assert retriever is not None
    query = engine.normalizer.normalize("jam brp nyoblos dimulai?", retriever.vocabulary)
    hits = retriever.search(query, mode="keyword")
    assert hits and all(0.5 < hit.dense <= 1.0 for hit in hits[:3])


def test_off_topic_question_abstains(fixture_settings: Settings) -> None:
    answer = AnswerEngine(fixture_settings).answer("resep nasi goreng gimana")
    assert answer.abstained


def test_no_index_gives_plain_message(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "kosong", tmp_path / "data")
    answer = AnswerEngine(settings).answer("kapan tps dibuka")
    assert answer.abstained and "belum dimuat" in answer.abstain_message


def test_batch_cli_form(fixture_settings: Settings, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KPPS_CORPUS_DIR", str(fixture_settings.corpus_dir))
    monkeypatch.setenv("KPPS_DATA_DIR", str(fixture_settings.data_dir))
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "question": "jam brp nyoblos dimulai"}\n'
        '{"id": "b", "question": "cara upload foto ke sirekap"}\n'
        "bukan json\n",
        encoding="utf-8",
    )
    output = tmp_path / "r.jsonl"
    assert bot_main(["batch", "--input", str(questions), "--output", str(output)]) == 0
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r.get("id") for r in rows] == ["a", "b", None]
    first = rows[0]
    assert set(first) == {"id", "abstained", "answer", "latency_ms", "results"}
    assert first["abstained"] is False and "Pasal 3" in first["answer"]
    result = first["results"][0]
    assert set(result) == {
        "source",
        "pasal",
        "ayat",
        "part",
        "pages",
        "citation",
        "in_force",
        "score",
    }
    assert result["part"] == "body" and result["in_force"] is True and result["pages"] == []
    assert rows[1]["abstained"] is True
    assert "error" in rows[2]


@pytest.mark.integration
def test_real_corpus_pasal_91_in_force(corpus_index: Settings) -> None:
    engine = AnswerEngine(corpus_index)
    answer = engine.answer("isi pasal 91 apa")
    assert answer.passages[0].chunk.source == "uu-8-2015.md"
    assert "sebagaimana diubah dengan UU 8/2015" in answer.passages[0].chunk.citation
    deleted = engine.article("uu-1-2015.md#body#100")
    assert deleted is not None and deleted.status == "dihapus"
    answer = engine.answer("kotak suara kapan boleh dibuka")
    assert len(answer.results) >= 5
    assert all(r.chunk.status != "diubah" for r in answer.results)
    # What the officer reads: the rule (Pasal 91: before voting, KPPS opens the box) beside
    # the how-to, no table scrap; the ranked list starts with exactly what is shown.
    shown = answer.passages + answer.see_also
    assert answer.results[: len(shown)] == shown
    assert any(p.chunk.pasal == "91" for p in shown)
    assert not any(is_fragment(p.chunk) for p in shown)


@pytest.mark.integration
def test_a_law_the_bot_does_not_have_is_said_to_be_missing(corpus_index: Settings) -> None:
    """The rule of a law that is not loaded (UU 7/2017, the Pemilu law) may differ from the
    Pilkada law's, so the bot says it does not have it. A loaded law, or Perppu 1/2014 that
    UU 1/2015 enacts, is no reason to decline, and its number is not searched."""
    engine = AnswerEngine(corpus_index)
    other = engine.answer("batas sumbangan dana kampanye dr perseorangan di uu 7 2017 brp?")
    assert other.abstained and "UU/Perppu 7/2017 tidak ada" in other.abstain_message
    for question in [
        "menurut uu 8 2015 kotak suara tersegel diserahkan ke mana?",
        "menurut perppu 1 2014 kotak suara tersegel diserahkan ke mana?",
    ]:
        answer = engine.answer(question)
        assert not answer.abstained
        assert "205" not in (answer.passages[0].chunk.pasal or "")  # the closing articles


def test_pemilu_material_first_brings_the_pilkada_rule_and_a_warning(
    corpus_index: Settings,
) -> None:
    """In a Pilkada deployment, a Pemilu training page quoted first says so, and the Pilkada
    law's closest passage follows under "Lihat juga", labelled."""
    answer = AnswerEngine(corpus_index).answer("jam berapa tps ditutup?")
    assert not answer.abstained
    main = answer.passages[0]
    if main.scope_label == "Pilkada":
        assert "13.00" in main.chunk.text
        return
    assert any("bot ini melayani Pilkada" in notice for notice in answer.notices)
    first = answer.see_also[0]
    assert first.scope_label == "Pilkada" and "pukul 13.00" in first.chunk.text


def test_naming_pilkada_puts_the_pilkada_rule_first(corpus_index: Settings) -> None:
    """Without a word on the election the Pemilu training page may lead; "tps pilkada" asks
    for the Pilkada law (voting ends at 13.00 local time, Pasal 92)."""
    answer = AnswerEngine(corpus_index).answer("tps pilkada ditutup jam berapa")
    main = answer.passages[0]
    assert main.scope_label == "Pilkada" and main.chunk.pasal == "92"


def test_deleted_article_is_never_presented_as_the_rule(fixture_settings: Settings) -> None:
    answer = AnswerEngine(fixture_settings).answer("isi pasal 4 apa")
    assert answer.passages[0].chunk.status == "dihapus"
    assert any("TIDAK BERLAKU" in n for n in answer.notices)
    assert "dihapus dengan PKPU 100/2031" in answer.passages[0].chunk.citation


def test_definitions_answer_what_a_term_means(fixture_settings: Settings) -> None:
    engine = AnswerEngine(fixture_settings)
    assert engine.answer("tps itu artinya apa").passages[0].chunk.pasal == "1"
    assert engine.answer("kpps harus membuka kotak suara kapan").passages[0].chunk.pasal == "3"


def test_a_closing_slide_is_never_the_answer(corpus_index: Settings) -> None:
    """The slide deck ends with "Terima Kasih"; an officer writing "ngasih" (→ "kasih") must
    get the rule on employers, not the closing slide."""
    answer = AnswerEngine(corpus_index).answer(
        "bos pabrik ga ngasih izin karyawan keluar buat nyoblos. ada sanksinya?"
    )
    assert all(len(p.chunk.text.split()) >= 5 for p in answer.results)
    assert any(p.chunk.pasal == "182B" for p in answer.results[:3])


@pytest.mark.parametrize(
    "question",
    ["persiapan psu sama pemungutan suara susulan gmn", "noken dipake di provinsi mana aja"],
)
def test_the_table_of_contents_is_never_quoted(corpus_index: Settings, question: str) -> None:
    """The module's contents page names every chapter ("BAB VI PEMUNGUTAN SUARA DENGAN
    SISTEM NOKEN ....... 38") and answers nothing; it used to come second."""
    answer = AnswerEngine(corpus_index).answer(question)
    assert answer.results
    assert not any("....." in p.chunk.text for p in answer.results)


@pytest.mark.parametrize("asked", ["ada pidananya?", "ancamannya apa?", "trus kena apa?"])
def test_asking_for_the_penalty_quotes_the_penal_article(
    corpus_index: Settings, asked: str
) -> None:
    """ "ada pidananya?" about someone voting as another person: the answer is the offence in
    the Ketentuan Pidana ("mengaku dirinya sebagai orang lain"), not the voting rules."""
    answer = AnswerEngine(corpus_index).answer(
        f"ada org ngaku2 jadi pemilih lain pas nyoblos di tps, {asked}"
    )
    assert not answer.abstained
    assert answer.passages[0].chunk.pasal == "178A"


def test_a_fine_is_quoted_only_for_an_act_the_law_punishes(corpus_index: Settings) -> None:
    """Every penal article states a sum in rupiah. "pemilih moto surat suara di bilik,
    dendanya brp?" names an act no article punishes: quoting the fine for printing ballots
    would mislead. Paying voters is punished, and its fine is quoted."""
    engine = AnswerEngine(corpus_index)
    photo = engine.answer("pemilih ketauan moto surat suara di bilik, dendanya brp?")
    assert photo.abstained and "besaran uang" in photo.abstain_message
    bribe = engine.answer("kalo ngasih uang ke pemilih dendanya berapa")
    assert not bribe.abstained and bribe.passages[0].chunk.pasal == "187A"


def test_voting_twice_is_the_article_on_voting_more_than_once(corpus_index: Settings) -> None:
    """Pasal 178B punishes voting more than once; 178C people without the right to vote. The
    latter spells out "tujuh puluh dua" in its penalties, which once matched "dua kali"."""
    answer = AnswerEngine(corpus_index).answer("org yg nyoblos 2x di tps berbeda hukumannya apa")
    assert not answer.abstained
    assert answer.passages[0].chunk.pasal == "178B"


def test_an_application_is_named_only_where_the_documents_name_one(
    corpus_index: Settings,
) -> None:
    """The module names the voter data system beside the DPTb rule: that is quoted. No
    document names an application for reporting undelivered notices, so the reporting rule
    must not be quoted as if it answered "lewat aplikasi apa"."""
    engine = AnswerEngine(corpus_index)
    named = engine.answer("DPTb itu harus udah didata di aplikasi apa?")
    assert not named.abstained and "SIDALIH" in named.passages[0].chunk.text
    unnamed = engine.answer("laporan C pemberitahuan yg gak kebagi itu dikirim lewat aplikasi apa?")
    assert unnamed.abstained and "nama aplikasi" in unnamed.abstain_message


def test_dense_candidates_are_the_exact_nearest_chunks(corpus_index: Settings) -> None:
    """The same question must get the same answer after every restart: the embedder's 60
    candidates are the truly nearest chunks. (Chroma's approximate HNSW graph left out a
    Pasal at similarity 0.853 while keeping chunks at 0.841, in about half the runs.)"""
    import numpy as np

    retriever = AnswerEngine(corpus_index).retriever
    assert retriever is not None
    vector = retriever.embed("adik saya kerja di pabrik, mandornya tidak izin keluar buat memilih")
    stored = retriever.collection.get(include=["embeddings"])
    matrix = np.asarray(stored["embeddings"], dtype=np.float32)
    sims = matrix @ vector / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(vector))
    expected = {stored["ids"][i] for i in np.argsort(-sims)[:60]}
    found = retriever.dense(vector, n=60)
    assert {retriever.chunks[i].id for i, _ in found} == expected
    assert found[0][1] == max(s for _, s in found)


_DUTIES = [
    f"{duty}, sesuai dengan jadwal dan tata cara yang ditetapkan oleh KPU Kabupaten/Kota"
    for duty in (
        "mengumumkan daftar pemilih tetap di tempat yang mudah dilihat masyarakat",
        "menyampaikan surat pemberitahuan kepada pemilih di wilayah kerjanya",
        "menyiapkan tempat pemungutan suara beserta bilik dan meja yang diperlukan",
        "memeriksa perlengkapan yang diterima dari panitia pemungutan suara",
        "membuat berita acara dan sertifikat hasil penghitungan suara",
        "menyerahkan salinan berita acara kepada saksi yang hadir di tempat",
        "menjaga ketertiban di lingkungan tempat pemungutan suara bersama petugas keamanan",
        "melayani pemilih penyandang disabilitas dengan pendamping pilihannya",
        "mencatat kejadian khusus dan keberatan saksi dalam formulir yang tersedia",
        "menempelkan salinan hasil penghitungan di tempat umum",
    )
]
_SEALING = "menyegel kotak suara berisi surat suara dan menyerahkannya kepada PPS"


def _duty_list(items: list[str]) -> str:
    return "\n".join(f"{chr(97 + i)}. {item};" for i, item in enumerate(items))


def _pkpu(number: int, year: int, topic: str, body: str) -> str:
    """A regulation-shaped text of our own: a PKPU title, then ``body`` (its Pasal)."""
    return (
        f"PERATURAN KOMISI PEMILIHAN UMUM REPUBLIK INDONESIA NOMOR {number} TAHUN {year} "
        f"TENTANG {topic} DALAM PEMILIHAN GUBERNUR DAN WAKIL GUBERNUR, BUPATI DAN WAKIL "
        f"BUPATI, SERTA WALI KOTA DAN WAKIL WALI KOTA\nMEMUTUSKAN:\n{body}"
    )


def _index(tmp_path: Path, files: dict[str, str]) -> Settings:
    """A fresh index of ``files`` (name → text), ingested as an admin would."""
    from ingest.pipeline import run_ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = make_settings(corpus, tmp_path / "data")
    run_ingest(settings)
    return settings


def _engine(tmp_path: Path, topic: str, body: str) -> AnswerEngine:
    """An engine over one regulation text of our own, a PKPU on ``topic`` with ``body``."""
    return AnswerEngine(_index(tmp_path, {"pkpu-9-2042.md": _pkpu(9, 2042, topic, body)}))


def test_an_amended_list_item_is_quoted_from_the_new_text_of_the_same_item(
    tmp_path: Path,
) -> None:
    """The officer's words match huruf i of the old article; the amendment inserted an item
    before it, so in the text now in force it is huruf j. The answer must quote that item in
    its amended wording, not whichever piece of the new article comes first."""
    old = [*_DUTIES[:8], f"{_SEALING} pada hari yang sama", *_DUTIES[8:]]
    new = [
        "mengikuti bimbingan teknis yang diselenggarakan oleh KPU Kabupaten/Kota",
        *_DUTIES[:8],
        f"{_SEALING} paling lambat pukul 24.00",
        *_DUTIES[8:],
    ]
    settings = _index(
        tmp_path,
        {
            "pkpu-7-2040.md": _pkpu(
                7,
                2040,
                "TUGAS KPPS",
                "Pasal 1\nTugas KPPS meliputi:\n"
                + _duty_list(old)
                + "\nPasal 2\nKPPS bekerja sama dengan PPS.\n",
            ),
            "pkpu-8-2041.md": _pkpu(
                8,
                2041,
                "PERUBAHAN ATAS PERATURAN KOMISI PEMILIHAN UMUM NOMOR 7 TAHUN 2040",
                "Pasal I\nBeberapa ketentuan dalam Peraturan Komisi Pemilihan Umum Nomor 7 "
                "Tahun 2040 diubah sebagai berikut:\n1. Ketentuan Pasal 1 diubah sehingga "
                "berbunyi sebagai berikut:\nPasal 1\nTugas KPPS meliputi:\n"
                + _duty_list(new)
                + "\nPasal II\nPeraturan Komisi ini mulai berlaku pada tanggal diundangkan.\n",
            ),
        },
    )
    answer = AnswerEngine(settings).answer("kotak suara disegel trus diserahin ke pps hari itu jg?")
    main = answer.passages[0].chunk
    assert main.source == "pkpu-8-2041.md"
    assert "menyegel kotak suara" in main.text
    assert "pukul 24.00" in main.text


def test_asking_for_a_roles_duties_finds_the_list_of_duties(tmp_path: Path) -> None:
    """ "pps di desa tugasnya apa aja": the answer is the list opened by "Tugas PPS
    meliputi:", not the article that names PPS and the village more often."""
    body = (
        "Pasal 1\n(1) PPS dibentuk di setiap Desa untuk menyelenggarakan Pemilihan di Desa.\n"
        "(2) PPS berkedudukan di kantor Desa.\n"
        "(3) Anggota PPS di Desa menerima hak keuangan sesuai masa tugasnya.\n"
        "Pasal 2\nTugas PPS meliputi:\n"
        + _duty_list(
            [
                "membentuk KPPS di setiap TPS di wilayah Desa",
                "mengumumkan daftar pemilih tetap di Desa",
                "mengumpulkan hasil penghitungan suara dari seluruh TPS",
            ]
        )
        + "\n"
        "Pasal 3\nKPPS bekerja sama dengan PPS.\n"
    )
    answer = _engine(tmp_path, "PANITIA PEMUNGUTAN SUARA", body).answer(
        "pps di desa tugasnya apa aja"
    )
    assert answer.passages[0].chunk.pasal == "2"


def test_asking_how_many_finds_the_passage_that_gives_the_number(tmp_path: Path) -> None:
    """ "petugas ketertiban tps brp org?": the answer is the ayat with "2 (dua) orang", not
    the one that repeats the officer's other words."""
    body = (
        "Pasal 1\n(1) Petugas ketertiban TPS mengatur orang yang antre di TPS.\n"
        "(2) Petugas ketertiban TPS menjaga agar orang keluar masuk TPS dengan tertib.\n"
        "Pasal 2\nSetiap TPS dijaga oleh 2 (dua) orang petugas ketertiban.\n"
        "Pasal 3\nKPPS bekerja sama dengan PPS.\n"
    )
    answer = _engine(tmp_path, "KETERTIBAN TPS", body).answer("petugas ketertiban tps brp org?")
    assert answer.passages[0].chunk.pasal == "2"


def test_asking_the_latest_time_finds_the_passage_that_sets_a_deadline(tmp_path: Path) -> None:
    """ "hari h kpps kumpul di tps paling telat jam brp": the answer is the time KPPS must be
    at the TPS by, not the voting hours, which name the TPS, the day and times as well."""
    body = (
        "Pasal 1\nPemungutan suara di TPS pada hari pemungutan suara dimulai pukul 07.00 "
        "dan berakhir pukul 13.00.\n"
        "Pasal 2\nKetua dan anggota KPPS hadir paling lambat pukul 06.00 untuk persiapan.\n"
        "Pasal 3\nKPPS bekerja sama dengan PPS.\n"
    )
    engine = _engine(tmp_path, "WAKTU PEMUNGUTAN SUARA", body)
    answer = engine.answer("hari h kpps kumpul di tps paling telat jam brp")
    assert answer.passages[0].chunk.pasal == "2"
    assert engine.answer("kpps hrs hadir di tps jam brp?").passages[0].chunk.pasal == "2"
    # In Javanese too: the thesaurus reads "kudu" as "harus" and "piro" as "berapa".
    assert engine.answer("kpps kudu hadir neng tps jam piro?").passages[0].chunk.pasal == "2"
    assert engine.answer("tps dibuka jam brp").passages[0].chunk.pasal == "1"


def test_a_question_for_local_data_is_sent_to_the_local_office(tmp_path: Path) -> None:
    """ "di kecamatan kami nyoblos tanggal berapa?" asks for a local date no regulation holds;
    quoting the voting hours would read as an answer. The same place asking for the rule
    ("jam brp?") is answered. A contact number is local data too."""
    body = (
        "Pasal 1\nPemungutan suara di setiap TPS di desa dan kecamatan dimulai pukul 07.00 "
        "dan berakhir pukul 13.00.\n"
        "Pasal 2\nKPPS bekerja sama dengan PPS.\n"
    )
    engine = _engine(tmp_path, "WAKTU PEMUNGUTAN SUARA", body)
    local = engine.answer("di kecamatan kami nyoblos dimulai tanggal berapa?")
    assert local.abstained
    assert "data daerah" in local.abstain_message and "KPU Kabupaten/Kota" in local.abstain_message
    rule = engine.answer("di kecamatan kami nyoblos dimulai jam brp?")
    assert not rule.abstained
    assert "pukul 07.00" in rule.passages[0].chunk.text
    # No regulation lists phone numbers either.
    contact = engine.answer("nomor WA pengaduan PPS brp ya? pemungutan suara blm dimulai")
    assert contact.abstained and "nomor kontak" in contact.abstain_message


def test_asking_whether_something_is_valid_finds_the_rule_on_validity(tmp_path: Path) -> None:
    """ "surat suara lupa diteken ketua kpps, sah ga?": the answer is the rule making a
    ballot valid, not the chair's duties, which repeat more of the officer's words."""
    body = (
        "Pasal 1\nKetua KPPS menandatangani surat suara dan menghitung surat suara yang "
        "diterima KPPS sebelum diberikan kepada pemilih.\n"
        "Pasal 2\nSurat suara dinyatakan sah jika ditandatangani oleh Ketua KPPS.\n"
        "Pasal 3\nKPPS bekerja sama dengan PPS.\n"
    )
    engine = _engine(tmp_path, "SURAT SUARA", body)
    answer = engine.answer("surat suara lupa diteken ketua kpps trus udh diitung, sah ga?")
    assert answer.passages[0].chunk.pasal == "2"


def test_a_long_list_of_duties_is_quoted_from_its_first_item(tmp_path: Path) -> None:
    """A Pasal's long list is indexed in pieces; "tugasnya apa aja" asks for the whole list,
    so the quote starts at huruf a even when a later piece matches the question better."""
    duties = [*_DUTIES[:8], "mengumpulkan hasil penghitungan suara dari seluruh TPS di Desa"]
    body = (
        "Pasal 1\nTugas PPS meliputi:\n" + _duty_list(duties) + "\n"
        "Pasal 2\nKPPS bekerja sama dengan PPS.\n"
    )
    engine = _engine(tmp_path, "PPS", body)
    assert engine.retriever is not None
    pieces = engine.retriever.article_chunks("pkpu-9-2042.md#body#1")
    assert len(pieces) > 1  # the list is long enough to be cut
    answer = engine.answer("pps di desa tugasnya apa aja")
    assert answer.passages[0].chunk.pasal == "1"
    assert "a. " + _DUTIES[0] in answer.passages[0].chunk.text


def test_a_value_the_documents_do_not_state_is_declined_not_guessed(tmp_path: Path) -> None:
    """The documents give a voter's minimum age, a maximum number of voters per TPS, the
    colour of a box label, minutes for a delay and metres for a distance. "umur maksimal"
    must not be answered with the minimum age, a uniform's colour with a campaign ban naming
    none, nor minutes in the booth with the delay: the officer is told the documents do not
    state it. Values they do state are still answered."""
    body = (
        "Pasal 1\nPemilih adalah penduduk yang berusia paling rendah 17 (tujuh belas) tahun.\n"
        "Pasal 2\nJumlah Pemilih untuk setiap TPS paling banyak 600 (enam ratus) orang.\n"
        "Pasal 3\nAnggota KPPS berjumlah 7 (tujuh) orang dari masyarakat sekitar TPS.\n"
        "Pasal 4\nKotak suara diberi label warna merah.\n"
        "Pasal 5\nDi TPS dilarang memakai seragam, warna, atau atribut kampanye.\n"
        "Pasal 6\nPemilih memberikan suara di bilik suara secara rahasia.\n"
        "Pasal 7\nPemungutan suara dapat ditunda paling lama 30 (tiga puluh) menit bila "
        "saksi belum hadir.\n"
        "Pasal 8\nMeja kotak suara berjarak 3 (tiga) meter dari meja ketua KPPS.\n"
        "Pasal 9\nBerita acara ditandatangani oleh Ketua KPPS dan paling sedikit 2 (dua) orang "
        "anggota KPPS. Tanda tangan saksi boleh ada.\n"
    )
    engine = _engine(tmp_path, "PEMILIH", body)
    declined = engine.answer("umur maksimal pemilih brp? bapak saya 80 th")
    assert declined.abstained
    assert "batas paling tinggi untuk «umur»" in declined.abstain_message
    assert engine.answer("umur minimal pemilih brp?").passages[0].chunk.pasal == "1"
    # The voters' minimum age says nothing of KPPS members: the limit must come with the
    # question's other words, those of the clause that asks it.
    members = engine.answer("umur minimal jd anggota kpps brp taun?")
    assert members.abstained and "batas paling rendah" in members.abstain_message
    mixed = engine.answer("berapa jumlah pemilih maksimal per tps dan umur kpps, desa kami padat")
    assert not mixed.abstained and mixed.passages[0].chunk.pasal == "2"
    assert engine.answer("1 tps maksimal pemilihnya brp org").passages[0].chunk.pasal == "2"
    uniform = engine.answer("seragam kpps di tps wajib warna apa?")
    assert uniform.abstained and "tidak menyebut warna" in uniform.abstain_message
    assert engine.answer("label kotak suara warnanya apa?").passages[0].chunk.pasal == "4"
    booth = engine.answer("pemilih di bilik suara boleh brp menit?")
    assert booth.abstained and "satuan «menit»" in booth.abstain_message
    assert engine.answer("meja kotak suara jaraknya brp meter?").passages[0].chunk.pasal == "8"
    # Metres are not centimetres: a height in "senti" is not stated anywhere.
    height = engine.answer("meja kotak suara tingginya brp senti?")
    assert height.abstained and "satuan «senti»" in height.abstain_message
    # The thing measured is in the sentence that asks; the scene before it is not it.
    scene = engine.answer("penduduk di gang kami padat. meja kotak suara jaraknya brp meter?")
    assert scene.passages[0].chunk.pasal == "8"
    # "tanda tangan" is the documents' "ditandatangani": the limit is stated for it.
    signers = engine.answer("berita acara yg tanda tangan siapa aja? minimal brp org")
    assert not signers.abstained and signers.passages[0].chunk.pasal == "9"


def test_a_long_article_whose_one_ayat_answers_outranks_a_short_partial_match(
    tmp_path: Path,
) -> None:
    """Keywords also score a passage by its best line: Pasal 1's ayat (4) has all of the
    officer's words, but the whole Pasal is long, and a one-line Pasal with fewer of them must
    not win on its shortness."""
    body = (
        "Pasal 1\n(1) Setelah kegiatan persiapan selesai, KPPS memberikan penjelasan mengenai "
        "tata cara pemungutan suara kepada seluruh Pemilih yang hadir di TPS pada hari itu.\n"
        "(2) Dalam memberikan suara, Pemilih diberi kesempatan oleh KPPS berdasarkan prinsip "
        "urutan kehadiran Pemilih dan ketertiban di dalam TPS.\n"
        "(3) Penentuan waktu pemungutan suara dimulai pukul 07.00 dan berakhir pada pukul "
        "13.00 waktu setempat, kecuali ditentukan lain oleh KPU.\n"
        "(4) Pemilih yang keliru meminta surat suara pengganti.\n"
        "Pasal 2\nSurat suara pengganti dicatat.\n"
        "Pasal 3\nData yang keliru diperbaiki PPS.\n"
        "Pasal 4\nNama yang keliru dalam daftar diperbaiki.\n"
        "Pasal 5\nPemilih disabilitas dibantu pendamping.\n"
    )
    answer = _engine(tmp_path, "PEMUNGUTAN", body).answer(
        "surat suara pengganti buat pemilih yg keliru"
    )
    assert answer.passages[0].chunk.pasal == "1"


def test_asking_about_one_kpps_member_finds_that_members_duties(tmp_path: Path) -> None:
    """ "anggota kpps ke2 pegang bagian apa": the passage on member two, not the article that
    shares the duties out among all members and repeats the officer's other words."""
    body = (
        "Pasal 1\nKetua KPPS membagi tugas anggota KPPS. Pembagian tugas anggota KPPS dicatat "
        "dalam berita acara pembagian tugas anggota KPPS.\n"
        "Pasal 2\nAnggota KPPS Kedua bertugas menerima formulir pemberitahuan dari Pemilih.\n"
        "Pasal 3\nAnggota KPPS Ketiga bertugas mengumpulkan formulir pemberitahuan.\n"
    )
    engine = _engine(tmp_path, "PEMBAGIAN TUGAS KPPS", body)
    assert engine.answer("anggota kpps ke2 pegang bagian apa").passages[0].chunk.pasal == "2"
    assert engine.answer("kpps 3 tugasnya apa").passages[0].chunk.pasal == "3"


def test_a_pasal_named_beside_a_question_leads_and_the_search_follows(tmp_path: Path) -> None:
    """Officers misremember numbers ("… sah gak? pasal 2 ya"): the named article is shown as
    asked, the passage the search found follows it, and a notice names that passage."""
    body = (
        "Pasal 1\nSurat suara dinyatakan sah jika ditandatangani oleh Ketua KPPS.\n"
        "Pasal 2\nKotak suara dibuka oleh Ketua KPPS pada pukul 07.00.\n"
        "Pasal 3\nPemilih dilarang membubuhkan tulisan pada surat suara; surat suara yang "
        "memuat tulisan dinyatakan tidak sah.\n"
    )
    engine = _engine(tmp_path, "PEMUNGUTAN SUARA", body)
    answer = engine.answer("surat suara ada tulisannya, sah gak? pasal 2 ya")
    assert not answer.abstained and answer.passages[0].chunk.pasal == "2"
    assert answer.results[1].chunk.pasal == "3"
    assert any("Pasal 2 ditampilkan" in n and "Pasal 3" in n for n in answer.notices)
    right = engine.answer("surat suara yg ada tulisannya sah gak? pasal 3 ya")
    assert right.passages[0].chunk.pasal == "3" and not right.notices


def test_the_ayat_stating_the_sum_asked_is_quoted(tmp_path: Path) -> None:
    """The search finds an article (longer than one chunk) by one ayat; another ayat of it
    states the sum asked."""
    books = "Dana kampanye dicatat dalam pembukuan khusus yang terpisah dari rekening lain. " * 8
    body = (
        "Pasal 1\n(1) Dana kampanye pasangan calon dapat diperoleh dari sumbangan perseorangan "
        f"dan badan hukum swasta.\n(2) {books}\n"
        "(3) Sumbangan dari perseorangan paling banyak Rp75.000.000,00 (tujuh puluh lima juta "
        "rupiah) dan dari badan hukum swasta paling banyak Rp750.000.000,00.\n"
        "Pasal 2\nKampanye dilaksanakan oleh pasangan calon.\n"
    )
    engine = _engine(tmp_path, "KAMPANYE", body)
    answer = engine.answer("badan hukum swasta nyumbang dana kampanye boleh brp?")
    assert not answer.abstained
    assert answer.passages[0].chunk.pasal == "1" and answer.passages[0].chunk.ayat == "3"
    books = engine.answer("dana kampanye yg dicatat di pembukuan khusus itu brp?")
    assert books.abstained and "besaran uang" in books.abstain_message


def test_a_sanction_the_documents_do_not_give_is_declined(tmp_path: Path) -> None:
    """The documents set when KPPS members arrive and punish a companion who tells how a
    voter voted. "kpps telat dateng kena sanksi apa?" must not be answered with the arrival
    rule, which names no sanction; the companion's penalty is still answered."""
    body = (
        "Pasal 1\nAnggota KPPS hadir di TPS paling lambat pukul 06.00 waktu setempat.\n"
        "Pasal 2\nSetiap orang yang bertugas membantu Pemilih yang dengan sengaja "
        "memberitahukan pilihan Pemilih kepada orang lain dipidana dengan pidana penjara "
        "paling singkat 24 (dua puluh empat) bulan dan denda paling sedikit Rp24.000.000,00.\n"
    )
    engine = _engine(tmp_path, "PEMUNGUTAN SUARA", body)
    assert not engine.answer("anggota kpps hadir di tps jam brp?").abstained
    late = engine.answer("kpps telat dateng ke tps kena sanksi apa?")
    assert late.abstained and "tidak menyebut sanksi" in late.abstain_message
    told = engine.answer("pendamping yg ngasih tau pilihan pemilih ke org lain sanksinya apa?")
    assert not told.abstained and told.passages[0].chunk.pasal == "2"


def test_pay_the_documents_do_not_name_is_declined(tmp_path: Path) -> None:
    """Officers ask about their own pay ("ada uang lembur buat kpps?"). The only rule naming
    such money is about campaign participants, and it must not read as an answer; it still
    answers a question about the campaign."""
    body = (
        "Pasal 1\nPemberian uang makan dan uang transport kepada peserta kampanye tidak "
        "termasuk pemberian uang kepada Pemilih.\n"
        "Pasal 2\nKPPS melaksanakan penghitungan suara di TPS sampai selesai pada hari yang "
        "sama.\n"
    )
    engine = _engine(tmp_path, "KAMPANYE", body)
    meals = engine.answer("uang makan kpps pas ngitung suara ada ga?")
    assert meals.abstained and "«uang makan»" in meals.abstain_message
    overtime = engine.answer("ngitung suara sampe subuh, ada uang lembur buat kpps?")
    assert overtime.abstained
    rally = engine.answer("peserta kampanye dikasih uang makan boleh ga?")
    assert not rally.abstained and rally.passages[0].chunk.pasal == "1"
