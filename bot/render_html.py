"""Render answers, whole articles and admin reports as Telegram HTML messages.

Why this module is separate from the handlers: Telegram rejects a whole message for one stray
``<`` or an unclosed tag, and cuts nothing for us above 4096 characters. Everything dynamic is
escaped here, in one place, and long content is split on passage boundaries (or, for a single
passage too long for one message, on line/sentence/word boundaries of the *plain* text before
escaping), so a tag or an entity can never be cut in half.

The engine's ``Answer``/``Passage`` are consumed through the structural protocols below, so the
renderer is tested without an index and does not import the retrieval stack.
"""

from __future__ import annotations

import html
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate
from typing import Any, Protocol

from knowledge.models import ArticleRecord, Chunk, DocumentInfo

MAX_MESSAGE_CHARS = 4096
_BOLD_OVERHEAD = len("<b></b>")
_QUOTE_OVERHEAD = len("<blockquote></blockquote>")
_SHORT_QUOTE_CHARS = 180
_MAX_HEADING_CHARS = 200
_MAX_CITATION_CHARS = 600


class PassageView(Protocol):
    """What the renderer needs of ``bot.engine.Passage``."""

    @property
    def chunk(self) -> Chunk: ...

    @property
    def key_sentence(self) -> str: ...

    @property
    def scope_label(self) -> str: ...


class AnswerView(Protocol):
    """What the renderer needs of ``bot.engine.Answer``."""

    @property
    def abstained(self) -> bool: ...

    @property
    def passages(self) -> Sequence[PassageView]: ...

    @property
    def see_also(self) -> Sequence[PassageView]: ...

    @property
    def notices(self) -> Sequence[str]: ...

    @property
    def abstain_message(self) -> str: ...

    @property
    def generated(self) -> str | None: ...

    @property
    def thread(self) -> str: ...


def esc(text: str) -> str:
    """Escape dynamic text for Telegram HTML (``&``, ``<``, ``>``; quotes need no escaping)."""
    return html.escape(text, quote=False)


def shorten(text: str, limit: int) -> str:
    """Collapse whitespace and cut at a word boundary, adding "…" when something was cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


# -- splitting plain text under a rendered-length budget -------------------------------------


def split_ranges(text: str, budget: int) -> list[tuple[int, int]]:
    """Cut ``text`` into ranges whose *escaped* length is at most ``budget``.

    Prefers line breaks, then sentence ends, then spaces; hard-cuts only a single "word"
    longer than the budget. Whitespace at the cut points is dropped from the ranges.
    """
    if budget < 1:
        raise ValueError("budget must be positive")
    cum = [0, *accumulate(len(esc(ch)) for ch in text)]
    ranges: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    while start < len(text):
        # largest end with rendered(start, end) <= budget
        end = bisect_right(cum, cum[start] + budget) - 1
        end = len(text) if end >= len(text) else _best_cut(text, start, end)
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            ranges.append((start, stop))
        start = _skip_space(text, max(end, start + 1))
    return ranges


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _best_cut(text: str, start: int, end: int) -> int:
    """A cut position in (start, end]: a line break, a sentence end, a space, or ``end``."""
    floor = start + (end - start) // 3
    newline = text.rfind("\n", start, end)
    if newline > floor:
        return newline + 1
    for mark in (". ", "; ", ": ", ", "):
        pos = text.rfind(mark, start, end)
        if pos > floor:
            return pos + len(mark)
    space = text.rfind(" ", start, end)
    if space > start:
        return space + 1
    return end


def _marked(text: str, start: int, end: int, bold: tuple[int, int] | None) -> str:
    """Escaped ``text[start:end]`` with the overlap of ``bold`` wrapped in ``<b>``."""
    if bold is None:
        return esc(text[start:end])
    b0, b1 = max(bold[0], start), min(bold[1], end)
    if b0 >= b1:
        return esc(text[start:end])
    return esc(text[start:b0]) + "<b>" + esc(text[b0:b1]) + "</b>" + esc(text[b1:end])


def _find_sentence(text: str, sentence: str) -> tuple[int, int] | None:
    """Locate ``sentence`` in ``text`` exactly, or ignoring differences in whitespace."""
    sentence = sentence.strip()
    if not sentence:
        return None
    pos = text.find(sentence)
    if pos >= 0:
        return pos, pos + len(sentence)
    words = sentence.split()
    # map positions of the whitespace-collapsed text back to the original text
    flat_chars: list[str] = []
    origin: list[int] = []
    previous_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if previous_space:
                continue
            flat_chars.append(" ")
            previous_space = True
        else:
            flat_chars.append(ch)
            previous_space = False
        origin.append(i)
    flat = "".join(flat_chars)
    pos = flat.find(" ".join(words))
    if pos < 0:
        return None
    last = pos + len(" ".join(words)) - 1
    return origin[pos], origin[last] + 1


def _quote_blocks(text: str, key_sentence: str, budget: int) -> list[str]:
    """The passage as one or more ``<blockquote>`` blocks, key sentence in bold."""
    text = text.strip()
    bold = _find_sentence(text, key_sentence)
    inner_budget = budget - _QUOTE_OVERHEAD - _BOLD_OVERHEAD
    return [
        f"<blockquote>{_marked(text, a, b, bold)}</blockquote>"
        for a, b in split_ranges(text, inner_budget)
    ]


def pack_blocks(
    blocks: Iterable[str], limit: int = MAX_MESSAGE_CHARS, separator: str = "\n\n"
) -> list[str]:
    """Join complete blocks into as few messages as possible, never splitting a block."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if len(block) > limit:
            raise ValueError("a block longer than one message reached pack_blocks")
        candidate = f"{current}{separator}{block}" if current else block
        if len(candidate) <= limit:
            current = candidate
        else:
            messages.append(current)
            current = block
    if current:
        messages.append(current)
    return messages


