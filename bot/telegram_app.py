"""Build and run the Telegram ``Application`` (polling by default, webhook when configured).

Why one builder for production and tests: the end-to-end tests drive exactly the application
``run`` would start, only pointed at a local Bot API server through ``telegram_base_url``.

Why a logging filter: python-telegram-bot and httpx put the request URL, which contains the bot
token, into log records and exception texts. The filter redacts the token from every record that
reaches the root handlers, and httpx's per-request INFO lines are silenced.
"""

from __future__ import annotations

import logging
import secrets
import sys
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot import telegram_admin as admin
from bot import telegram_handlers as h
from bot.ratelimit import QuestionRateLimiter, RetryingRateLimiter
from bot.records import Records
from knowledge.settings import Settings

_LOG = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
TgApp = Application[Any, Any, Any, Any, Any, Any]
# A server that boots while its network is still coming up should wait, not exit.
BOOTSTRAP_RETRIES = 10

MISSING_TOKEN = (
    "TELEGRAM_BOT_TOKEN belum diisi. Isi variabel lingkungan TELEGRAM_BOT_TOKEN (atau di .env) "
    "dengan token dari @BotFather, lalu jalankan lagi.\n"
    "TELEGRAM_BOT_TOKEN is not set. Put the token from @BotFather in the TELEGRAM_BOT_TOKEN "
    "environment variable (or .env) and start again."
)


class MissingTokenError(RuntimeError):
    """Raised by ``build_application`` when no bot token is configured."""


class RedactTokenFilter(logging.Filter):
    """Replace the bot token in a record's message, arguments and exception text."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token
        self._secret = token.split(":", 1)[-1]

    def _clean(self, text: str) -> str:
        text = text.replace(self._token, "<TOKEN>")
        return text.replace(self._secret, "<TOKEN>") if len(self._secret) >= 8 else text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._clean(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = self._clean(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self._clean(record.stack_info)
        return True


def configure_logging(token: str | None, level: int = logging.INFO) -> None:
    """Log to stderr with the token redacted; keep httpx's per-request lines out."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    if token:
        for handler in root.handlers:
            if not any(isinstance(f, RedactTokenFilter) for f in handler.filters):
                handler.addFilter(RedactTokenFilter(token))


def _default_ingest(settings: Settings) -> h.IngestReportLike:
    from ingest.pipeline import run_ingest  # heavy imports only when an admin re-indexes

    return run_ingest(settings)


def file_url_for(base_url: str) -> str:
    """The file URL that goes with a Bot API URL (``…/bot`` → ``…/file/bot``)."""
    head, sep, _ = base_url.rstrip("/").rpartition("/")
    return f"{head}/file/bot" if sep else base_url


def build_application(
    settings: Settings,
    engine: h.EngineLike | None,
    *,
    records: Records | None = None,
    ingest: h.IngestFn | None = None,
    engine_opener: Callable[[], h.EngineLike] | None = None,
) -> TgApp:
    """The bot with all handlers; ``engine`` None means "no index yet" (answers say so)."""
    token = settings.telegram_bot_token
    if not token:
        raise MissingTokenError(MISSING_TOKEN)
    builder = (
        Application.builder()
        .token(token)
        .rate_limiter(RetryingRateLimiter())
        .concurrent_updates(128)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url).base_file_url(
            settings.telegram_base_file_url or file_url_for(settings.telegram_base_url)
        )
    elif settings.telegram_base_file_url:
        builder = builder.base_file_url(settings.telegram_base_file_url)
    application: TgApp = builder.build()
    application.bot_data[h.SERVICES_KEY] = h.BotServices(
        settings=settings,
        records=records if records is not None else Records.open(settings),
        engine=h.EngineRunner(engine, engine_opener),
        limiter=QuestionRateLimiter(settings.questions_per_minute),
        ingest=ingest if ingest is not None else _default_ingest,
    )
    add_handlers(application)
    return application


