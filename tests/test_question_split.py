"""Several questions in one message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.engine import (
    GREETING_MESSAGE,
    THANKS_MESSAGE,
    UNNAMED_LIMIT_MESSAGE,
    AnswerEngine,
    key_sentence,
)
from bot.message_parts import split_questions
from knowledge.query import Normalizer
from knowledge.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
NORMALIZER = Normalizer.from_file(ROOT / "config" / "abbreviations.json")


def split(message: str, normalize: Callable[[str], str] = str.lower) -> list[str]:
    return [part.text for part in split_questions(message, normalize)]


def standard(piece: str) -> str:
    """A piece's words after the thesaurus, as the engine counts them."""
    return NORMALIZER.normalize(piece).text


def test_split_keeps_short_tails_with_their_question() -> None:
    assert split("jam brp nyoblos dimulai? tinta ditaruh dimana?") == [
        "jam brp nyoblos dimulai",
        "tinta ditaruh dimana",
    ]
    assert split("tps boleh di masjid? gmn?") == ["tps boleh di masjid? gmn"]
    assert split("kapan tps dibuka") == ["kapan tps dibuka"]


def test_two_dictated_questions_joined_by_terus_are_two_questions() -> None:
    """Voice typing writes no "?": a question word just before "terus" ends a question. A
    story told with "terus" stays one question."""
    assert split(
        "pengumuman lokasi te pe es ke warga paling telat kapan terus boleh gak pake speaker",
        standard,
    ) == [
        "pengumuman lokasi te pe es ke warga paling telat kapan",
        "terus boleh gak pake speaker",
    ]
    story = "rumah pak budi kosong katanya kerja di kota terus suratnya gimana"
    assert split(story, standard) == [story]


def test_a_tail_that_only_asks_when_stays_with_its_question() -> None:
    """ "jam brp?" after a question asks the time of that question; on its own it would fetch
    any passage with an hour in it. Counted after the thesaurus it is one word ("pukul")."""
    message = "pemilih sakit bisa dilayani di rumah? jam brp?"
    assert split(message, standard) == ["pemilih sakit bisa dilayani di rumah? jam brp"]
    assert len(split("jam brp tps dibuka? tinta ditaruh dimana?", standard)) == 2
    # "maksimal brp lama?" ("paling banyak berapa lama") asks how long, of the delay before.
    delay = "saksi blm dtg. boleh ditunda dulu gak? maksimal brp lama?"
    assert split(delay, standard) == ["saksi blm dtg. boleh ditunda dulu gak? maksimal brp lama"]


def test_a_statement_is_context_for_its_question_not_a_question_of_its_own() -> None:
    """Answered alone, "kami sudah cari tapi tidak ketemu" fetched a passage about nothing
    the officer asked, and the reply no longer said the documents do not cover Sirekap."""
    tail = "password sirekap dapat dari mana? kami sudah cari di grup"
    assert split(tail, standard) == ["password sirekap dapat dari mana. kami sudah cari di grup"]
    lead = "ada pemilih pingsan di bilik\nsurat suaranya gmn?"
    assert split(lead, standard) == ["ada pemilih pingsan di bilik. surat suaranya gmn"]
    # A sentence ending in "." is a statement too; "07.00" is not a sentence end.
    said = "logistik datang pukul 07.00 pakai pickup. apa yg hrs kami periksa?"
    parts = split_questions(said, standard)
    assert [(p.before, p.asked) for p in parts] == [
        (("logistik datang pukul 07.00 pakai pickup",), "apa yg hrs kami periksa")
    ]
    # Nor is the full stop of an abbreviation: "Kel. Tegalrejo" is one place.
    place = "dari grup PPS Kel. Tegalrejo: tps boleh digabung?"
    assert split(place, standard) == ["dari grup PPS Kel Tegalrejo: tps boleh digabung"]
    greeting = "mohon info pak\nsaksi boleh foto c hasil?"
    assert split(greeting, standard) == ["mohon info pak. saksi boleh foto c hasil"]
    two = "saksi boleh foto c hasil? pemilih dpk nyoblos jam brp?"
    assert len(split(two, standard)) == 2