# -- answers ----------------------------------------------------------------------------------


_STATUS_ID = {"diubah": "telah diubah", "dihapus": "telah dihapus"}


def _source_lines(passage: PassageView) -> str:
    chunk = passage.chunk
    lines = [f"📌 <b>{esc(shorten(chunk.citation, _MAX_CITATION_CHARS))}</b>"]
    if passage.scope_label:
        lines.append(f"🗳️ Berlaku untuk: {esc(passage.scope_label)}")
    if not chunk.in_force:
        note = _STATUS_ID.get(chunk.status, chunk.status)
        extra = f" ({esc(chunk.change_note)})" if chunk.change_note else ""
        lines.append(f"⚠️ Ketentuan ini {note}{extra}.")
    return "\n".join(lines)


def _passage_blocks(main: PassageView, limit: int) -> list[str]:
    """Heading, quote (key sentence in bold) and citation of one main passage."""
    blocks: list[str] = []
    heading = main.chunk.heading.strip()
    head = f"<i>{esc(shorten(heading, _MAX_HEADING_CHARS))}</i>" if heading else ""
    source = _source_lines(main)
    quotes = _quote_blocks(main.chunk.text, main.key_sentence, limit - 2)
    # the heading goes with the first quote and the citation with the last, when they fit
    if head and len(head) + 1 + len(quotes[0]) <= limit:
        quotes[0] = f"{head}\n{quotes[0]}"
    elif head:
        blocks.append(head)
    if len(quotes[-1]) + 1 + len(source) <= limit:
        quotes[-1] = f"{quotes[-1]}\n{source}"
        blocks.extend(quotes)
    else:
        blocks.extend([*quotes, source])
    return blocks


