"""Telegram adapter benchmark against the loopback fake Bot API, in one run.

(a) Inbound: a burst of 5,000 messages from 1,000 people (each asks the five
    QUESTIONS below, in turn) through the real PTB stack, our adapter and the core
    (SQLite writes included): updates/s, reply latency p50/p99 (update handed to the
    bot -> its reply received). The reference is a bare python-telegram-bot bot on the
    same fake that sends the *same reply* (the same HTML answer with its three topic
    buttons, and the disclaimer with a person's first message), precomputed: the
    ratio to it is what backcoach's own code costs (target >= 0.8). Shown too: a bare
    echo bot (a shorter reply); backcoach when everyone wrote to it a moment before
    (no first contact to record: the steady state); and the same adapter answering
    every update with one precomputed answer (the adapter's own cost). Flood limits
    are off on both sides here: this measures the code, and under Telegram's limits
    neither bot could reply faster than 30 messages/s anyway. Our limiter stays in
    the path, unpaced. The burst runs ``--runs`` times (the machine may be shared:
    read the range).
(b) Outbound: a push slot of 1,000 private chats with the fake enforcing
    Telegram's limits (30 messages in any second, one a second per chat):
    messages/s as a share of 30/s, 429s received, messages lost; next to
    python-telegram-bot's own AIORateLimiter on the same fake.

The fake runs in its own process, so it does not share the bot's CPU.
Run: ``make bench-telegram``, or ``.venv/bin/python bench/telegram.py [--runs 3]
[--inbound-only]``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

# Run as a script, this file's folder comes first on sys.path, where this very
# file would shadow the `telegram` package: put the repository root there instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from aiohttp import ClientSession  # noqa: E402
from pydantic import SecretStr  # noqa: E402
from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update  # noqa: E402
from telegram.constants import ParseMode  # noqa: E402
from telegram.error import RetryAfter  # noqa: E402
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, MessageHandler  # noqa: E402
from telegram.ext import filters as ptb_filters  # noqa: E402

from bot.adapters.telegram import FloodLimits, telegram_running  # noqa: E402
from bot.adapters.telegram.render import keyboard, text_parts, to_html  # noqa: E402
from bot.app import build_app, running  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.events import Chat, Event, Recipient, Sender, TextMessage  # noqa: E402
from bot.core.messages import Reply, message  # noqa: E402
from tests.fakes.telegram_api import TOKEN  # noqa: E402

PEOPLE = 1_000
QUESTIONS = [
    "does walking strengthen your back",
    "what happens if my lower back is weak",
    "are squats bad for my lower back",
    "how can I strengthen my lower back at home",
    "is swimming good for a sore back",
]
SLOT = 1_000
TELEGRAM_RATE = 30.0
UNPACED = FloodLimits(messages_per_second=100_000, seconds_between_messages_in_a_chat=0.0)
Json = dict[str, Any]


class Fake:
    """The fake Bot API in a child process, driven through its control routes."""

    def __init__(self, process: asyncio.subprocess.Process, port: int) -> None:
        self.process, self.port = process, port
        self.base_url = f"http://127.0.0.1:{port}/bot"
        self.session = ClientSession()

    async def control(self, action: str, **body: Any) -> Json:
        url = f"http://127.0.0.1:{self.port}/_fake/{action}"
        async with self.session.post(url, json=body) as response:
            result: Json = await response.json()
            return result


@asynccontextmanager
async def fake_api() -> AsyncIterator[Fake]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakes.telegram_api",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 30)
        fake = Fake(process, int(line.split()[1]))
        try:
            yield fake
        finally:
            await fake.session.close()
    finally:
        process.kill()
        await process.wait()


async def inbound(fake: Fake, serve: Callable[[], Awaitable[Any]]) -> Json:
    """Queue the burst, run a bot until every update got its reply, report."""
    await fake.control("reset")
    await fake.control("burst", user_ids=list(range(1, PEOPLE + 1)), texts=QUESTIONS)
    await serve()
    return await fake.control("inbound")


BareHandler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]
"""A bare bot's one text handler."""


async def echo_bot(fake: Fake) -> None:
    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    await serve_bare(fake, echo)


async def serve_bare(fake: Fake, handler: BareHandler) -> None:
    """A bare PTB bot with one text handler, polling until every reply is in."""
    application = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()
    application.add_handler(MessageHandler(ptb_filters.TEXT, handler))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling()
        await fake.control("wait_replies", count=PEOPLE * len(QUESTIONS), timeout=120)
        await application.updater.stop()
        await application.stop()


Rendered = tuple[str, InlineKeyboardMarkup | None]
"""A reply as the Telegram adapter sends it: its HTML and its inline keyboard."""


