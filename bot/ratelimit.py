"""Rate limits on both sides of the bot.

* ``QuestionRateLimiter``: a per-officer sliding window of questions per minute, so that one
  misbehaving client (or a stuck "send" button) cannot starve everyone else on election day.
* ``RetryingRateLimiter``: python-telegram-bot's ``AIORateLimiter`` (Telegram's flood limits and
  ``RetryAfter`` handling) plus a few retries on network errors, timeouts and 5xx answers for the
  methods that deliver a reply; chat actions ("typing…") bypass the limiter. Wrapping the
  limiter covers every send in one place instead of at each call site. A retried send after a
  timeout can, rarely, show a message twice; losing an answer on election day is worse.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

_LOG = logging.getLogger(__name__)

JSONDict = dict[str, Any]

#: Bot API methods whose failure would lose something the user is waiting for.
REPLY_METHODS = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
    }
)


class QuestionRateLimiter:
    """Sliding one-minute window per user id; ``per_minute <= 0`` disables the limit."""

    def __init__(
        self,
        per_minute: int,
        *,
        window_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limit = per_minute
        self._window = window_seconds
        self._clock = clock
        self._hits: dict[int, deque[float]] = {}
        self._checks = 0

    def acquire(self, user_id: int) -> float:
        """Count one question; return 0 if allowed, else the seconds until one is allowed."""
        if self._limit <= 0:
            return 0.0
        now = self._clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return max(self._window - (now - hits[0]), 0.1)
        hits.append(now)
        self._checks += 1
        if self._checks % 1000 == 0:
            self._forget_idle(now)
        return 0.0

    def _forget_idle(self, now: float) -> None:
        """Drop users whose window is empty so the dict does not grow for ever."""
        idle = [uid for uid, h in self._hits.items() if not h or now - h[-1] >= self._window]
        for uid in idle:
            del self._hits[uid]


class RetryingRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` that also retries reply methods on transient network failures."""

    def __init__(
        self,
        *,
        max_retries: int = 3,
        network_retries: int = 3,
        network_backoff: float = 0.5,
        overall_max_rate: float = 30,
        group_max_rate: float = 20,
    ) -> None:
        super().__init__(
            overall_max_rate=overall_max_rate,
            group_max_rate=group_max_rate,
            max_retries=max_retries,
        )
        self._network_retries = network_retries
        self._network_backoff = network_backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint == "sendChatAction":
            # "typing…" is a hint, not a message: it must not use up the 30 messages/s budget
            # that answers need, and it is not worth a retry
            return await callback(*args, **kwargs)
        attempts = self._network_retries + 1 if endpoint in REPLY_METHODS else 1
        for attempt in range(1, attempts + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise  # a malformed request stays malformed; retrying cannot help
            except NetworkError as exc:  # includes TimedOut and 5xx answers
                if attempt == attempts:
                    raise
                delay = self._network_backoff * attempt
                _LOG.warning(
                    "%s failed (%s); retry %d/%d in %.1fs",
                    endpoint,
                    type(exc).__name__,
                    attempt,
                    attempts - 1,
                    delay,
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover
