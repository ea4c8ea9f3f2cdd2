"""Admin-only Telegram handlers: /status, /reindex, PDF upload, /belumterjawab, /umpanbalik.

Why admin commands answer only in private chats: their replies show officers' questions and the
server's state, which should not be read out in a group. Why re-indexing runs in a thread under
one lock: ingestion takes seconds to a minute; the bot keeps answering from the open index while
it runs, and a second /reindex or upload waits instead of writing the index twice at once.
Ingestion failures are reported to the admin and logged; they never stop the bot.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import render_html as rh
from bot.telegram_handlers import BotServices, reply, services, typing

_LOG = logging.getLogger(__name__)

OFFICER_COMMANDS = (
    BotCommand("tanya", "Ajukan pertanyaan tentang prosedur"),
    BotCommand("sumber", "Dokumen dan versi yang dimuat"),
    BotCommand("help", "Cara bertanya"),
    BotCommand("start", "Perkenalan bot"),
)
ADMIN_COMMANDS = (
    BotCommand("status", "Keadaan indeks dan jumlah pertanyaan"),
    BotCommand("reindex", "Muat ulang dokumen dari folder korpus"),
    BotCommand("belumterjawab", "Pertanyaan yang tidak bisa dijawab"),
    BotCommand("umpanbalik", "Ringkasan 👍/👎"),
)
UPLOAD_SUFFIXES = (".pdf", ".md", ".txt")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download


async def register_officer_commands(bot: Bot) -> None:
    """Officer commands for everyone (the default scope)."""
    await bot.set_my_commands(list(OFFICER_COMMANDS))


async def register_admin_commands(bot: Bot, admin_ids: Iterable[int]) -> None:
    """Admin commands only in each admin's own chat; a chat that does not exist yet is skipped
    (it is registered again when that admin sends /start)."""
    for admin_id in admin_ids:
        try:
            await bot.set_my_commands(
                [*OFFICER_COMMANDS, *ADMIN_COMMANDS], scope=BotCommandScopeChat(admin_id)
            )
        except TelegramError as exc:
            _LOG.warning("Could not set admin commands for one admin chat: %s", exc)


async def _admin_gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> BotServices | None:
    """The services if the sender is an admin in a private chat; otherwise reply and None."""
    svc = services(context)
    user = update.effective_user
    chat = update.effective_chat
    if not svc.is_admin(user.id if user else None):
        await reply(update, rh.ADMIN_ONLY)
        return None
    if chat is None or chat.type != ChatType.PRIVATE:
        await reply(update, "Gunakan perintah admin di chat pribadi dengan bot.")
        return None
    return svc


async def cmd_status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = await _admin_gate(update, context)
    if svc is None:
        return
    info = await svc.engine.index_info()
    questions, abstentions = svc.records.count_questions_since(rh.today_start())
    figures = rh.StatusFigures(
        documents=int(info.get("documents", len(svc.engine.documents))),
        chunks=int(info.get("chunks", 0)),
        built_at=info.get("built_at"),
        uptime_seconds=time.time() - svc.started_at,
        questions_today=questions,
        abstentions_today=abstentions,
        engine_loaded=svc.engine.loaded,
    )
    await reply(update, rh.status_text(figures))


async def run_reindex(svc: BotServices, bot: Bot, chat_id: int) -> str:
    """Ingest in a thread (one at a time), then reload the engine; return the Indonesian report."""
    async with svc.reindex_lock, typing(bot, chat_id):
        try:
            report = await asyncio.to_thread(svc.ingest, svc.settings)
        except Exception as exc:
            _LOG.exception("Ingestion failed")
            return f"❌ Pengindeksan gagal: {rh.esc(type(exc).__name__)}: {rh.esc(str(exc))}"
        summary = rh.esc(report.summary_id())
        try:
            changed = await svc.engine.reload()
        except Exception as exc:
            _LOG.exception("Reloading the index failed")
            return (
                f"{summary}\n\n❌ Indeks baru tidak bisa dibuka "
                f"({rh.esc(type(exc).__name__)}); bot tetap memakai indeks lama."
            )
    state = "Indeks baru sudah dipakai." if changed else "Indeks tidak berubah."
    return f"✅ <b>Pengindeksan selesai.</b> {state}\n\n{summary}"


async def cmd_reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = await _admin_gate(update, context)
    chat = update.effective_chat
    if svc is None or chat is None:
        return
    if svc.reindex_lock.locked():
        await reply(update, rh.REINDEX_BUSY)
        return
    await reply(update, rh.REINDEX_STARTED)
    await reply(update, await run_reindex(svc, context.bot, chat.id))


async def cmd_unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = await _admin_gate(update, context)
    if svc is None:
        return
    await reply(update, rh.pack_lines(rh.unanswered_blocks(svc.records.recent_abstentions())))


async def cmd_feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = await _admin_gate(update, context)
    if svc is None:
        return
    summary = svc.records.feedback_summary()
    blocks = rh.feedback_blocks(summary.up, summary.down, summary.recent_down)
    await reply(update, rh.pack_lines(blocks))


def sanitize_filename(name: str) -> str:
    """A safe, predictable corpus file name: ASCII, lower case, no path, allowed suffix kept."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    ascii_stem = "".join(
        ch if ch.isascii() else "-"
        for ch in unicodedata.normalize("NFKD", stem)
        if not unicodedata.combining(ch)
    )
    clean = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")[:100] or "dokumen"
    clean_suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())
    return f"{clean}.{clean_suffix}" if clean_suffix else clean