async def backcoach_replies(directory: Path) -> dict[tuple[str, bool], Rendered]:
    """What backcoach answers each question, for a person's first message and a later one,
    rendered as the adapter renders it (one message, its keyboard on it)."""
    database_url = f"sqlite+aiosqlite:///{directory / 'replies.db'}"
    app = build_app(Settings(database_url=database_url, _env_file=None))  # type: ignore[call-arg]
    replies: dict[tuple[str, bool], Rendered] = {}
    async with running(app, sweep=False):
        known = Sender("telegram", "0", "bench")
        await app.conversation.handle(TextMessage(known, Chat("0"), "hello"))
        for index, text in enumerate(QUESTIONS, start=1):
            newcomer = Sender("telegram", str(index), "bench")
            for first, sender in ((True, newcomer), (False, known)):
                asked = TextMessage(sender, Chat(sender.user_id), text)
                [answer] = await app.conversation.handle(asked)
                [part] = text_parts(answer.text)
                replies[(text, first)] = (to_html(part), keyboard(answer.buttons))
    return replies


async def same_reply_bot(fake: Fake, replies: dict[tuple[str, bool], Rendered]) -> None:
    """The fair reference: bare PTB sending what backcoach sends, with nothing to work out."""
    seen: set[int] = set()
    no_preview = LinkPreviewOptions(is_disabled=True)

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        assert message is not None and message.text is not None and message.from_user
        first = message.from_user.id not in seen
        seen.add(message.from_user.id)
        html, buttons = replies[(message.text, first)]
        await context.bot.send_message(
            message.chat_id,
            html,
            parse_mode=ParseMode.HTML,
            reply_markup=buttons,
            link_preview_options=no_preview,
        )

    await serve_bare(fake, answer)


def settings_for(fake: Fake, directory: Path) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{directory / 'bench.db'}",
        telegram_bot_token=SecretStr(TOKEN),
        telegram_api_base_url=fake.base_url,
        _env_file=None,  # type: ignore[call-arg]
    )


async def backcoach_bot(
    fake: Fake, directory: Path, *, core: bool = True, known: bool = False
) -> None:
    """Our bot; with ``core=False`` every update gets one precomputed FAQ answer.

    That variant keeps the adapter and PTB's work (the same HTML answer with
    three related-question buttons) and drops the core's: the ceiling no core
    could raise. With ``known=True`` everyone wrote to the bot a moment before the
    burst (in-process), so no reply is a first contact: the steady state, where the
    per-person writes of a first message are behind.
    """
    settings = settings_for(fake, directory)
    app = build_app(settings)
    async with running(app, sweep=False):
        if known:
            for person in range(1, PEOPLE + 1):
                sender = Sender("telegram", str(person), f"user{person}")
                await app.conversation.handle(TextMessage(sender, Chat(str(person)), "hello"))
        async with telegram_running(app.conversation, settings, limits=UNPACED):
            if not core:
                asked = TextMessage(Sender("telegram", "0", "bench"), Chat("0"), QUESTIONS[1])
                answer = await app.conversation.handle(asked)

                async def precomputed(_event: Event) -> Reply:
                    return answer

                app.conversation.handle = precomputed  # type: ignore[method-assign]
            await fake.control("wait_replies", count=PEOPLE * len(QUESTIONS), timeout=120)


async def push_slot_backcoach(fake: Fake, directory: Path) -> tuple[Json, int]:
    await fake.control("reset", flood_limits=True)
    await fake.control("meet", user_ids=list(range(1, SLOT + 1)))
    settings = settings_for(fake, directory)
    app = build_app(settings)
    async with running(app, sweep=False), telegram_running(app.conversation, settings):
        reminder = message("Time for a 10–15 minute walk.")
        results = await asyncio.gather(
            *(
                app.delivery.push(Recipient("telegram", str(i), str(i)), [reminder])
                for i in range(1, SLOT + 1)
            )
        )
    lost = sum(1 for result in results if not result.ok)
    return await fake.control("outbound"), lost


async def push_slot_aioratelimiter(fake: Fake) -> tuple[Json, int]:
    await fake.control("reset", flood_limits=True)
    await fake.control("meet", user_ids=list(range(1, SLOT + 1)))
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(fake.base_url)
        .rate_limiter(AIORateLimiter(max_retries=5))
        .build()
    )
    lost = 0

    async def send(chat_id: int) -> None:
        nonlocal lost
        try:
            await application.bot.send_message(chat_id, "Time for a 10–15 minute walk.")
        except RetryAfter:
            lost += 1

    async with application:
        await asyncio.gather(*(send(i) for i in range(1, SLOT + 1)))
    return await fake.control("outbound"), lost


async def core_only(directory: Path) -> float:
    """The same burst straight into ``Conversation.handle``: the ceiling any adapter has."""
    database_url = f"sqlite+aiosqlite:///{directory / 'core.db'}"
    app = build_app(Settings(database_url=database_url, _env_file=None))  # type: ignore[call-arg]
    async with running(app, sweep=False):
        started = time.perf_counter()
        for text in QUESTIONS:
            for person in range(1, PEOPLE + 1):
                sender = Sender("telegram", str(person), f"user{person}")
                await app.conversation.handle(TextMessage(sender, Chat(str(person)), text))
        return PEOPLE * len(QUESTIONS) / (time.perf_counter() - started)


