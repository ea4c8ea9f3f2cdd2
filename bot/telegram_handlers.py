"""Officer-facing Telegram handlers: questions, /start, /help, /sumber, and the answer buttons.

Why the engine sits behind ``EngineRunner``: ``engine.answer`` is synchronous CPU work, so it
runs on one dedicated worker thread and the event loop stays free for hundreds of officers. One
thread answers 30+ questions a second (the load benchmark), which is already Telegram's limit on
messages a bot may send, and it never calls the embedder's C library concurrently (nothing
documents it as re-entrant); ``reload_if_changed`` after a re-index runs on that same thread,
between two answers.

Why answer ids in callback data: Telegram allows 64 bytes of callback data, far too little for a
question or an article key, so buttons carry the SQLite id of the stored answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol, TypeVar

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import render_html as rh
from bot.ratelimit import QuestionRateLimiter
from bot.records import Records, Vote
from knowledge.models import ArticleRecord, DocumentInfo
from knowledge.settings import Settings

_LOG = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
# A message that only asks "jam brp?" is read with the officer's previous question in the same
# chat if that came at most this long ago; later it is more likely a new, unfinished question.
FOLLOW_UP_SECONDS = 600
T = TypeVar("T")


class EngineLike(Protocol):
    """The part of ``bot.engine.AnswerEngine`` the Telegram front uses."""

    def answer(self, question: str, earlier: str = "") -> rh.AnswerView: ...

    def article(self, key: str) -> ArticleRecord | None: ...

    def documents(self) -> list[DocumentInfo]: ...

    def index_info(self) -> dict[str, Any]: ...

    def reload_if_changed(self) -> bool: ...

    @property
    def ready(self) -> bool: ...


class IngestReportLike(Protocol):
    """The part of ``ingest.pipeline.IngestReport`` the admin handlers show."""

    def summary_id(self) -> str: ...


IngestFn = Callable[[Settings], IngestReportLike]


class EngineRunner:
    """Owns the (possibly not yet loaded) engine and runs its work on one worker thread."""

    def __init__(
        self, engine: EngineLike | None, opener: Callable[[], EngineLike] | None = None
    ) -> None:
        self._engine = engine
        self._opener = opener
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine")
        self._documents: list[DocumentInfo] = []
        if engine is not None:
            self._documents = list(engine.documents())

    @property
    def loaded(self) -> bool:
        """True when an index with at least one document is open."""
        return self._engine is not None and bool(self._documents)

    @property
    def documents(self) -> list[DocumentInfo]:
        return list(self._documents)

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, partial(fn, *args))

    async def answer(self, question: str, earlier: str = "") -> rh.AnswerView | None:
        if self._engine is None or not self._documents:
            return None
        return await self._call(self._engine.answer, question, earlier)

    async def article(self, key: str) -> ArticleRecord | None:
        if self._engine is None:
            return None
        return await self._call(self._engine.article, key)

    async def index_info(self) -> dict[str, Any]:
        if self._engine is None:
            return {}
        return dict(await self._call(self._engine.index_info))

    async def reload(self) -> bool:
        """After an ingest: re-open the index if it changed (or open it the first time)."""

        def work() -> bool:
            if self._engine is None:
                if self._opener is None:
                    return False
                self._engine = self._opener()
                changed = True
            else:
                changed = self._engine.reload_if_changed()
            self._documents = list(self._engine.documents())
            return changed

        return await self._call(work)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


@dataclass
class BotServices:
    """Everything the handlers share; stored in ``application.bot_data``."""

    settings: Settings
    records: Records
    engine: EngineRunner
    limiter: QuestionRateLimiter
    ingest: IngestFn
    started_at: float = field(default_factory=time.time)
    reindex_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids


SERVICES_KEY = "tanya_kpps_services"


def services(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    found = context.bot_data.get(SERVICES_KEY)
    if not isinstance(found, BotServices):
        raise RuntimeError("BotServices missing from bot_data; build the app with telegram_app")
    return found


# -- sending ----------------------------------------------------------------------------------


async def send_html(
    bot: Bot,
    chat_id: int,
    texts: Sequence[str],
    *,
    reply_to: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> list[Message]:
    """Send messages in order; the first quotes ``reply_to``, the last carries ``markup``."""
    sent: list[Message] = []
    for i, text in enumerate(texts):
        reply = (
            ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
            if reply_to is not None and i == 0
            else None
        )
        sent.append(
            await bot.send_message(
                chat_id,
                text,
                parse_mode=ParseMode.HTML,
                reply_parameters=reply,
                reply_markup=markup if i == len(texts) - 1 else None,
            )
        )
    return sent


async def reply(update: Update, text: str | Sequence[str]) -> None:
    """Answer the update's message (quoting it in groups, where several people talk)."""
    message = update.effective_message
    if message is None:
        return
    texts = [text] if isinstance(text, str) else list(text)
    quote = message.message_id if message.chat.type != ChatType.PRIVATE else None
    await send_html(message.get_bot(), message.chat_id, texts, reply_to=quote)


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int, action: str = ChatAction.TYPING) -> AsyncIterator[None]:
    """Show "typing…" while the body runs (renewed every 4.5 s, Telegram shows it for 5 s)."""

    async def keep_typing() -> None:
        try:
            while True:
                await bot.send_chat_action(chat_id, action)
                await asyncio.sleep(4.5)
        except TelegramError as exc:  # a lost typing indicator must never cost the answer
            _LOG.debug("chat action failed: %s", exc)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