def test_a_message_that_only_asks_follows_the_officers_previous_question() -> None:
    """In a chat "jam brp?" and "paling lambat?" come as messages of their own, after the
    question they ask about; by the same rule as a tail in one message."""
    earlier = "pemilih sakit bisa dilayani di rumah?"
    [tail] = split_questions("jam brp?", standard, earlier)
    assert tail.follows == earlier and tail.text == f"{earlier}. jam brp"
    [degree] = split_questions("paling lambat?", standard, earlier)
    assert degree.follows == earlier
    [own] = split_questions("tinta ditaruh dimana?", standard, earlier)
    assert own.follows == "" and own.text == "tinta ditaruh dimana"
    assert split_questions("makasih", standard, earlier) == []  # nothing asked


def test_follow_up_answer_says_what_it_was_read_with(fixture_settings: Settings) -> None:
    engine = AnswerEngine(fixture_settings)
    alone = engine.answer("maksimal brp?")
    assert alone.abstained and alone.abstain_message == UNNAMED_LIMIT_MESSAGE
    first = engine.answer("kpps nyiapin tps kapan?")
    follow_up = engine.answer("paling lambat?", first.thread)
    assert follow_up.passages[0].chunk.pasal == "2"
    assert follow_up.thread == first.thread == "kpps nyiapin tps kapan?"  # a chain keeps it
    assert first.thread in follow_up.notices[0]


def test_small_talk_gets_a_reply_not_a_search(fixture_settings: Settings) -> None:
    engine = AnswerEngine(fixture_settings)
    assert engine.answer("makasih banyak min").abstain_message == THANKS_MESSAGE
    assert engine.answer("halo, selamat pagi").abstain_message == GREETING_MESSAGE
    assert engine.answer("boleh ga?").abstain_message == GREETING_MESSAGE
    assert engine.answer("halo").thread == ""  # leaves the conversation where it was


def test_a_word_only_in_the_context_does_not_make_the_bot_decline(
    fixture_settings: Settings,
) -> None:
    """ "lahan di rt kami sempit" sets the scene; the question names its own subject."""
    answer = AnswerEngine(fixture_settings).answer(
        "tps ukurannya paling sedikit brp meter? lahan di rt kami sempit"
    )
    assert not answer.abstained
    assert answer.passages[0].chunk.source.endswith("panduan-kpps.md")


def test_a_statement_after_an_uncovered_question_keeps_the_honest_not_found(
    fixture_settings: Settings,
) -> None:
    answer = AnswerEngine(fixture_settings).answer(
        "password sirekap ketua kpps dapat dari mana? kami sudah buka kotak suara di hadapan saksi"
    )
    assert answer.abstained
    assert "sirekap" in answer.missing


def test_two_questions_get_two_cited_passages(fixture_settings: Settings) -> None:
    answer = AnswerEngine(fixture_settings).answer(
        "jam brp pemungutan suara dimulai? tinta pemilih diletakkan dimana?"
    )
    assert [p.chunk.pasal for p in answer.passages] == ["3", "5"]
    keys = [r.chunk.article_key for r in answer.results]
    assert len(keys) == len(set(keys))


def test_the_marked_sentence_is_the_one_with_the_rarest_words_of_the_question() -> None:
    """ "pemilih DPK nyoblos jam brp": the hours (pukul) answer it, not the sentence that
    repeats the common "pemilih" and "suara"."""
    normalizer = Normalizer.from_file(ROOT / "config" / "abbreviations.json")
    query = normalizer.normalize("pemilih nyoblos jam brp")
    text = (
        "(3) Dalam hal surat suara yang diterima rusak, Pemilih dapat meminta surat suara "
        "pengganti dalam memberikan suara.\n"
        "(5) Pemungutan suara dimulai pukul 07.00 dan berakhir pukul 13.00."
    )
    rarity = {"pukul": 4.0}.get
    assert key_sentence(text, query, lambda token: rarity(token, 1.0)).startswith("(5)")
