"""End to end over HTTP: the real Application and engine against a local Bot API server.

Every test runs the application exactly as ``run`` builds it (``build_application``), pointed at
``tests/botapi_server.py`` through ``telegram_base_url``, with the real engine over the fixture
corpus (plus one long article, generated here, to exercise paging). The server rejects what
Telegram would reject (bad HTML, > 4096 characters, callback data > 64 bytes), and the harness
checks after each test that no request was rejected and every button press was answered.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot import render_html as rh
from bot.engine import THANKS_MESSAGE, UNNAMED_LIMIT_MESSAGE, AnswerEngine
from bot.records import Records
from bot.telegram_app import TgApp, build_application, webhook_options
from ingest.pipeline import run_ingest
from knowledge.settings import Settings
from tests.botapi_server import (
    BotApiServer,
    html_problems,
    reply_markup_buttons,
    start_application,
    stop_application,
)
from tests.conftest import FIXTURE_CORPUS, make_settings

pytestmark = pytest.mark.integration

ADMIN = 9001
ADMIN_LATE = 9002  # an admin whose private chat does not exist when the bot starts
OFFICER = 1001
GROUP = -100500
JSON = dict[str, Any]


def long_regulation() -> str:
    """A PKPU-shaped document whose Pasal 1 is longer than one Telegram message."""
    wilayah = ["kecamatan", "desa", "kelurahan", "kabupaten", "kota"]
    ayat = [
        "(1) Pemantau pemilihan wajib mengenakan tanda pengenal pemantau yang diterbitkan oleh "
        "KPU selama berada di lingkungan TPS."
    ]
    for i in range(2, 40):
        ayat.append(
            f"({i}) Pemantau pemilihan yang bertugas di tingkat {wilayah[i % 5]} menyampaikan "
            f"laporan pemantauan tahap ke-{i} kepada KPU Kabupaten/Kota paling lambat {i} hari "
            "setelah pemungutan suara, dengan melampirkan dokumentasi kegiatan pemantauan."
        )
    return "\n".join(
        [
            "PERATURAN KOMISI PEMILIHAN UMUM REPUBLIK INDONESIA NOMOR 77 TAHUN 2029 TENTANG "
            "PEMANTAU PEMILIHAN",
            "DENGAN RAHMAT TUHAN YANG MAHA ESA KETUA KOMISI PEMILIHAN UMUM,",
            "MEMUTUSKAN:",
            "Menetapkan: PERATURAN KOMISI PEMILIHAN UMUM TENTANG PEMANTAU PEMILIHAN.",
            "BAB I PEMANTAU",
            "Pasal 1",
            *ayat,
            "Pasal 2",
            "Peraturan Komisi ini mulai berlaku pada tanggal diundangkan.",
        ]
    )


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF, one Helvetica text line per entry (what pypdf extracts)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = font + 2 * len(pages) + 1
    page_ids = []
    for lines in pages:
        ops = ["BT", "/F1 10 Tf", "12 TL", "50 800 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        stream = "\n".join([*ops, "ET"]).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


LOGISTIK_PDF = [
    [
        "PERATURAN KOMISI PEMILIHAN UMUM REPUBLIK INDONESIA",
        "NOMOR 101 TAHUN 2032",
        "TENTANG",
        "LOGISTIK PEMUNGUTAN SUARA",
        "DENGAN RAHMAT TUHAN YANG MAHA ESA",
        "MEMUTUSKAN:",
        "Menetapkan: PERATURAN KOMISI PEMILIHAN UMUM TENTANG LOGISTIK PEMUNGUTAN SUARA.",
        "BAB I",
        "LOGISTIK",
    ],
    [
        "Pasal 1",
        "(1) KPPS menyegel kotak suara dengan segel plastik bernomor seri setelah "
        "penghitungan suara selesai.",
        "(2) Segel plastik yang rusak wajib diganti dan dicatat dalam berita acara.",
        "Pasal 2",
        "Sampul kertas untuk formulir hasil penghitungan suara berwarna cokelat.",
    ],
]


def fresh_corpus(root: Path, with_long: bool = True) -> Settings:
    shutil.copytree(FIXTURE_CORPUS, root / "corpus")
    if with_long:
        (root / "corpus" / "pkpu-77-2029.md").write_text(long_regulation(), encoding="utf-8")
    return make_settings(root / "corpus", root / "data")


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = fresh_corpus(tmp_path_factory.mktemp("telegram"))
    report = run_ingest(settings)
    assert report.count("failed") == 0
    return settings


@dataclass
class Harness:
    server: BotApiServer
    app: TgApp
    settings: Settings
    records: Records

    async def ask(self, user_id: int, text: str, **kwargs: Any) -> JSON:
        """Send a text and return the first message the bot sends back to that chat."""
        since = self.server.mark()
        sent = self.server.send_text(user_id, text, **kwargs)
        [call, *_] = await self.server.wait_for(
            "sendMessage", since=since, chat_id=sent["chat"]["id"]
        )
        return dict(call.result)

    async def press(self, user_id: int, message: JSON, data: str) -> JSON:
        """Press a button; return the answerCallbackQuery parameters."""
        since = self.server.mark()
        query_id = self.server.press(user_id, message, data)
        [call] = await self.server.wait_for(
            "answerCallbackQuery", since=since, callback_query_id=query_id
        )
        return call.params

    async def document(self, user_id: int, name: str, data: bytes, mime: str) -> JSON:
        return self.server.send_document(user_id, name, data, mime)


def bot_settings(base: Settings, server: BotApiServer, **extra: Any) -> Settings:
    return base.model_copy(
        update={
            "telegram_bot_token": server.token,
            "telegram_base_url": server.base_url,
            "telegram_base_file_url": server.base_file_url,
            "admin_ids": frozenset({ADMIN, ADMIN_LATE}),
            "questions_per_minute": 30,
            **extra,
        }
    )


@asynccontextmanager
async def running_bot(
    base: Settings,
    records_dir: Path,
    *,
    engine_factory: Callable[[Settings], Any] = AnswerEngine.open,
    polling: bool = True,
    **extra: Any,
) -> AsyncIterator[Harness]:
    server = await BotApiServer(known_chats={ADMIN}).start()
    settings = bot_settings(base, server, **extra)
    records = Records(records_dir / "records.sqlite3", salt="uji", retention_days=30)
    app = build_application(
        settings,
        engine_factory(settings),
        records=records,
        engine_opener=lambda: AnswerEngine.open(settings),
    )
    await start_application(app, polling=polling)
    harness = Harness(server, app, settings, records)
    try:
        yield harness
        await server.settle()
        check_protocol(server)
    finally:
        await stop_application(app, server)


def check_protocol(server: BotApiServer) -> None:
    """What must hold after any conversation."""
    rejected = [
        (c.method, c.result)
        for c in server.calls
        if c.status == 400 and not (c.method == "setMyCommands" and "chat not found" in c.result)
    ]
    assert rejected == []  # an admin's unknown chat is the only expected rejection
    answered = {c.params["callback_query_id"] for c in server.find("answerCallbackQuery")}
    assert set(server.pressed) <= answered, "a button press was left without an answer"
    for call in server.find("sendMessage") + server.find("editMessageText"):
        assert call.params.get("parse_mode") == "HTML"
        assert html_problems(call.params["text"]) == []
        assert len(call.params["text"]) <= 4096


@pytest.fixture
async def bot(indexed: Settings, tmp_path: Path) -> AsyncIterator[Harness]:
    async with running_bot(indexed, tmp_path) as harness:
        yield harness


# -- officers ---------------------------------------------------------------------------------


async def test_private_question_gets_a_cited_answer_and_working_buttons(bot: Harness) -> None:
    since = bot.server.mark()
    answer = await bot.ask(OFFICER, "jam brp nyoblos dimulai?")
    text = answer["text"]
    assert "<blockquote>" in text and "07.00" in text and "08.00" not in text
    assert "Pasal 3 PKPU 99/2030 sebagaimana diubah dengan PKPU 100/2031" in text
    assert "Pilkada" in text
    assert bot.server.find("sendChatAction", since, chat_id=OFFICER, action="typing")
    buttons = reply_markup_buttons(answer)
    assert set(buttons) == {"📖 Teks lengkap", "👍", "👎"}
    assert all(len(data.encode()) <= 64 for data in buttons.values())
    assert bot.records.recent_abstentions() == []  # answered, not declined

    since = bot.server.mark()
    await bot.press(OFFICER, answer, buttons["📖 Teks lengkap"])
    [full] = await bot.server.wait_for("sendMessage", since=since, chat_id=OFFICER)
    assert full.params["text"].startswith("📖 <b>Pasal 3")
    assert "07.00" in full.params["text"]  # the whole article, version in force

    vote = await bot.press(OFFICER, answer, buttons["👎"])
    assert "👎" in vote["text"]
    answer_id = int(buttons["👎"].split(":")[1])
    stored = bot.records.get_answer(answer_id)
    assert stored is not None and stored.question == "jam brp nyoblos dimulai?"
    assert stored.chunk_ids and stored.citation and "Pasal 3" in stored.citation
    assert [v for _, v in bot.records.feedback_for(answer_id)] == [-1]
    await bot.press(OFFICER, answer, buttons["👍"])
    assert [v for _, v in bot.records.feedback_for(answer_id)] == [1]


async def test_full_text_of_a_long_article_is_paged(bot: Harness) -> None:
    answer = await bot.ask(OFFICER, "pemantau pemilihan wajib pakai tanda pengenal?")
    assert "PKPU 77/2029" in answer["text"]
    since = bot.server.mark()
    await bot.press(OFFICER, answer, reply_markup_buttons(answer)["📖 Teks lengkap"])
    [first] = await bot.server.wait_for("sendMessage", since=since, chat_id=OFFICER)
    page1 = first.result
    assert "Halaman 1/" in page1["text"]
    assert set(reply_markup_buttons(page1)) == {"▶️"}

    since = bot.server.mark()
    await bot.press(OFFICER, page1, reply_markup_buttons(page1)["▶️"])
    [edit] = await bot.server.wait_for("editMessageText", since=since)
    page2 = edit.result
    assert page2["message_id"] == page1["message_id"]
    assert "Halaman 2/" in page2["text"] and "◀️" in reply_markup_buttons(page2)

    since = bot.server.mark()
    await bot.press(OFFICER, page2, reply_markup_buttons(page2)["◀️"])
    [back] = await bot.server.wait_for("editMessageText", since=since)
    assert back.params["text"] == page1["text"]


async def test_a_short_follow_up_is_read_with_the_officers_previous_question(
    bot: Harness,
) -> None:
    """ "paling lambat?" alone names nothing; right after a question it asks about that one."""
    officer = OFFICER + 7  # a chat of its own, so no other test's question is "previous"
    first = await bot.ask(officer, "kpps nyiapin tps kapan?")
    assert "Pasal 2" in first["text"]
    thanks = await bot.ask(officer, "makasih min")
    assert thanks["text"] == THANKS_MESSAGE  # small talk, not "tidak ditemukan"
    follow_up_reply = await bot.ask(officer, "paling lambat?")
    follow_up = follow_up_reply["text"]
    assert "1 (satu) hari sebelum" in follow_up and "Pasal 2" in follow_up
    assert "lanjutan pertanyaan Anda sebelumnya: «kpps nyiapin tps kapan?»" in follow_up
    stored = bot.records.get_answer(int(reply_markup_buttons(follow_up_reply)["👍"].split(":")[1]))
    assert stored is not None  # the admins see what the follow-up was read with
    assert stored.question == "paling lambat? (lanjutan dari: «kpps nyiapin tps kapan?»)"
    other = await bot.ask(OFFICER + 8, "maksimal?")  # another officer: nothing to follow
    assert other["text"] == UNNAMED_LIMIT_MESSAGE


async def test_old_or_unknown_buttons_get_a_polite_reply(bot: Harness) -> None:
    fake = {
        "message_id": 77,
        "date": 0,
        "chat": BotApiServer.chat(OFFICER),
        "from": bot.server.bot_user,
        "text": "jawaban lama",
    }
    for data in ("t:987654", "f:987654:1", "p:987654:3", "rusak", ""):
        answered = await bot.press(OFFICER, fake, data)
        assert answered["text"] == rh.EXPIRED_BUTTON and answered["show_alert"] is True


async def test_abstention_is_honest_and_recorded(bot: Harness) -> None:
    reply = await bot.ask(OFFICER, "cara upload foto ke aplikasi sirekap gmn")
    assert "PPS" in reply["text"] and "reply_markup" not in reply
    [row] = bot.records.recent_abstentions()
    assert row.question == "cara upload foto ke aplikasi sirekap gmn"


async def test_group_answers_only_when_addressed(bot: Harness) -> None:
    group = {"chat_id": GROUP, "chat_type": "supergroup"}
    since = bot.server.mark()
    bot.server.send_text(OFFICER, "jam brp nyoblos dimulai?", **group)  # chatter: ignored
    asked = bot.server.send_text(OFFICER, "/tanya jam brp nyoblos dimulai?", **group)
    [call] = await bot.server.wait_for("sendMessage", since=since, chat_id=GROUP)
    assert call.params["reply_parameters"]["message_id"] == asked["message_id"]
    assert "07.00" in call.params["text"]

    mention = await bot.ask(OFFICER, "@tanya_kpps_bot tinta di jari buat apa", **group)
    assert "Pasal 5" in mention["text"]
    reply = await bot.ask(OFFICER, "kalau surat suara rusak gimana", reply_to=mention, **group)
    assert reply["reply_to_message"]["text"] == "kalau surat suara rusak gimana"
    await bot.ask(OFFICER, "/tanya@tanya_kpps_bot isi pasal 2 apa?", **group)
    await bot.server.settle()
    # four addressed messages, four replies: the plain chatter got none
    assert len(bot.server.find("sendMessage", since, chat_id=GROUP)) == 4

    empty = await bot.ask(OFFICER, "/tanya", **group)
    assert "/tanya" in empty["text"]


async def test_non_text_messages_get_a_short_note(bot: Harness) -> None:
    contents: list[JSON] = [
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "s",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 2}},
        {"location": {"latitude": -6.2, "longitude": 106.8}},
        {"document": {"file_id": "d", "file_unique_id": "d", "file_name": "x.pdf"}},
    ]
    for content in contents:
        since = bot.server.mark()
        bot.server.send_message(OFFICER, **content)
        [call] = await bot.server.wait_for("sendMessage", since=since, chat_id=OFFICER)
        assert call.params["text"] == rh.NON_TEXT
    since = bot.server.mark()
    bot.server.send_message(OFFICER, chat_id=GROUP, chat_type="group", **contents[0])
    await bot.server.settle()
    assert bot.server.find("sendMessage", since, chat_id=GROUP) == []


async def test_over_long_message_is_answered_on_its_first_part(bot: Harness) -> None:
    question = "jam brp nyoblos dimulai? " * 60
    assert len(question) > 1000
    reply = await bot.ask(OFFICER, question)
    assert "1000 karakter pertamanya" in reply["text"]
    answer_id = int(reply_markup_buttons(reply)["👍"].split(":")[1])
    stored = bot.records.get_answer(answer_id)
    assert stored is not None and stored.truncated and len(stored.question) <= 1000


async def test_per_user_question_limit(indexed: Settings, tmp_path: Path) -> None:
    async with running_bot(indexed, tmp_path, questions_per_minute=3) as bot:
        since = bot.server.mark()
        for i in range(4):
            bot.server.send_text(OFFICER, f"isi pasal {i + 1} apa?")
        calls = await bot.server.wait_for("sendMessage", count=4, since=since)
        limited = [c for c in calls if "terlalu banyak pertanyaan" in c.params["text"]]
        assert len(limited) == 1
        other = await bot.ask(OFFICER + 1, "isi pasal 2 apa?")  # other officers unaffected
        assert "terlalu banyak" not in other["text"]


async def test_telegram_429_and_5xx_are_retried_without_losing_the_reply(bot: Harness) -> None:
    bot.server.fail_next("sendMessage", 1, "429")
    since = bot.server.mark()
    reply = await bot.ask(OFFICER, "tinta di jari buat apa")
    assert "Pasal 5" in reply["text"]
    assert [c.status for c in bot.server.calls[since:] if c.method == "sendMessage"] == [429, 200]

    bot.server.fail_next("sendMessage", 2, "502")
    bot.server.fail_next("answerCallbackQuery", 1, "502")
    since = bot.server.mark()
    reply = await bot.ask(OFFICER, "isi pasal 2 apa?")
    assert "Pasal 2" in reply["text"]
    statuses = [c.status for c in bot.server.calls[since:] if c.method == "sendMessage"]
    assert statuses == [502, 502, 200]
    await bot.press(OFFICER, reply, reply_markup_buttons(reply)["👍"])


async def test_handler_failure_tells_the_officer(indexed: Settings, tmp_path: Path) -> None:
    class BrokenIndex:
        """The real engine whose answering fails, e.g. a corrupted index file."""

        def __init__(self, settings: Settings) -> None:
            self._engine = AnswerEngine.open(settings)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._engine, name)

        def answer(self, question: str, earlier: str = "") -> Any:
            raise OSError("index file unreadable")

    async with running_bot(indexed, tmp_path, engine_factory=BrokenIndex) as bot:
        reply = await bot.ask(OFFICER, "kapan tps dibuka")
        assert reply["text"] == rh.ERROR


# -- informational and admin commands ---------------------------------------------------------


async def test_start_help_sumber(bot: Harness) -> None:
    welcome = (await bot.ask(OFFICER, "/start"))["text"]
    assert "PKPU 99/2030" in welcome and "Contoh pertanyaan" in welcome
    assert "bukan memberi pendapat hukum" in welcome
    help_text = (await bot.ask(OFFICER, "/help"))["text"]
    assert "/tanya" in help_text and "/reindex" not in help_text
    assert "Pertanyaan lanjutan" in help_text  # officers learn that "jam brp?" is enough
    sources = (await bot.ask(OFFICER, "/sumber"))["text"]
    assert "PKPU 100/2031" in sources and "Indeks dibangun" in sources


async def test_commands_are_registered_per_scope(bot: Harness) -> None:
    calls = bot.server.find("setMyCommands")
    default = [c for c in calls if "scope" not in c.params]
    [officer_cmds] = [[cmd["command"] for cmd in c.params["commands"]] for c in default]
    assert "tanya" in officer_cmds and "status" not in officer_cmds
    scoped = {c.params["scope"]["chat_id"]: c.params for c in calls if "scope" in c.params}
    assert set(scoped) == {ADMIN}  # only admins get a scope; ADMIN_LATE's chat is unknown yet
    assert "reindex" in [cmd["command"] for cmd in scoped[ADMIN]["commands"]]
    assert bot.server.find("setMyCommands", ok=False)  # ADMIN_LATE failed politely

    since = bot.server.mark()
    await bot.ask(ADMIN_LATE, "/start")  # now the chat exists: the admin's commands are set
    await bot.server.wait_for("setMyCommands", since=since)
    assert bot.server.find("setMyCommands", since)[0].params["scope"]["chat_id"] == ADMIN_LATE


async def reindex(bot: Harness) -> list[Any]:
    """An admin sends /reindex; returns the two replies (started, then the report)."""
    since = bot.server.mark()
    bot.server.send_text(ADMIN, "/reindex")
    return await bot.server.wait_for("sendMessage", count=2, since=since, chat_id=ADMIN)


async def test_admin_commands_and_refusals(bot: Harness) -> None:
    for command in ("/status", "/reindex", "/belumterjawab", "/umpanbalik"):
        refusal = await bot.ask(OFFICER, command)
        assert refusal["text"] == rh.ADMIN_ONLY
    in_group = await bot.ask(ADMIN, "/status", chat_id=GROUP, chat_type="supergroup")
    assert "chat pribadi" in in_group["text"]

    answer = await bot.ask(OFFICER, "jam brp nyoblos dimulai?")
    await bot.press(OFFICER, answer, reply_markup_buttons(answer)["👎"])
    await bot.ask(OFFICER, "cara login sirekap gmn")

    status = (await bot.ask(ADMIN, "/status"))["text"]
    assert "Dokumen: 4" in status and "Pertanyaan hari ini: 2 (tidak terjawab: 1)" in status
    unanswered = (await bot.ask(ADMIN, "/belumterjawab"))["text"]
    assert "cara login sirekap gmn" in unanswered
    # The admin sees which word no document uses: a thesaurus gap or a missing document.
    assert "tidak ada di dokumen: <i>" in unanswered and "sirekap (1)" in unanswered
    feedback = (await bot.ask(ADMIN, "/umpanbalik"))["text"]
    assert "👍 0   👎 1" in feedback and "jam brp nyoblos dimulai?" in feedback
    assert "Pasal 3 PKPU 99/2030" in feedback

    calls = await reindex(bot)
    assert calls[0].params["text"] == rh.REINDEX_STARTED
    assert "Pengindeksan selesai" in calls[1].params["text"]
    assert "0 gagal" in calls[1].params["text"]


async def test_admin_pdf_upload_is_saved_and_indexed(tmp_path: Path) -> None:
    base = fresh_corpus(tmp_path / "own", with_long=False)
    run_ingest(base)
    async with running_bot(base, tmp_path) as bot:
        before = await bot.ask(OFFICER, "warna sampul formulir hasil penghitungan apa")
        assert "PKPU 101/2032" not in before["text"]

        pdf = make_pdf(LOGISTIK_PDF)
        since = bot.server.mark()
        await bot.document(ADMIN, "PKPU 101 Tahun 2032 (Logistik).pdf", pdf, "application/pdf")
        calls = await bot.server.wait_for("sendMessage", count=2, since=since, chat_id=ADMIN)
        assert "pkpu-101-tahun-2032-logistik.pdf" in calls[0].params["text"]
        assert "1 baru" in calls[1].params["text"] and "0 gagal" in calls[1].params["text"]
        saved = base.corpus_dir / "pkpu-101-tahun-2032-logistik.pdf"
        assert saved.read_bytes() == pdf
        assert bot.server.find("download", since)

        after = await bot.ask(OFFICER, "warna sampul formulir hasil penghitungan apa")
        assert "Pasal 2 PKPU 101/2032" in after["text"] and "cokelat" in after["text"]

        changed = make_pdf([LOGISTIK_PDF[0], [*LOGISTIK_PDF[1], "Pasal 3", "Cukup jelas."]])
        since = bot.server.mark()
        await bot.document(ADMIN, "PKPU 101 Tahun 2032 (Logistik).pdf", changed, "application/pdf")
        calls = await bot.server.wait_for("sendMessage", count=2, since=since, chat_id=ADMIN)
        assert "DIGANTI" in calls[0].params["text"]
        assert "1 diperbarui" in calls[1].params["text"]

        since = bot.server.mark()
        await bot.document(ADMIN, "palsu.pdf", b"bukan pdf", "application/pdf")
        [fake] = await bot.server.wait_for("sendMessage", since=since, chat_id=ADMIN)
        assert "bukan PDF yang valid" in fake.params["text"]
        assert not (base.corpus_dir / "palsu.pdf").exists()

        since = bot.server.mark()
        await bot.document(OFFICER, "lain.pdf", pdf, "application/pdf")
        [note] = await bot.server.wait_for("sendMessage", since=since, chat_id=OFFICER)
        assert note.params["text"] == rh.NON_TEXT
        assert not (base.corpus_dir / "lain.pdf").exists()


async def test_empty_index_starts_and_says_documents_are_missing(tmp_path: Path) -> None:
    base = make_settings(tmp_path / "corpus", tmp_path / "data")
    async with running_bot(base, tmp_path) as bot:
        reply = await bot.ask(OFFICER, "kapan tps dibuka")
        assert reply["text"] == rh.NOT_LOADED
        assert "belum dimuat" in (await bot.ask(OFFICER, "/start"))["text"]
        # the admin adds documents and re-indexes: the bot picks the index up without restart
        shutil.copytree(FIXTURE_CORPUS, base.corpus_dir)
        calls = await reindex(bot)
        assert "Indeks baru sudah dipakai" in calls[1].params["text"]
        reply = await bot.ask(OFFICER, "jam brp nyoblos dimulai?")
        assert "07.00" in reply["text"]


async def test_failed_ingestion_is_reported_and_the_bot_keeps_answering(tmp_path: Path) -> None:
    base = fresh_corpus(tmp_path / "own", with_long=False)
    run_ingest(base)
    (base.corpus_dir / "rusak.pdf").write_bytes(b"%PDF-1.4 terpotong")
    async with running_bot(base, tmp_path) as bot:
        calls = await reindex(bot)
        report = calls[1].params["text"]
        assert "1 gagal" in report and "rusak.pdf" in report
        reply = await bot.ask(OFFICER, "jam brp nyoblos dimulai?")
        assert "07.00" in reply["text"]

        def disk_full(settings: Settings) -> Any:
            raise OSError("No space left on device")

        bot.app.bot_data["tanya_kpps_services"].ingest = disk_full
        calls = await reindex(bot)
        assert "Pengindeksan gagal: OSError" in calls[1].params["text"]
        reply = await bot.ask(OFFICER, "jam brp nyoblos dimulai?")
        assert "07.00" in reply["text"]


# -- webhook mode -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode_checks_the_secret(indexed: Settings, tmp_path: Path) -> None:
    port = free_port()
    async with running_bot(
        indexed,
        tmp_path,
        polling=False,
        webhook_url=f"https://kpu.example/tg/{port}",
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret="rahasia-123",
    ) as bot:
        assert bot.app.updater is not None
        await bot.app.updater.start_webhook(**webhook_options(bot.settings))
        assert bot.server.webhook["url"] == f"https://kpu.example/tg/{port}"
        assert bot.server.webhook["secret_token"] == "rahasia-123"
        message: JSON = {
            "message_id": 1,
            "date": 0,
            "chat": BotApiServer.chat(OFFICER),
            "from": BotApiServer.user(OFFICER),
            "text": "isi pasal 2 apa?",
        }
        update = {"update_id": 1, "message": message}
        bot.server.messages[(OFFICER, 1)] = message
        url = f"http://127.0.0.1:{port}/tg/{port}"
        async with aiohttp.ClientSession() as http:
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "salah"}
            async with http.post(url, json=update, headers=wrong) as response:
                assert response.status == 403
            right = {"X-Telegram-Bot-Api-Secret-Token": "rahasia-123"}
            async with http.post(url, json=update, headers=right) as response:
                assert response.status == 200
        [call] = await bot.server.wait_for("sendMessage", chat_id=OFFICER)
        assert "Pasal 2" in call.params["text"]
        await asyncio.sleep(0.2)
        assert len(bot.server.find("sendMessage")) == 1
