"""The ``backcoach`` command: chat, ask, run, db upgrade, content check."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from contextlib import AsyncExitStack, suppress
from typing import Any, NoReturn

from pydantic import ValidationError

from bot.config import Settings, describe_error
from bot.content import Content, ContentError, default_content_dir, load_content
from bot.core.answers import Answerer
from bot.core.semantic.encoder import ModelError
from bot.logs import configure_logging


def entry() -> NoReturn:
    """The ``backcoach`` command; tests call :func:`main` in-process."""
    code = main()
    if sys.argv[1:2] == ["ask"]:
        _leave_at_once(code)
    sys.exit(code)


def _leave_at_once(code: int) -> NoReturn:
    """End a one-shot command without the interpreter's teardown.

    Freeing the model, the content and 14,000 learnt messages one object at a time took
    0.15 s of `backcoach ask`'s cold start, for memory the process is about to hand back
    whole, and scripts pay the cold start on every call. What the command wrote is
    flushed first; nothing else is left open (`ask` opens no database and no file).
    """
    with suppress(BrokenPipeError):  # whoever read the answer has gone: nothing to tell
        sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"backcoach: {describe_error(exc)}", file=sys.stderr)
        return 2
    secrets = [
        token.get_secret_value()
        for token in (
            settings.telegram_bot_token,
            settings.telegram_webhook_secret,
            settings.discord_bot_token,
        )
        if token is not None
    ]
    configure_logging(settings.log_level if args.command == "run" else "WARNING", secrets)
    try:
        return int(args.handler(settings, args))
    except ContentError as exc:
        print(f"backcoach: content error: {exc}", file=sys.stderr)
        return 2
    except ModelError as exc:
        print(f"backcoach: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _stop_writing_to_closed_stdout()
        return 0


def _stop_writing_to_closed_stdout() -> None:
    """Whoever read our output has gone (``backcoach chat | head -1``): end quietly.

    Python flushes stdout once more on exit and would complain about the closed
    pipe then, so stdout now points nowhere (the recipe in the ``signal`` docs).
    """
    with suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backcoach", description="A back-health coach.")
    commands = parser.add_subparsers(dest="command")

    chat = commands.add_parser("chat", help="chat with the coach in this terminal")
    chat.add_argument("--json", action="store_true", help="one JSON object per outgoing message")
    chat.set_defaults(handler=_chat)

    ask = commands.add_parser("ask", help="answer one question, or one per stdin line with -")
    ask.add_argument("question", nargs="+", help="the question, or - to read lines from stdin")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.set_defaults(handler=_ask)

    run = commands.add_parser("run", help="run the bot on the configured chat platforms")
    run.set_defaults(handler=_run)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply migrations up to the latest")
    upgrade.set_defaults(handler=_db_upgrade)

    content = commands.add_parser("content", help="content maintenance")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    check = content_commands.add_parser("check", help="validate the content files")
    check.set_defaults(handler=_content_check)
    vectors = content_commands.add_parser(
        "vectors", help="refresh the cached vectors of the content's texts (vectors.npz)"
    )
    vectors.set_defaults(handler=_content_vectors)
    calibrate = content_commands.add_parser(
        "calibrate", help="refit the FAQ ranking to the examples, then refresh the vectors"
    )
    calibrate.set_defaults(handler=_content_calibrate)
    return parser


def _chat(settings: Settings, args: argparse.Namespace) -> int:
    from bot.adapters.console import ConsoleChat
    from bot.app import build_app, running

    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")  # stray bytes in a pipe are not a crash

    async def chat() -> int:
        app = build_app(settings)
        async with running(app):
            console = ConsoleChat(
                app.conversation, json_mode=args.json, image_dir=settings.data_dir / "images"
            )
            app.conversation.connect(console)
            return await console.run()

    return asyncio.run(chat())


def _ask(settings: Settings, args: argparse.Namespace) -> int:
    answerer = Answerer(load_content(settings.content_dir))
    if args.question == ["-"]:
        for line in iter(sys.stdin.readline, ""):
            _print_answer(answerer, line.strip(), args.json)
        return 0
    _print_answer(answerer, " ".join(args.question), args.json)
    return 0


def _print_answer(answerer: Answerer, text: str, as_json: bool) -> None:
    answer = answerer.answer(text)
    if as_json:
        print(json.dumps(answerer.describe(answer), ensure_ascii=False), flush=True)
        return
    from bot.adapters.console.render import to_text  # as the chat shows it, topics numbered

    for reply in answerer.render(answer):
        print(to_text(reply, None), end="")


def _run(settings: Settings, args: argparse.Namespace) -> int:
    if settings.telegram_bot_token is None and settings.discord_bot_token is None:
        print(
            "backcoach: no chat platform configured; set TELEGRAM_BOT_TOKEN or DISCORD_BOT_TOKEN "
            "(or try `backcoach chat`)",
            file=sys.stderr,
        )
        return 2
    from bot.adapters.discord import DiscordStartError
    from bot.adapters.telegram import TelegramStartError

    try:
        asyncio.run(_serve(settings))
    except (TelegramStartError, DiscordStartError) as exc:
        platform = "discord: " if isinstance(exc, DiscordStartError) else ""
        print(f"backcoach: {platform}{exc}", file=sys.stderr)
        return 1
    return 0


async def _serve(settings: Settings) -> None:
    """Run every configured platform in one process until SIGTERM/SIGINT.

    Sweeps start once the platforms' ports are registered, so no push finds its
    port missing, and stop before the platforms close, so a push in flight is
    finished, not cancelled.
    """
    from bot.adapters.discord import run_discord
    from bot.adapters.telegram import telegram_running
    from bot.app import build_app, running

    stop = _stop_on_signals()
    app = build_app(settings)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(running(app, sweep=False))
        telegram = None
        if settings.telegram_bot_token is not None:
            telegram = await stack.enter_async_context(telegram_running(app.conversation, settings))
        waiters: set[asyncio.Future[Any]] = {asyncio.ensure_future(stop.wait())}
        discord = None
        if settings.discord_bot_token is not None:
            discord = asyncio.ensure_future(run_discord(app.conversation, settings))
            waiters.add(discord)
        app.sweeper.start()
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            logging.getLogger(__name__).info("stopping: finishing what is in flight")
            if telegram is not None:
                await telegram.stop_updates()
            await app.sweeper.stop()
            for waiter in waiters:
                waiter.cancel()
            if discord is not None:
                with suppress(asyncio.CancelledError):
                    await discord  # raises DiscordStartError if it ended on its own


def _stop_on_signals() -> asyncio.Event:
    """An event set by SIGTERM or SIGINT: the way a service manager asks us to stop."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    return stop


