"""Rendering answers and articles as Telegram HTML: escaping, layout, splitting under 4096."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot import render_html as rh
from knowledge.models import ArticleRecord, Chunk, DocumentInfo
from tests.botapi_server import html_problems
from tests.conftest import make_chunk


@dataclass
class FakePassage:
    chunk: Chunk
    score: float = 1.0
    key_sentence: str = ""
    scope_label: str = "Pilkada"


@dataclass
class FakeAnswer:
    question: str = "kapan tps dibuka"
    abstained: bool = False
    passages: list[FakePassage] = field(default_factory=list)
    see_also: list[FakePassage] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    abstain_message: str = ""
    generated: str | None = None
    latency_ms: float = 1.0


def assert_valid(messages: list[str]) -> None:
    assert messages
    for message in messages:
        assert html_problems(message) == [], message


def test_answer_layout_quotes_bolds_and_cites() -> None:
    text = "(1) KPPS membuka TPS.\n(2) Pemungutan suara dimulai pukul 07.00 waktu setempat."
    answer = FakeAnswer(
        passages=[
            FakePassage(
                make_chunk(text),
                key_sentence="Pemungutan suara dimulai pukul 07.00 waktu setempat.",
            )
        ],
        see_also=[
            FakePassage(
                make_chunk(
                    "Pemilih membawa KTP-el & undangan <C6>.", citation="Pasal 7 PKPU 99/2030"
                ),
                scope_label="Pemilu 2024",
            )
        ],
        notices=["Teks lama Pasal 3 sudah diubah."],
    )
    [message] = rh.render_answer(answer)
    assert_valid([message])
    assert message.index("<blockquote>") < message.index("📌")
    assert "(2) <b>Pemungutan suara dimulai pukul 07.00 waktu setempat.</b></blockquote>" in message
    assert "<b>Pasal 3 PKPU 99/2030 sebagaimana diubah dengan PKPU 100/2031</b>" in message
    assert "Berlaku untuk: Pilkada" in message
    assert "ℹ️ Teks lama Pasal 3 sudah diubah." in message
    assert "Lihat juga" in message and "KTP-el &amp; undangan &lt;C6&gt;." in message


def test_key_sentence_found_despite_whitespace_differences() -> None:
    text = "KPPS wajib\n   menyegel kotak suara. Lalu pulang."
    answer = FakeAnswer(
        passages=[FakePassage(make_chunk(text), key_sentence="KPPS wajib menyegel kotak suara.")]
    )
    [message] = rh.render_answer(answer)
    assert "<b>KPPS wajib\n   menyegel kotak suara.</b>" in message


def test_hostile_text_is_escaped_everywhere() -> None:
    evil = "<script>alert(1)</script> & <b>tebal</b> &amp;"
    answer = FakeAnswer(
        passages=[
            FakePassage(
                make_chunk(evil, citation=evil, heading=evil),
                key_sentence="& <b>tebal</b>",
                scope_label=evil,
            )
        ],
        notices=[evil],
        see_also=[FakePassage(make_chunk(evil, citation=evil), scope_label=evil)],
    )
    messages = rh.render_answer(answer)
    assert_valid(messages)
    assert "<script>" not in "".join(messages)


def test_abstention_shows_the_message_only() -> None:
    answer = FakeAnswer(abstained=True, abstain_message="Maaf, tidak ditemukan <di> dokumen.")
    assert rh.render_answer(answer) == ["Maaf, tidak ditemukan &lt;di&gt; dokumen."]


def test_long_passage_splits_inside_limit_without_breaking_tags() -> None:
    ayat = [
        f"({i}) KPPS & saksi <wajib> mencatat kejadian nomor {i} di formulir."
        for i in range(1, 400)
    ]
    text = "\n".join(ayat)
    key = ayat[150]
    answer = FakeAnswer(
        passages=[FakePassage(make_chunk(text), key_sentence=key)],
        see_also=[FakePassage(make_chunk("Pasal lain.", citation="Pasal 9 PKPU 99/2030"))],
        notices=["Catatan."],
    )
    messages = rh.render_answer(answer)
    assert len(messages) > 3
    assert_valid(messages)
    assert all(len(m) <= rh.MAX_MESSAGE_CHARS for m in messages)
    joined = "".join(messages)
    assert joined.count("<b>(151)") == 1  # the key sentence is bold exactly once
    assert "📌" in messages[-2] or "📌" in messages[-1]
    # nothing of the passage is lost: every ayat appears, in order
    positions = [joined.index(f"({i}) KPPS") for i in range(1, 400)]
    assert positions == sorted(positions)


def test_a_single_huge_word_is_hard_cut() -> None:
    text = "x" * 9000 + "&"
    ranges = rh.split_ranges(text, 4000)
    assert "".join(text[a:b] for a, b in ranges) == text
    assert all(len(rh.esc(text[a:b])) <= 4000 for a, b in ranges)


def test_split_never_cuts_an_entity() -> None:
    text = "&" * 50
    for budget in (5, 6, 7, 9):
        ranges = rh.split_ranges(text, budget)
        assert all(rh.esc(text[a:b]).count("&amp;") == b - a for a, b in ranges)
        assert sum(b - a for a, b in ranges) == 50


def test_pack_blocks_keeps_blocks_whole() -> None:
    blocks = ["a" * 3000, "b" * 3000, "c" * 10]
    assert rh.pack_blocks(blocks) == ["a" * 3000, "b" * 3000 + "\n\n" + "c" * 10]
    with pytest.raises(ValueError):
        rh.pack_blocks(["z" * 5000])


def test_article_pages_are_numbered_and_valid() -> None:
    record = ArticleRecord(
        key="k",
        source="s.md",
        doc_short="PKPU 99/2030",
        part="body",
        pasal="9",
        title="Pasal 9",
        heading="BAB <III>",
        text="\n".join(f"({i}) Ketentuan & syarat nomor {i} berlaku." for i in range(1, 300)),
        citation="Pasal 9 PKPU 99/2030",
        status="diubah",
        scope="pilkada",
        change_note="diubah dengan PKPU 100/2031",
    )
    pages = rh.render_article(record)
    assert len(pages) >= 2
    assert_valid(pages)
    assert pages[0].endswith(f"Halaman 1/{len(pages)}")
    assert all("bukan ketentuan yang berlaku" in p for p in pages)
    short = rh.render_article(
        ArticleRecord(
            key="k",
            source="s",
            doc_short="d",
            part="body",
            pasal="1",
            title="Pasal 1",
            heading="",
            text="Isi.",
            citation="Pasal 1 d",
            status="berlaku",
            scope="pilkada",
        )
    )
    assert len(short) == 1 and "Halaman" not in short[0]


def test_fixed_texts_and_reports_are_valid_html() -> None:
    docs = [
        DocumentInfo(
            source="a.md",
            kind="PKPU",
            number="1",
            year="2030",
            title="Pemungutan & <Suara>",
            short_name="PKPU 1/2030",
            scope="pilkada",
        )
    ]
    texts = [
        rh.welcome(docs),
        rh.welcome([]),
        rh.help_text(True),
        rh.help_text(False),
        rh.sources_text(docs, {"built_at": "2026-01-02T03:04:05+0000"}),
        rh.sources_text([], {}),
        rh.status_text(rh.StatusFigures(3, 9, None, 4000.0, 5, 1, True)),
        rh.rate_limited(12.2),
        rh.truncated_note(1000),
        rh.NON_TEXT,
        rh.EMPTY_TANYA,
        *rh.pack_lines(rh.feedback_blocks(2, 1, [])),
    ]
    assert_valid(texts)
    assert "PKPU 1/2030" in texts[0] and "Contoh pertanyaan" in texts[0]
    assert "/reindex" in texts[2] and "/reindex" not in texts[3]
    assert "02-01-2026" in texts[4]
    assert "13 detik" in rh.rate_limited(12.2)


def test_each_question_of_a_multi_question_message_gets_its_passage() -> None:
    first = make_chunk("Pemungutan suara dimulai pukul 07.00.")
    second = make_chunk("Tinta diletakkan di dekat pintu keluar.", id="c2", pasal="5")
    answer = FakeAnswer(passages=[FakePassage(first), FakePassage(second)])
    messages = rh.render_answer(answer)
    assert_valid(messages)
    text = "\n".join(messages)
    assert text.index("pukul 07.00") < text.index("pintu keluar")


def test_llm_wording_comes_first_and_is_escaped() -> None:
    answer = FakeAnswer(
        passages=[FakePassage(make_chunk("Pemungutan suara dimulai pukul 07.00."))],
        generated="Dimulai pukul 07.00 <b>[1]</b>.",
    )
    messages = rh.render_answer(answer)
    assert_valid(messages)
    assert messages[0].startswith("Dimulai pukul 07.00 &lt;b&gt;[1]&lt;/b&gt;.")
