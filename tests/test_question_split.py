"""Several questions in one message."""

from __future__ import annotations

from pathlib import Path

from bot.engine import AnswerEngine, key_sentence, split_questions
from knowledge.keyword import tokenize
from knowledge.query import Normalizer
from knowledge.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_split_keeps_short_tails_with_their_question() -> None:
    assert split_questions("jam brp nyoblos dimulai? tinta ditaruh dimana?") == [
        "jam brp nyoblos dimulai",
        "tinta ditaruh dimana",
    ]
    assert split_questions("tps boleh di masjid? gmn?") == ["tps boleh di masjid? gmn"]
    assert split_questions("kapan tps dibuka") == ["kapan tps dibuka"]


def test_a_tail_that_only_asks_when_stays_with_its_question() -> None:
    """ "jam brp?" after a question asks the time of that question; on its own it would fetch
    any passage with an hour in it. Counted after the thesaurus it is one word ("pukul")."""
    normalizer = Normalizer.from_file(ROOT / "config" / "abbreviations.json")

    def content(piece: str) -> list[str]:
        return tokenize(normalizer.normalize(piece).text)

    message = "pemilih sakit bisa dilayani di rumah? jam brp?"
    assert split_questions(message, content) == ["pemilih sakit bisa dilayani di rumah? jam brp"]
    assert len(split_questions("jam brp tps dibuka? tinta ditaruh dimana?", content)) == 2


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