def rate_line(name: str, report: Json) -> str:
    rate = report["updates"] / report["seconds"]
    return (
        f"  {name:<28} {rate:7.0f} updates/s   p50 {report['p50_ms']:6.1f} ms"
        f"   p99 {report['p99_ms']:7.1f} ms   ({report['replies']} replies)"
    )


def ratio(ours: Json, reference: Json) -> float:
    return float(
        (ours["updates"] / ours["seconds"]) / (reference["updates"] / reference["seconds"])
    )


def push_line(name: str, report: Json, lost: int) -> str:
    rate = (report["sent"] - 1) / report["seconds"] if report["seconds"] else 0.0
    return (
        f"  {name:<28} {rate:5.1f} msg/s = {rate / TELEGRAM_RATE:6.1%} of 30/s"
        f"   429s {report['too_many_requests']:4d}   lost {lost + SLOT - report['sent']:4d}"
        f"   ({report['seconds']:.1f} s)"
    )


def rate(report: Json) -> float:
    return float(report["updates"] / report["seconds"])


def spread(values: list[float], digits: int = 2) -> str:
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return (
        f"{min(values):.{digits}f}–{max(values):.{digits}f}"
        f" (median {statistics.median(values):.{digits}f}, {len(values)} runs)"
    )


async def inbound_runs(fake: Fake, runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        replies = await backcoach_replies(Path(scratch))
    buttons = sorted(
        {len(markup.inline_keyboard) if markup else 0 for _, markup in replies.values()}
    )
    print(f"(a) inbound: {PEOPLE * len(QUESTIONS)} messages from {PEOPLE} people, each asking:")
    for text in QUESTIONS:
        print(f"      {text!r}")
    print(f"    every reply is one HTML message with {'/'.join(map(str, buttons))} buttons;")
    print("    a person's first also carries the disclaimer (first contact)")
    to_same: list[float] = []
    to_echo: list[float] = []
    known_to_same: list[float] = []
    for run in range(1, runs + 1):
        with (
            tempfile.TemporaryDirectory() as first,
            tempfile.TemporaryDirectory() as fourth,
            tempfile.TemporaryDirectory() as fifth,
        ):
            echo = await inbound(fake, lambda: echo_bot(fake))
            same = await inbound(fake, lambda: same_reply_bot(fake, replies))
            ours = await inbound(fake, lambda: backcoach_bot(fake, Path(first)))
            known = await inbound(fake, lambda: backcoach_bot(fake, Path(fifth), known=True))
            no_core = await inbound(fake, lambda: backcoach_bot(fake, Path(fourth), core=False))
        print(f"  run {run}:")
        print(rate_line("bare PTB echo bot", echo))
        print(rate_line("bare PTB, the same reply", same))
        print(rate_line("backcoach (adapter + core)", ours))
        print(rate_line("backcoach, people it knows", known))
        print(rate_line("adapter, precomputed answer", no_core))
        to_same.append(ratio(ours, same))
        to_echo.append(ratio(ours, echo))
        known_to_same.append(ratio(known, same))
        print(
            f"    ratio backcoach/same reply {to_same[-1]:.2f}, backcoach/echo {to_echo[-1]:.2f},"
            f" precomputed/same reply {ratio(no_core, same):.2f}"
        )
    print(f"  ratio backcoach / bare PTB with the same reply: {spread(to_same)}  (target >= 0.8)")
    print(f"  ratio backcoach / bare PTB echo (a shorter reply): {spread(to_echo)}")
    print(f"  ratio backcoach, people it knows / the same reply: {spread(known_to_same)}")
    with tempfile.TemporaryDirectory() as third:
        ceiling = await core_only(Path(third))
    print(f"  core alone, no Telegram:     {ceiling:7.0f} updates/s (Conversation.handle)")


async def main(runs: int, inbound_only: bool) -> None:
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    started = time.monotonic()
    async with fake_api() as fake:
        await inbound_runs(fake, runs)
        if not inbound_only:
            with tempfile.TemporaryDirectory() as second:
                pushed, lost = await push_slot_backcoach(fake, Path(second))
            reference, reference_lost = await push_slot_aioratelimiter(fake)
            print(f"(b) outbound: a push slot of {SLOT} private chats, fake enforcing flood limits")
            print(push_line("backcoach FloodLimiter", pushed, lost))
            print(push_line("PTB AIORateLimiter", reference, reference_lost))
    print(f"total {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="times to run the inbound burst")
    parser.add_argument("--inbound-only", action="store_true", help="skip (b), the push slot")
    options = parser.parse_args()
    asyncio.run(main(options.runs, options.inbound_only))