def add_handlers(application: TgApp) -> None:
    """Routing: commands first, then admin uploads, then text by chat type, then the rest."""
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    for name, callback in (
        ("start", h.cmd_start),
        ("help", h.cmd_help),
        ("sumber", h.cmd_sumber),
        ("tanya", h.cmd_tanya),
        ("status", admin.cmd_status),
        ("reindex", admin.cmd_reindex),
        ("belumterjawab", admin.cmd_unanswered),
        ("umpanbalik", admin.cmd_feedback),
    ):
        application.add_handler(CommandHandler(name, callback))
    admins = application.bot_data[h.SERVICES_KEY].settings.admin_ids
    if admins:
        application.add_handler(
            MessageHandler(
                private & filters.Document.ALL & filters.User(user_id=admins),
                admin.on_admin_document,
            )
        )
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, h.on_private_text)
    )
    application.add_handler(
        MessageHandler(groups & filters.TEXT & ~filters.COMMAND, h.on_group_text)
    )
    application.add_handler(
        MessageHandler(
            ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL & (private | groups),
            h.on_non_text,
        )
    )
    application.add_handler(CallbackQueryHandler(h.on_callback))
    application.add_error_handler(h.on_error)


async def _post_init(application: TgApp) -> None:
    """After getMe: register commands and warn the admin (in the log) about an empty index."""
    svc: h.BotServices = application.bot_data[h.SERVICES_KEY]
    try:
        await admin.register_officer_commands(application.bot)
        await admin.register_admin_commands(application.bot, sorted(svc.settings.admin_ids))
    except Exception:  # commands are a convenience; never fail the start for them
        _LOG.exception("Could not register the bot commands")
    if not svc.engine.loaded:
        _LOG.warning(
            "Tidak ada dokumen di indeks / the index has no documents: officers are told that "
            "the documents are not loaded yet. Put files in %s and run `python -m ingest` or "
            "send /reindex.",
            svc.settings.corpus_dir,
        )


async def _post_shutdown(application: TgApp) -> None:
    svc: h.BotServices = application.bot_data[h.SERVICES_KEY]
    svc.engine.close()
    svc.records.close()


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Arguments of ``run_webhook``/``start_webhook`` from the settings.

    The URL path the bot listens on is the path of ``webhook_url``; without a configured
    secret a random one is made per start (it is sent to Telegram with setWebhook).
    """
    if not settings.webhook_url:
        raise ValueError("webhook_url is not set")
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlparse(settings.webhook_url).path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret or secrets.token_urlsafe(32),
        "allowed_updates": ALLOWED_UPDATES,
    }


def _open_engine(settings: Settings) -> h.EngineLike | None:
    """The engine over the existing index, or None (logged) if there is none yet."""
    from bot.engine import AnswerEngine

    try:
        return AnswerEngine.open(settings)
    except Exception:
        _LOG.exception("Could not open the index; starting without documents")
        return None


def run(settings: Settings) -> None:
    """``python -m bot serve``: long polling, or a webhook server when ``webhook_url`` is set."""
    if not settings.telegram_bot_token:
        print(MISSING_TOKEN, file=sys.stderr)
        raise SystemExit(2)
    configure_logging(settings.telegram_bot_token)
    from bot.engine import AnswerEngine

    engine = _open_engine(settings)
    if engine is None or not engine.ready:
        _LOG.warning(
            "Belum ada dokumen di indeks. Letakkan PDF/teks resmi (PKPU, UU Pilkada, modul "
            "bimtek) di %s (atau setel KPPS_CORPUS_DIR), lalu jalankan `python -m ingest` atau "
            "kirim /reindex dari akun admin. Sampai itu, petugas diberi tahu bahwa dokumen "
            "belum dimuat.",
            settings.corpus_dir.resolve(),
        )
    application = build_application(
        settings, engine, engine_opener=lambda: AnswerEngine.open(settings)
    )
    if settings.webhook_url:
        options = webhook_options(settings)
        _LOG.info("Starting in webhook mode on %s:%s", options["listen"], options["port"])
        application.run_webhook(**options, bootstrap_retries=BOOTSTRAP_RETRIES)
    else:
        _LOG.info("Starting in long-polling mode")
        application.run_polling(
            allowed_updates=ALLOWED_UPDATES, bootstrap_retries=BOOTSTRAP_RETRIES
        )
