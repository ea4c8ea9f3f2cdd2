"""Small parts of the Telegram front: rate limiter, token redaction, file names, settings."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from bot.ratelimit import QuestionRateLimiter
from bot.telegram_admin import sanitize_filename, save_upload
from bot.telegram_app import (
    RedactTokenFilter,
    build_application,
    file_url_for,
    run,
    webhook_options,
)
from bot.telegram_handlers import FOLLOW_UP_SECONDS, cut_question, earlier_question
from knowledge.settings import Settings


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_question_limit_is_per_user_and_slides() -> None:
    clock = Clock()
    limiter = QuestionRateLimiter(3, clock=clock)
    assert [limiter.acquire(1) for _ in range(3)] == [0.0, 0.0, 0.0]
    clock.now += 20
    wait = limiter.acquire(1)
    assert 39 <= wait <= 41
    assert limiter.acquire(2) == 0.0  # another officer is not affected
    clock.now += 41
    assert limiter.acquire(1) == 0.0
    assert QuestionRateLimiter(0).acquire(1) == 0.0


def test_token_is_redacted_from_messages_args_and_tracebacks() -> None:
    token = "123456:AAE-secretPART_xyz"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactTokenFilter(token))
    logger = logging.getLogger("test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("POST https://api.telegram.org/bot%s/getMe", token)
        try:
            raise RuntimeError(f"boom at /bot{token}/sendMessage")
        except RuntimeError:
            logger.exception("failed")
        logger.warning("only the secret part AAE-secretPART_xyz")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "secretPART" not in output
    assert output.count("<TOKEN>") >= 3
    assert "RuntimeError" in output  # the traceback itself is kept


def test_sanitize_filename() -> None:
    assert sanitize_filename("../../etc/PKPU 17 Tahun 2024 (final).PDF") == (
        "pkpu-17-tahun-2024-final.pdf"
    )
    assert sanitize_filename("C:\\Users\\x\\Pérubahan—UU.pdf") == "perubahan-uu.pdf"
    assert sanitize_filename(".hidden.pdf") == "hidden.pdf"
    assert sanitize_filename("???.pdf") == "dokumen.pdf"


def test_save_upload_never_overwrites_silently(tmp_path: Path) -> None:
    corpus, backup = tmp_path / "corpus", tmp_path / "backup"
    assert save_upload(corpus, backup, "a.pdf", b"%PDF-1 satu") is None
    assert "sama" in (save_upload(corpus, backup, "a.pdf", b"%PDF-1 satu") or "")
    note = save_upload(corpus, backup, "a.pdf", b"%PDF-1 dua")
    assert note is not None and "DIGANTI" in note
    assert (corpus / "a.pdf").read_bytes() == b"%PDF-1 dua"
    [old] = list(backup.iterdir())
    assert old.read_bytes() == b"%PDF-1 satu"
    assert [p.name for p in corpus.iterdir()] == ["a.pdf"]  # no partial file left behind


def test_cut_question() -> None:
    assert cut_question("  kapan tps dibuka  ") == ("kapan tps dibuka", False)
    text, cut = cut_question("kata " * 400)
    assert cut and len(text) <= 1000 and not text.endswith(" ")


def test_missing_token_exits_with_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, telegram_bot_token=None)  # type: ignore[call-arg]
    with pytest.raises(SystemExit) as exc:
        run(settings)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN belum diisi" in err and "is not set" in err


def test_base_urls_and_webhook_options(tmp_path: Path) -> None:
    assert file_url_for("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path,
        telegram_bot_token="1:abc",
        telegram_base_url="http://127.0.0.1:9/bot",
        webhook_url="https://kpu.example/hook/tanya",
        webhook_port=8444,
    )
    app = build_application(settings, None)
    assert app.bot.base_url == "http://127.0.0.1:9/bot1:abc"
    assert app.bot.base_file_url == "http://127.0.0.1:9/file/bot1:abc"
    options = webhook_options(settings)
    assert options["url_path"] == "hook/tanya" and options["port"] == 8444
    assert len(options["secret_token"]) >= 32  # generated when none is configured
    assert webhook_options(settings)["secret_token"] != options["secret_token"]


def test_a_follow_up_is_read_with_the_same_officers_recent_question_in_the_same_chat() -> None:
    stored = {"thread": (42, "pemilih pindahan boleh nyoblos?", 100.0)}
    assert earlier_question(stored, 42, 100.0 + FOLLOW_UP_SECONDS) == (
        "pemilih pindahan boleh nyoblos?"
    )
    assert earlier_question(stored, 42, 101.0 + FOLLOW_UP_SECONDS) == ""  # too long ago
    assert earlier_question(stored, 7, 110.0) == ""  # asked in another chat
    assert earlier_question({}, 42, 110.0) == ""
    assert earlier_question(None, 42, 110.0) == ""