def save_upload(corpus_dir: Path, backup_dir: Path, name: str, data: bytes) -> str | None:
    """Write ``data`` as ``corpus_dir/name`` atomically; return a note if a file was replaced.

    The replaced file is kept in ``backup_dir`` (outside the corpus, so it is not ingested).
    """
    corpus_dir.mkdir(parents=True, exist_ok=True)
    target = corpus_dir / name
    note = None
    if target.exists():
        if target.read_bytes() == data:
            return "Berkas dengan isi yang sama sudah ada; tidak ada yang diganti."
        backup_dir.mkdir(parents=True, exist_ok=True)
        backup = backup_dir / f"{time.strftime('%Y%m%d-%H%M%S')}-{name}"
        backup.write_bytes(target.read_bytes())
        note = (
            f"⚠️ Berkas lama bernama <code>{rh.esc(name)}</code> DIGANTI dengan berkas ini "
            f"(salinan lama disimpan di <code>{rh.esc(str(backup))}</code>)."
        )
    partial = corpus_dir / f".{name}.part"
    partial.write_bytes(data)
    os.replace(partial, target)
    return note


async def on_admin_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin sends a PDF (or .md/.txt) in a private chat: save it into the corpus, ingest."""
    svc = services(context)
    message = update.effective_message
    document = message.document if message else None
    user = update.effective_user
    if message is None or document is None or not svc.is_admin(user.id if user else None):
        await reply(update, rh.NON_TEXT)
        return
    name = sanitize_filename(document.file_name or "dokumen.pdf")
    if not name.endswith(UPLOAD_SUFFIXES):
        await reply(update, "Hanya berkas PDF, .md atau .txt yang bisa ditambahkan ke korpus.")
        return
    if document.file_size and document.file_size > MAX_UPLOAD_BYTES:
        await reply(update, "Berkas terlalu besar (maksimal 20 MB lewat Telegram).")
        return
    async with typing(context.bot, message.chat_id, ChatAction.UPLOAD_DOCUMENT):
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
    if name.endswith(".pdf") and not data.startswith(b"%PDF-"):
        await reply(update, "Berkas ini bukan PDF yang valid; tidak disimpan.")
        return
    note = await asyncio.to_thread(
        save_upload, svc.settings.corpus_dir, svc.settings.data_dir / "corpus_backup", name, data
    )
    saved = f"📥 Disimpan sebagai <code>{rh.esc(name)}</code> di folder korpus."
    await reply(update, "\n".join(part for part in (saved, note) if part))
    if svc.reindex_lock.locked():
        await reply(update, "Menunggu pengindeksan yang sedang berjalan selesai…")
    await reply(update, await run_reindex(svc, context.bot, message.chat_id))