def _db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage.database import Database

    async def upgrade() -> None:
        database = Database(settings.database_url)
        try:
            await database.upgrade()
        finally:
            await database.dispose()

    asyncio.run(upgrade())
    print("database is up to date")
    return 0


def _content_check(settings: Settings, args: argparse.Namespace) -> int:
    content = load_content(settings.content_dir)
    answerer = Answerer(content)
    stale = answerer.vectors.missing + answerer.messages.missing
    print(
        f"content OK: {len(content.faq.entries)} FAQ entries, "
        f"{len(content.exercises.exercises)} exercises, {len(content.routines.routines)} routines"
    )
    if _sign_head_is_stale(content):
        print(
            "backcoach: the warning-sign head learnt from other examples than the content "
            "holds now; run `backcoach content calibrate` to retrain it",
            file=sys.stderr,
        )
    if stale:
        print(
            f"backcoach: {stale} content texts or learnt messages have no cached vectors, so "
            "every start reads them again; run `backcoach content vectors`",
            file=sys.stderr,
        )
        return 1
    return 0


def _sign_head_is_stale(content: Content) -> bool:
    """A stale head still works (it has only not learnt the newest examples), so this is
    said but does not fail the check, unlike a stale cache that every start pays for."""
    from bot.core.safety.finding import FindingHead
    from bot.core.safety.head import CRISIS_FILE, SignHead, crisis_examples

    root = content.root or default_content_dir()
    signs = content.calibration.signs
    if signs.head_weight and not SignHead.load(root).is_current(content):
        return True
    if signs.crisis_sure is not None and not SignHead.load(root, CRISIS_FILE).is_current(
        content, crisis_examples
    ):
        return True
    return bool(signs.finding) and not FindingHead.load(root).head.is_current(content)


def _content_vectors(settings: Settings, args: argparse.Namespace) -> int:
    content = load_content(settings.content_dir)
    first = Answerer(content, trained_head=False)
    path = first.messages.save()
    print(f"wrote {path} ({first.messages.missing} learnt messages read anew)")
    # Loaded again, the learnt messages come from their cache: the texts' cache then
    # keeps the content's own texts only, not every sentence of every learnt message.
    answerer = Answerer(content, trained_head=False)
    path = answerer.vectors.save()
    print(f"wrote {path} ({answerer.vectors.missing} texts embedded anew)")
    return 0


def _content_calibrate(settings: Settings, args: argparse.Namespace) -> int:
    from bot.core.faq.calibrate import calibrate, write_weights
    from bot.core.safety.finding import train_finding_head
    from bot.core.safety.head import CRISIS_FILE, train_crisis_head, train_sign_head

    content = load_content(settings.content_dir)
    root = content.root or settings.content_dir
    if root is None:
        raise ContentError("no content directory to write the calibration to")
    answerer = Answerer(content, trained_head=False)
    weights, head = calibrate(content, answerer.ranking, answerer.content_reader)
    print(f"wrote {write_weights(root, weights)}: {weights}")
    print(f"wrote {head.save(root, content.faq)}")
    print(f"wrote {train_sign_head(content, answerer.content_reader).save(root)}")
    print(f"wrote {train_finding_head(content, answerer.content_reader).save(root)}")
    crisis = train_crisis_head(content, answerer.content_reader)
    print(f"wrote {crisis.save(root, CRISIS_FILE)}")
    return _content_vectors(settings, args)


if __name__ == "__main__":
    raise SystemExit(main())