def answer_blocks(answer: AnswerView, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """The blocks of an answer in display order (packed into messages by ``render_answer``)."""
    if answer.abstained or not answer.passages:
        message = answer.abstain_message or "Maaf, jawabannya tidak ditemukan dalam dokumen."
        return [esc(message[a:b]) for a, b in split_ranges(message, limit)]
    blocks: list[str] = []
    if answer.generated:  # LLM mode: a worded answer whose citations were checked
        text = answer.generated
        blocks += [esc(text[a:b]) for a, b in split_ranges(text, limit)]
    for main in answer.passages:
        blocks += _passage_blocks(main, limit)
    for notice in answer.notices:
        if notice.strip():
            blocks.append(f"ℹ️ {esc(shorten(notice, limit - 10))}")
    related = list(answer.see_also[:2])
    if related:
        lines = ["<b>Lihat juga</b>"]
        for passage in related:
            quote = esc(shorten(passage.chunk.text, _SHORT_QUOTE_CHARS))
            citation = esc(shorten(passage.chunk.citation, 300))
            scope = f" ({esc(passage.scope_label)})" if passage.scope_label else ""
            lines.append(f"• «{quote}» — <i>{citation}</i>{scope}")
        blocks.append("\n".join(lines))
    return blocks


def render_answer(answer: AnswerView, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """An answer as Telegram HTML messages, each at most ``limit`` characters."""
    return pack_blocks(answer_blocks(answer, limit), limit)


# -- whole articles ("Teks lengkap") ---------------------------------------------------------


def render_article(record: ArticleRecord, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """A whole article as pages; the caller adds ◀️/▶️ buttons when there is more than one."""
    header = f"📖 <b>{esc(shorten(record.citation or record.title, _MAX_CITATION_CHARS))}</b>"
    if record.heading.strip():
        header += f"\n<i>{esc(shorten(record.heading, _MAX_HEADING_CHARS))}</i>"
    if not record.in_force:
        note = _STATUS_ID.get(record.status, record.status)
        extra = f" ({esc(record.change_note)})" if record.change_note else ""
        header += f"\n⚠️ Teks ini {note}{extra}; bukan ketentuan yang berlaku."
    footer_room = len("\n\nHalaman 999/999")
    budget = limit - len(header) - 1 - footer_room - _QUOTE_OVERHEAD
    text = record.text.strip() or "(teks kosong)"
    ranges = split_ranges(text, budget)
    pages = [f"{header}\n<blockquote>{esc(text[a:b])}</blockquote>" for a, b in ranges]
    if len(pages) > 1:
        pages = [f"{page}\n\nHalaman {i}/{len(pages)}" for i, page in enumerate(pages, 1)]
    return pages


# -- fixed texts and admin reports -------------------------------------------------------------

EXAMPLE_QUESTIONS = (
    "Kapan kotak suara boleh dibuka?",
    "Pemilih pindahan boleh nyoblos jam berapa?",
    "Kalau surat suara rusak, apa yang harus dilakukan KPPS?",
)

NOT_LOADED = (
    "Maaf, dokumen peraturan belum dimuat ke dalam bot ini, jadi pertanyaan belum bisa "
    "dijawab. Silakan hubungi admin KPU setempat atau tanyakan kepada PPS Anda."
)
NON_TEXT = (
    "Maaf, saya hanya memahami pertanyaan berupa teks. Silakan ketik pertanyaan Anda, "
    "misalnya: <i>Kapan kotak suara boleh dibuka?</i>\n"
    "Tidak sempat mengetik? Tekan ikon mikrofon di papan ketik ponsel untuk mendikte: "
    "suara Anda menjadi teks, lalu kirim."
)
ADMIN_ONLY = "Maaf, perintah ini hanya untuk admin."
ERROR = "Maaf, terjadi kesalahan saat memproses permintaan Anda. Silakan coba lagi sebentar lagi."
EXPIRED_BUTTON = (
    "Maaf, jawaban ini sudah tidak tersedia (mungkin sudah terlalu lama). "
    "Silakan kirim pertanyaan Anda lagi."
)
ARTICLE_MISSING = "Maaf, teks lengkap pasal ini tidak ditemukan di indeks saat ini."
FEEDBACK_THANKS = {1: "Terima kasih! 👍 dicatat.", -1: "Terima kasih, 👎 dicatat untuk perbaikan."}
EMPTY_TANYA = "Tulis pertanyaan setelah perintah, misalnya: <code>/tanya kapan TPS dibuka?</code>"
REINDEX_BUSY = "Pengindeksan ulang sedang berjalan. Tunggu hingga selesai, lalu coba lagi."
REINDEX_STARTED = (
    "⏳ Pengindeksan ulang dimulai. Bot tetap menjawab dari indeks lama sampai selesai."
)


def rate_limited(seconds: float) -> str:
    return (
        "Anda mengirim terlalu banyak pertanyaan dalam satu menit. "
        f"Silakan coba lagi dalam {max(int(seconds + 0.999), 1)} detik."
    )


def truncated_note(limit: int) -> str:
    return (
        f"ℹ️ Pesan Anda sangat panjang; yang dijawab hanya {limit} karakter pertamanya. "
        "Kirim pertanyaan yang lebih singkat untuk hasil yang lebih tepat."
    )


def _document_names(documents: Sequence[DocumentInfo]) -> list[str]:
    names: list[str] = []
    for doc in documents:
        if doc.short_name not in names:
            names.append(doc.short_name)
    return names


def welcome(documents: Sequence[DocumentInfo]) -> str:
    """``/start``: what the bot answers, from which documents, examples, and its limits."""
    lines = [
        "👋 <b>Selamat datang di Tanya KPPS.</b>",
        "",
        "Saya menjawab pertanyaan prosedur pemungutan dan penghitungan suara untuk petugas "
        "KPPS, PPS dan PPK, dengan mengutip langsung teks peraturan beserta sumbernya "
        "(pasal, ayat, atau halaman modul).",
        "",
    ]
    names = _document_names(documents)
    if names:
        lines.append("<b>Dokumen yang dimuat:</b> " + esc(", ".join(names)))
    else:
        lines.append("⚠️ Dokumen peraturan belum dimuat; hubungi admin KPU setempat.")
    lines += ["", "<b>Contoh pertanyaan:</b>"]
    lines += [f"• {esc(q)}" for q in EXAMPLE_QUESTIONS]
    lines += [
        "",
        "Saya hanya mengutip peraturan, bukan memberi pendapat hukum. Jika jawabannya tidak "
        "ada di dokumen, saya akan mengatakannya; tanyakan kepada PPS atau KPU setempat.",
    ]
    return "\n".join(lines)


def help_text(is_admin: bool) -> str:
    """``/help``: how to ask, in private chats and groups, and the commands."""
    lines = [
        "<b>Cara bertanya</b>",
        "• Di chat pribadi: ketik saja pertanyaan Anda.",
        "• Di grup: gunakan <code>/tanya pertanyaan</code>, sebut nama bot, atau balas pesan bot.",
        "• Pertanyaan lanjutan boleh singkat (<i>jam brp?</i>, <i>paling lambat?</i>): saya "
        "baca bersama pertanyaan Anda sebelumnya.",
        "• Tekan 📖 <b>Teks lengkap</b> untuk membaca seluruh pasal, dan 👍/👎 untuk menilai "
        "jawaban.",
        "",
        "<b>Perintah</b>",
        "/tanya — ajukan pertanyaan",
        "/sumber — dokumen dan versi yang dimuat",
        "/help — bantuan ini",
    ]
    if is_admin:
        lines += [
            "",
            "<b>Perintah admin</b>",
            "/status — keadaan indeks dan jumlah pertanyaan",
            "/reindex — muat ulang dokumen dari folder korpus",
            "/belumterjawab — pertanyaan yang tidak bisa dijawab",
            "/umpanbalik — ringkasan 👍/👎",
            "Kirim berkas PDF ke chat ini untuk menambahkannya ke korpus.",
        ]
    return "\n".join(lines)


def format_time(value: str | float | None) -> str:
    """An ISO string or Unix time as local "dd-mm-YYYY HH:MM"; unknown values as "-"."""
    if value is None or value == "":
        return "-"
    try:
        moment = (
            datetime.fromtimestamp(float(value))
            if isinstance(value, float | int)
            else datetime.fromisoformat(str(value)).astimezone()
        )
    except (ValueError, OSError, OverflowError):
        return str(value)
    return moment.strftime("%d-%m-%Y %H:%M")


def sources_text(documents: Sequence[DocumentInfo], info: dict[str, Any]) -> str:
    """``/sumber``: loaded documents (with number/year) and when the index was built."""
    if not documents:
        return NOT_LOADED
    lines = ["<b>Dokumen yang dimuat</b>"]
    for doc in documents:
        scope = "Pilkada" if doc.scope == "pilkada" else "Pemilu"
        title = shorten(doc.title, 160)
        lines.append(f"• <b>{esc(doc.short_name)}</b> — {esc(title)} ({esc(scope)})")
    lines += ["", f"Indeks dibangun: {esc(format_time(info.get('built_at')))}"]
    return "\n".join(lines)


def format_duration(seconds: float) -> str:
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} hari {hours} jam"
    if hours:
        return f"{hours} jam {minutes} menit"
    return f"{minutes} menit"


@dataclass(frozen=True)
class StatusFigures:
    """Inputs of ``/status``, gathered by the admin handler."""

    documents: int
    chunks: int
    built_at: str | None
    uptime_seconds: float
    questions_today: int
    abstentions_today: int
    engine_loaded: bool


def status_text(figures: StatusFigures) -> str:
    lines = ["<b>Status Tanya KPPS</b>"]
    if not figures.engine_loaded:
        lines.append("⚠️ Indeks belum dimuat; jalankan /reindex setelah menaruh dokumen.")
    lines += [
        f"Dokumen: {figures.documents}",
        f"Potongan teks (chunk): {figures.chunks}",
        f"Indeks dibangun: {esc(format_time(figures.built_at))}",
        f"Aktif sejak: {format_duration(figures.uptime_seconds)} lalu",
        f"Pertanyaan hari ini: {figures.questions_today} "
        f"(tidak terjawab: {figures.abstentions_today})",
    ]
    return "\n".join(lines)


def _question_line(created_at: float, question: str) -> str:
    return f"• {esc(format_time(created_at))} — {esc(shorten(question, 200))}"


def unanswered_blocks(rows: Sequence[Any]) -> list[str]:
    """``/belumterjawab``: one block per declined question (rows are ``AnswerRow``), with the
    words no document uses, most frequent first: each is a thesaurus entry to add
    (``abbreviations.json``) or a topic the loaded documents do not cover."""
    if not rows:
        return ["Belum ada pertanyaan yang tidak terjawab. 👍"]
    blocks = ["<b>Pertanyaan terakhir yang tidak bisa dijawab</b>"]
    for row in rows:
        words = getattr(row, "missing", [])
        missing = f"\n   ↳ tidak ada di dokumen: <i>{esc(', '.join(words))}</i>" if words else ""
        blocks.append(_question_line(row.created_at, row.question) + missing)
    counts = Counter(w for row in rows for w in getattr(row, "missing", []))
    if counts:
        top = ", ".join(f"{esc(w)} ({n})" for w, n in counts.most_common(10))
        blocks.append(
            f"<b>Kata yang paling sering tidak ditemukan:</b> {top}\n"
            "Bila kata itu punya padanan di dokumen, tambahkan di config/abbreviations.json; "
            "bila topiknya memang belum ada, muat dokumen yang mengaturnya."
        )
    return blocks


def feedback_blocks(up: int, down: int, recent_down: Sequence[Any]) -> list[str]:
    """``/umpanbalik``: 👍/👎 counts and the recent 👎 questions with the cited source."""
    blocks = [f"<b>Umpan balik</b>\n👍 {up}   👎 {down}"]
    if recent_down:
        blocks.append("<b>Jawaban terakhir yang dinilai 👎</b>")
        for row in recent_down:
            cited = f"\n   ↳ <i>{esc(shorten(row.citation, 200))}</i>" if row.citation else ""
            blocks.append(_question_line(row.created_at, row.question) + cited)
    return blocks


def pack_lines(blocks: Sequence[str], limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Like ``pack_blocks`` but joined by single newlines (lists of short lines)."""
    return pack_blocks(blocks, limit, separator="\n")


def today_start(now: float | None = None) -> float:
    """Unix time of the local midnight that started today (for "questions today")."""
    moment = datetime.fromtimestamp(time.time() if now is None else now)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
