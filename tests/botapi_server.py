"""A small local Telegram Bot API server for end-to-end tests and the load benchmark.

Why our own server instead of the npm ``telegram-test-api``: that one lacks methods the bot uses
(``setMyCommands`` with scopes, ``answerCallbackQuery``, ``editMessageText``, ``getFile`` plus
file download), returns message dates in milliseconds where the Bot API uses seconds (so
python-telegram-bot parses nonsense dates), and its ``getMe`` has no ``is_bot``, which
python-telegram-bot requires. It would also need Node beside Python in CI.

This server speaks just enough of the real protocol for python-telegram-bot v22: it parses its
form-encoded requests, long-polls ``getUpdates`` from a queue the test fills, keeps the messages
the bot sent (so a test can press their buttons or reply to them), records every call, and
rejects what Telegram would reject: invalid HTML, texts over 4096 characters, callback data
over 64 bytes. It can answer the next N calls of a method with 429 or 502.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

JSON = dict[str, Any]

ALLOWED_TAGS = frozenset({"b", "strong", "i", "em", "u", "s", "a", "code", "pre", "blockquote"})
ALLOWED_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64

# Parameters that python-telegram-bot sends as plain strings; all others are JSON-encoded.
_STRING_PARAMS = frozenset(
    {
        "text",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "file_id",
        "action",
        "caption",
        "language_code",
        "inline_message_id",
        "description",
        "short_description",
    }
)


class _TelegramHtml(HTMLParser):
    """Collects the problems Telegram's HTML parser would refuse a message for."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag <{tag}> not allowed")
        names = {name for name, _ in attrs}
        allowed = {"href"} if tag == "a" else {"class"} if tag in ("code", "pre") else set()
        if tag == "blockquote":
            allowed = {"expandable"}
        if names - allowed:
            self.errors.append(f"attributes {sorted(names - allowed)} not allowed on <{tag}>")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.errors.append(f"self-closing <{tag}/> not allowed")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close the open tag {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for ch in "<>&":
            if ch in data:
                self.errors.append(f"unescaped {ch!r} in text {data[:40]!r}")
        self.visible.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in ALLOWED_ENTITIES:
            self.errors.append(f"unsupported entity &{name};")
        self.visible.append("x")

    def handle_charref(self, name: str) -> None:
        self.visible.append("x")

    def handle_comment(self, data: str) -> None:
        self.errors.append("comments not allowed")

    def handle_decl(self, decl: str) -> None:
        self.errors.append("declarations not allowed")

    def handle_pi(self, data: str) -> None:
        self.errors.append("processing instructions not allowed")

    def unknown_decl(self, data: str) -> None:
        self.errors.append("unknown declaration")


def html_problems(text: str) -> list[str]:
    """Why Telegram would reject ``text`` in HTML parse mode (empty list: valid)."""
    if len(text) > MAX_TEXT:
        return [f"message is too long ({len(text)} > {MAX_TEXT})"]
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    problems = list(parser.errors)
    if parser.rawdata:  # HTMLParser keeps an incomplete tag or entity here
        problems.append(f"incomplete markup at the end: {parser.rawdata[:40]!r}")
    if parser.stack:
        problems.append(f"unclosed tags {parser.stack}")
    if not "".join(parser.visible).strip():
        problems.append("message text is empty")
    return problems


@dataclass
class ApiCall:
    """One request the bot made, with what the server answered."""

    method: str
    params: JSON
    at: float
    status: int
    result: Any = None


@dataclass
class _File:
    file_id: str
    data: bytes
    path: str


@dataclass
class BotApiServer:
    """The fake Bot API; ``await start()`` then point the bot at ``base_url``."""

    token: str = "123:TEST"
    username: str = "tanya_kpps_bot"
    bot_id: int = 123
    host: str = "127.0.0.1"
    calls: list[ApiCall] = field(default_factory=list)
    webhook: JSON = field(default_factory=dict)
    known_chats: set[int] = field(default_factory=set)  # chats that exist before any message
    # called with every recorded call (the load benchmark matches replies to questions here)
    listeners: list[Callable[[ApiCall], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._callback_ids = itertools.count(1)
        self._files: dict[str, _File] = {}
        self._failures: dict[str, list[str]] = {}
        self._changed = asyncio.Condition()
        self._closing = False
        self.messages: dict[tuple[int, int], JSON] = {}  # (chat_id, message_id) → message
        self.queued_at: dict[int, float] = {}  # update_id → when the test queued it
        self.pressed: list[str] = []  # callback query ids the test sent
        self.delivered_updates = 0

    # -- lifecycle ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Tanya KPPS",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def start(self) -> BotApiServer:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        self._closing = True
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> BotApiServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- what the test sends ----------------------------------------------------------------

    def _next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def _queue(self, payload: JSON) -> JSON:
        update_id = next(self._update_ids)
        update = {"update_id": update_id, **payload}
        self.queued_at[update_id] = time.perf_counter()
        self._updates.append(update)
        asyncio.get_running_loop().create_task(self._notify())
        return update

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    @staticmethod
    def user(user_id: int, first_name: str = "Petugas") -> JSON:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "id"}

    @staticmethod
    def chat(chat_id: int, chat_type: str = "private") -> JSON:
        if chat_type == "private":
            return {"id": chat_id, "type": "private", "first_name": "Petugas"}
        return {"id": chat_id, "type": chat_type, "title": "KPPS TPS 01"}

    def send_message(
        self,
        user_id: int,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        reply_to: JSON | None = None,
        **content: Any,
    ) -> JSON:
        """Queue an update with a message from a user; returns the message dict."""
        chat = chat_id if chat_id is not None else user_id
        message: JSON = {
            "message_id": self._next_message_id(chat),
            "date": int(time.time()),
            "chat": self.chat(chat, chat_type),
            "from": self.user(user_id),
            **content,
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self.messages[(chat, message["message_id"])] = message
        self._queue({"message": message})
        return message

    def send_text(self, user_id: int, text: str, **kwargs: Any) -> JSON:
        """A text message; ``/command`` and ``@mention`` entities are added like Telegram."""
        entities = []
        if text.startswith("/"):
            command = text.split()[0]
            entities.append({"type": "bot_command", "offset": 0, "length": _utf16(command)})
        for word in text.split():
            if word.startswith("@") and len(word) > 1:
                at = text.index(word)
                entities.append(
                    {"type": "mention", "offset": _utf16(text[:at]), "length": _utf16(word)}
                )
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        return self.send_message(user_id, **content, **kwargs)

    def add_file(self, data: bytes, suffix: str = "pdf") -> str:
        file_id = f"FILE{len(self._files) + 1}"
        self._files[file_id] = _File(file_id, data, f"documents/file_{len(self._files)}.{suffix}")
        return file_id

    def send_document(
        self, user_id: int, file_name: str, data: bytes, mime_type: str, **kwargs: Any
    ) -> JSON:
        file_id = self.add_file(data, file_name.rpartition(".")[2] or "bin")
        document = {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(data),
        }
        return self.send_message(user_id, document=document, **kwargs)

    def press(self, user_id: int, message: JSON, data: str) -> str:
        """Queue a button press on a message the bot sent; returns the callback query id."""
        query_id = f"cq{next(self._callback_ids)}"
        self.pressed.append(query_id)
        self._queue(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.user(user_id),
                    "message": message,
                    "chat_instance": f"ci{message['chat']['id']}",
                    "data": data,
                }
            }
        )
        return query_id

    def fail_next(self, method: str, count: int, kind: str = "429") -> None:
        """Answer the next ``count`` calls of ``method`` with "429" (retry after 1 s) or "502"."""
        self._failures.setdefault(method, []).extend([kind] * count)

    # -- what the test reads ----------------------------------------------------------------

    def mark(self) -> int:
        """A position in ``calls``; pass it as ``since`` to look only at later calls."""
        return len(self.calls)

    def find(self, method: str, since: int = 0, ok: bool = True, **match: Any) -> list[ApiCall]:
        return [
            c
            for c in self.calls[since:]
            if c.method == method
            and (c.status == 200) == ok
            and all(c.params.get(k) == v for k, v in match.items())
        ]

    async def wait_for(
        self,
        method: str,
        *,
        count: int = 1,
        since: int = 0,
        timeout: float = 20.0,
        **match: Any,
    ) -> list[ApiCall]:
        """Wait until ``count`` successful ``method`` calls matching ``match`` happened."""

        def done() -> bool:
            return len(self.find(method, since, **match)) >= count

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(done), timeout)
            except TimeoutError:
                seen = [(c.method, c.params.get("text", "")[:60]) for c in self.calls[since:]]
                raise AssertionError(
                    f"timed out waiting for {count}× {method} {match}; calls since: {seen}"
                ) from None
        return self.find(method, since, **match)

    async def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until the bot fetched every update and made no call for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        last = -1
        while time.monotonic() < deadline:
            if self._updates == [] and len(self.calls) == last:
                return
            last = len(self.calls)
            await asyncio.sleep(quiet)
        raise AssertionError("the bot did not settle")

    # -- the protocol -----------------------------------------------------------------------

    async def _params(self, request: web.Request) -> JSON:
        if request.content_type == "application/json":
            body = await request.json()
            return dict(body) if isinstance(body, dict) else {}
        form = await request.post() if request.can_read_body else {}
        params: JSON = dict(request.query)
        for key, value in form.items():
            if not isinstance(value, str):
                continue  # uploaded files are not needed by these tests
            if key in _STRING_PARAMS:
                params[key] = value
            else:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        try:
            params = await self._params(request)
        except ConnectionResetError:
            # The client hung up while sending (python-telegram-bot cancelling its pending
            # getUpdates at shutdown): nothing to answer, and not a server error.
            return web.Response(status=499)
        failures = self._failures.get(method)
        if failures:
            kind = failures.pop(0)
            return self._record(method, params, *_failure(kind))
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return self._record(method, params, 404, "Not Found: method not found")
        try:
            result = await handler(params)
        except _BadRequest as exc:
            return self._record(method, params, 400, f"Bad Request: {exc}")
        return self._record(method, params, 200, result)

    def _record(self, method: str, params: JSON, status: int, result: Any) -> web.Response:
        call = ApiCall(method, params, time.perf_counter(), status, result)
        self.calls.append(call)
        for listener in self.listeners:
            listener(call)
        asyncio.get_running_loop().create_task(self._notify())
        if status == 200:
            return web.json_response({"ok": True, "result": result})
        body: JSON = {"ok": False, "error_code": status, "description": result}
        if status == 429:
            body["parameters"] = {"retry_after": 1}
        return web.json_response(body, status=status)

    async def _api_getMe(self, params: JSON) -> JSON:
        return self.bot_user

    async def _api_getUpdates(self, params: JSON) -> list[JSON]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        # like Telegram: an offset confirms (and forgets) every earlier update
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0 and not self._closing:
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self._updates) or self._closing),
                        timeout,
                    )
        batch = self._updates[:limit]
        self.delivered_updates += len(batch)
        return batch

    async def _api_deleteWebhook(self, params: JSON) -> bool:
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _api_setWebhook(self, params: JSON) -> bool:
        self.webhook = dict(params)
        return True

    async def _api_getWebhookInfo(self, params: JSON) -> JSON:
        return {"url": self.webhook.get("url", ""), "pending_update_count": 0}

    async def _api_setMyCommands(self, params: JSON) -> bool:
        scope = params.get("scope") or {"type": "default"}
        if scope.get("type") == "chat" and not self._known_chat(int(scope["chat_id"])):
            raise _BadRequest("chat not found")
        return True

    async def _api_deleteMyCommands(self, params: JSON) -> bool:
        return True

    async def _api_sendChatAction(self, params: JSON) -> bool:
        return True

    async def _api_answerCallbackQuery(self, params: JSON) -> bool:
        if params.get("callback_query_id") not in self.pressed:
            raise _BadRequest(
                "query is too old and response timeout expired or query ID is invalid"
            )
        return True

    def _known_chat(self, chat_id: int) -> bool:
        return any(chat == chat_id for chat, _ in self.messages) or chat_id in self.known_chats

    def _check_text(self, params: JSON) -> str:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _BadRequest("message text is empty")
        if params.get("parse_mode") == "HTML":
            problems = html_problems(text)
            if problems:
                raise _BadRequest("can't parse entities: " + "; ".join(problems))
        elif len(text) > MAX_TEXT:
            raise _BadRequest("message is too long")
        for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and len(data.encode()) > MAX_CALLBACK_DATA:
                    raise _BadRequest("BUTTON_DATA_INVALID")
        return text

    async def _api_sendMessage(self, params: JSON) -> JSON:
        text = self._check_text(params)
        chat_id = int(params["chat_id"])
        source = next((m for (c, _), m in self.messages.items() if c == chat_id), None)
        chat = source["chat"] if source else self.chat(chat_id)
        message: JSON = {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            "text": text,
        }
        reply = params.get("reply_parameters")
        if reply:
            replied = self.messages.get((chat_id, int(reply["message_id"])))
            if replied is None and not reply.get("allow_sending_without_reply"):
                raise _BadRequest("message to be replied not found")
            if replied is not None:
                message["reply_to_message"] = replied
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    async def _api_editMessageText(self, params: JSON) -> JSON:
        text = self._check_text(params)
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self.messages.get(key)
        if message is None:
            raise _BadRequest("message to edit not found")
        if message.get("text") == text and message.get("reply_markup") == params.get(
            "reply_markup"
        ):
            raise _BadRequest("message is not modified")
        message = {**message, "text": text, "edit_date": int(time.time())}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        else:
            message.pop("reply_markup", None)
        self.messages[key] = message
        return message

    async def _api_getFile(self, params: JSON) -> JSON:
        stored = self._files.get(str(params.get("file_id")))
        if stored is None:
            raise _BadRequest("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": f"U{stored.file_id}",
            "file_size": len(stored.data),
            "file_path": stored.path,
        }

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        for stored in self._files.values():
            if stored.path == path:
                self.calls.append(ApiCall("download", {"path": path}, time.perf_counter(), 200))
                return web.Response(body=stored.data)
        return web.Response(status=404)


class _BadRequest(Exception):
    """Raised by an API method handler to answer 400 like Telegram."""


def _failure(kind: str) -> tuple[int, str]:
    if kind == "429":
        return 429, "Too Many Requests: retry after 1"
    if kind == "502":
        return 502, "Bad Gateway"
    raise ValueError(f"unknown failure kind {kind!r}")


def _utf16(text: str) -> int:
    """Telegram measures entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def reply_markup_buttons(message: JSON) -> dict[str, str]:
    """Button text → callback data of a message the bot sent."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return {b["text"]: b.get("callback_data", "") for row in rows for b in row}


async def start_application(app: Any, *, polling: bool = True, timeout: int = 5) -> None:
    """The start-up sequence of ``Application.run_polling``, inside the caller's event loop."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    if polling:
        await app.updater.start_polling(poll_interval=0, timeout=timeout)


async def stop_application(app: Any, server: BotApiServer) -> None:
    """Stop the bot as ``run_polling`` would, then the server it talked to."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    await app.stop()
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    await server.stop()