# -- questions --------------------------------------------------------------------------------


def cut_question(text: str, limit: int = MAX_QUESTION_CHARS) -> tuple[str, bool]:
    """The first ``limit`` characters (at a word boundary) and whether anything was cut."""
    text = text.strip()
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.strip(), True


def answer_keyboard(answer_id: int, has_article: bool) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    if has_article:
        rows.append([InlineKeyboardButton("📖 Teks lengkap", callback_data=f"t:{answer_id}")])
    rows.append(
        [
            InlineKeyboardButton("👍", callback_data=f"f:{answer_id}:1"),
            InlineKeyboardButton("👎", callback_data=f"f:{answer_id}:-1"),
        ]
    )
    return InlineKeyboardMarkup(rows)


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Rate-limit, answer with the engine, store the record, send the rendered reply."""
    svc = services(context)
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    question, truncated = cut_question(text)
    if not question:
        await reply(update, rh.EMPTY_TANYA)
        return
    wait = svc.limiter.acquire(user.id)
    if wait > 0:
        await reply(update, rh.rate_limited(wait))
        return
    chat_type = str(message.chat.type)
    earlier = earlier_question(context.user_data, message.chat_id, time.monotonic())
    async with typing(context.bot, message.chat_id):
        answer = await svc.engine.answer(question, earlier)
    if answer is not None and answer.thread and context.user_data is not None:
        context.user_data["thread"] = (message.chat_id, answer.thread, time.monotonic())
    if answer is None:
        svc.records.record_answer(
            user_id=user.id,
            chat_type=chat_type,
            question=question,
            abstained=True,
            answer_text=rh.NOT_LOADED,
            chunk_ids=[],
            article_key=None,
            citation=None,
            latency_ms=0.0,
            truncated=truncated,
        )
        await reply(update, rh.NOT_LOADED)
        return
    if answer.thread not in ("", question):
        # A follow-up ("paling lambat?"): the admins reading the records need what it followed.
        question = f"{question} (lanjutan dari: «{answer.thread}»)"
    blocks = rh.answer_blocks(answer)
    if truncated:
        blocks.append(rh.truncated_note(MAX_QUESTION_CHARS))
    texts = rh.pack_blocks(blocks)
    main = answer.passages[0].chunk if answer.passages and not answer.abstained else None
    answer_id = svc.records.record_answer(
        user_id=user.id,
        chat_type=chat_type,
        question=question,
        abstained=answer.abstained or main is None,
        answer_text="\n\n".join(texts),
        chunk_ids=[p.chunk.id for p in answer.passages],
        article_key=main.article_key if main else None,
        citation=main.citation if main else None,
        latency_ms=float(getattr(answer, "latency_ms", 0.0)),
        truncated=truncated,
        missing=list(getattr(answer, "missing", [])),
    )
    markup = answer_keyboard(answer_id, bool(main and main.article_key)) if main else None
    quote = message.message_id if message.chat.type != ChatType.PRIVATE else None
    await send_html(context.bot, message.chat_id, texts, reply_to=quote, markup=markup)


def earlier_question(user_data: Mapping[str, Any] | None, chat_id: int, now: float) -> str:
    """The officer's previous question in this chat, if recent (per officer, also in groups)."""
    stored = (user_data or {}).get("thread")
    if not stored:
        return ""
    stored_chat, question, asked_at = stored
    recent = now - asked_at <= FOLLOW_UP_SECONDS
    return str(question) if stored_chat == chat_id and recent else ""


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and message.text:
        await answer_question(update, context, message.text)


def _command_argument(message: Message) -> str:
    """Text after the leading ``/command`` (keeps line breaks, unlike ``context.args``)."""
    text = message.text or ""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            command = message.parse_entity(entity)
            return text[len(command) :].strip()
    return text


async def cmd_tanya(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/tanya …`` in any chat (the way to ask in groups)."""
    message = update.effective_message
    if message is not None:
        await answer_question(update, context, _command_argument(message))


def addressed_to_bot(message: Message, bot_id: int, username: str | None) -> bool:
    """In a group: does the message mention the bot or reply to one of its messages?"""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    for entity, text in message.parse_entities(
        [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    ).items():
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
        if username and text.lower() == f"@{username.lower()}":
            return True
    return False


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups, answer only mentions of the bot and replies to it; ignore the chatter."""
    message = update.effective_message
    if message is None or not message.text:
        return
    username = context.bot.username
    if not addressed_to_bot(message, context.bot.id, username):
        return
    question = message.text
    if username:
        question = re.sub(rf"@{re.escape(username)}\b", " ", question, flags=re.IGNORECASE)
    await answer_question(update, context, question)


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice notes, locations, non-admin documents: only text is understood."""
    message = update.effective_message
    if message is None:
        return
    if message.chat.type != ChatType.PRIVATE and not addressed_to_bot(
        message, context.bot.id, context.bot.username
    ):
        return
    await reply(update, rh.NON_TEXT)


# -- informational commands -------------------------------------------------------------------


async def cmd_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    await reply(update, rh.welcome(svc.engine.documents))
    user = update.effective_user
    chat = update.effective_chat
    if user and chat and chat.type == ChatType.PRIVATE and svc.is_admin(user.id):
        # the admin's private chat exists now, so its command scope can be set
        from bot.telegram_admin import register_admin_commands

        await register_admin_commands(context.bot, [user.id])


async def cmd_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    user = update.effective_user
    await reply(update, rh.help_text(svc.is_admin(user.id if user else None)))


async def cmd_sumber(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    info = await svc.engine.index_info()
    await reply(update, rh.sources_text(svc.engine.documents, info))


# -- buttons ----------------------------------------------------------------------------------

_CALLBACK = re.compile(r"^(?P<kind>[tpf]):(?P<id>\d{1,18})(?::(?P<arg>-?\d{1,6}))?$")


def article_keyboard(answer_id: int, page: int, pages: int) -> InlineKeyboardMarkup | None:
    if pages <= 1:
        return None
    buttons = []
    if page > 0:
        buttons.append(InlineKeyboardButton("◀️", callback_data=f"p:{answer_id}:{page - 1}"))
    if page < pages - 1:
        buttons.append(InlineKeyboardButton("▶️", callback_data=f"p:{answer_id}:{page + 1}"))
    return InlineKeyboardMarkup([buttons])


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Teks lengkap / paging / feedback; every press is answered, even on failure."""
    query = update.callback_query
    if query is None:
        return
    toast: str | None = None
    alert = False
    try:
        match = _CALLBACK.match(query.data or "")
        svc = services(context)
        row = svc.records.get_answer(int(match["id"])) if match else None
        if match is None or row is None:
            toast, alert = rh.EXPIRED_BUTTON, True
        elif match["kind"] == "f":
            vote: Vote = 1 if match["arg"] == "1" else -1
            stored = svc.records.record_feedback(row.id, query.from_user.id, vote)
            toast = rh.FEEDBACK_THANKS[vote] if stored else rh.EXPIRED_BUTTON
        else:
            page = int(match["arg"] or 0)
            toast, alert = await _show_article(update, context, row.id, row.article_key, page)
    except Exception:
        toast, alert = rh.ERROR, True
        raise
    finally:
        await query.answer(text=toast, show_alert=alert)


async def _show_article(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    answer_id: int,
    article_key: str | None,
    page: int,
) -> tuple[str | None, bool]:
    """Send the article's first page, or turn the page of an already shown article."""
    query = update.callback_query
    assert query is not None
    record = await services(context).engine.article(article_key) if article_key else None
    if record is None:
        return rh.ARTICLE_MISSING, True
    pages = rh.render_article(record)
    page = min(max(page, 0), len(pages) - 1)
    markup = article_keyboard(answer_id, page, len(pages))
    message = query.message
    if query.data and query.data.startswith("p:") and isinstance(message, Message):
        try:
            await message.edit_text(pages[page], parse_mode=ParseMode.HTML, reply_markup=markup)
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise
        return None, False
    if message is None:
        return rh.EXPIRED_BUTTON, True
    await send_html(
        context.bot, message.chat.id, [pages[0]], reply_to=message.message_id, markup=markup
    )
    return None, False


# -- errors -----------------------------------------------------------------------------------


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log every failure; tell the officer something went wrong (buttons already got a toast)."""
    _LOG.error("Error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.callback_query is not None:
        return
    if update.effective_message is None:
        return
    try:
        await reply(update, rh.ERROR)
    except TelegramError as exc:
        _LOG.warning("Could not tell the user about the error: %s", exc)
