"""/challenge create|join|leave|board|end and the Join and Board buttons.

Typed (console, Telegram): ``/challenge create Spring walkers days=14 goal=20``;
on Discord the same values arrive as typed options in ``Command.options``.
Creating or ending needs the person to manage the group (Discord: Manage
Server), checked here because Discord's command permissions cover a whole group
of subcommands at once. Joining and logging need nothing, not even /start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.content.challenges import ChallengeTexts
from bot.core.challenges import posts
from bot.core.challenges.lifecycle import channel_of, conclude, current_standings
from bot.core.challenges.standings import last_day
from bot.core.challenges.store import add_member, find_member, remove_members, running_in_group
from bot.core.commands import CommandOption, Subcommand
from bot.core.events import Command
from bot.core.markup import Markup, quote
from bot.core.messages import Button, Reply, message, say
from bot.core.ports import CHANNEL_GONE, MISSING_ACCESS
from bot.core.times.local import local_date
from bot.core.times.parse import TimeInputError, parse_time
from bot.core.times.zones import resolve_zone
from bot.core.turn import Turn
from bot.core.typed import action_number, read_number
from bot.storage.models import Challenge

MAX_DAYS = 90
MAX_NAME_LENGTH = 60
GOAL_RANGE = (5, 300)
"""Minutes a day: five is a start; five hours is the most anyone should aim for."""

_WHICH = CommandOption("challenge")
CHALLENGE_SUBCOMMANDS = (
    Subcommand(
        "create",
        (
            CommandOption("name", required=True, min=1, max=MAX_NAME_LENGTH),
            CommandOption("days", "int", min=1, max=MAX_DAYS),
            CommandOption("goal", "int", min=GOAL_RANGE[0], max=GOAL_RANGE[1]),
            CommandOption("channel", "channel"),
            CommandOption("start"),
            CommandOption("time"),
            CommandOption("zone"),
            CommandOption("reward", "role"),
        ),
    ),
    Subcommand("join", (_WHICH,)),
    Subcommand("leave", (_WHICH,)),
    Subcommand("board", (_WHICH,)),
    Subcommand("end", (_WHICH,)),
)


def _texts(turn: Turn) -> ChallengeTexts:
    return turn.content.challenges


async def challenge(turn: Turn, command: Command) -> Reply:
    texts = _texts(turn)
    if turn.chat.group_id is None:
        return [message(texts.needs_group)]
    words = command.words
    head = words[0].casefold() if words else ""
    rest = " ".join(words[1:])
    if head == "create":
        return await create(turn, command, rest)
    if head in {"join", "leave", "board", "end"}:
        typed = command.option("challenge")
        return await _on_chosen(turn, head, str(typed) if typed is not None else rest)
    return [message(texts.usage)]


# create -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Plan:
    name: str
    days: int
    goal: int
    channel_id: str
    start: date
    post_time: str
    zone: str
    reward_role_id: str | None


class _Refused(Exception):
    def __init__(self, reply: Reply) -> None:
        self.reply = reply


async def create(turn: Turn, command: Command, typed: str) -> Reply:
    texts = _texts(turn)
    if not turn.sender.can_manage_group:
        return [message(texts.needs_manager)]
    try:
        plan = _plan(turn, command, typed)
    except _Refused as refused:
        return refused.reply
    assert turn.chat.group_id is not None
    port = turn.services.delivery.group_admin(turn.sender.platform)
    if port is not None and port.can_post(turn.chat.group_id, plan.channel_id) is False:
        return [message(texts.cannot_post)]
    created = Challenge(
        platform=turn.sender.platform,
        group_id=turn.chat.group_id,
        channel_id=plan.channel_id,
        name=plan.name,
        days=plan.days,
        goal_minutes=plan.goal,
        start_date=plan.start,
        post_time=plan.post_time,
        timezone=plan.zone,
        reward_role_id=plan.reward_role_id,
        creator_user_id=turn.sender.user_id,
        status="active",
        created_at=turn.now,
    )
    created.next_post_at = posts.next_post_at(created, turn.now)
    turn.session.add(created)
    await turn.session.flush()
    result = await turn.services.delivery.push(
        channel_of(created), [posts.announcement(texts, created)]
    )
    if result.detail in {MISSING_ACCESS, CHANNEL_GONE}:
        await turn.session.delete(created)
        return [message(texts.cannot_post)]
    reply = [
        say(
            texts.created,
            name=created.name,
            days=created.days,
            start=created.start_date.isoformat(),
            goal=created.goal_minutes,
            time=created.post_time,
            zone=created.timezone,
        )
    ]
    role = plan.reward_role_id
    if role and port is not None and port.can_grant_role(created.group_id, role) is False:
        reply.append(message(texts.cannot_grant_role))
    return reply


def _plan(turn: Turn, command: Command, typed: str) -> _Plan:
    """The challenge asked for, from typed options or ``key=value`` words; defaults filled."""
    texts = _texts(turn)
    values: dict[str, str | int] = dict(command.options)
    if not values:
        name_words = []
        for word in typed.split():
            key, sep, value = word.partition("=")
            if sep and key.casefold() in {"days", "goal", "start", "time", "zone"}:
                values[key.casefold()] = value
            else:
                name_words.append(word)
        values["name"] = " ".join(name_words)
    name = " ".join(str(values.get("name", "")).split())[:MAX_NAME_LENGTH]
    if not name:
        raise _Refused([message(texts.create_usage)])
    zone = turn.person.timezone
    if "zone" in values:
        found = resolve_zone(str(values["zone"])).zone
        if found is None:
            raise _Refused([say(texts.bad_zone, typed=quote(str(values["zone"])))])
        zone = found
    today = local_date(turn.now, zone)
    start = today
    if "start" in values:
        try:
            start = date.fromisoformat(str(values["start"]).strip())
        except ValueError:
            start = date.min
        if start < today:
            raise _Refused([say(texts.bad_start, typed=quote(str(values["start"])))])
    post_time = texts.default_post_time
    if "time" in values:
        try:
            post_time = parse_time(str(values["time"]))
        except TimeInputError:
            refusal = say(texts.bad_post_time, typed=quote(str(values["time"])))
            raise _Refused([refusal]) from None
    return _Plan(
        name=name,
        days=_number(texts, values, "days", texts.default_days, 1, MAX_DAYS),
        goal=_number(texts, values, "goal", texts.default_goal_minutes, *GOAL_RANGE),
        channel_id=str(values.get("channel") or turn.chat.id),
        start=start,
        post_time=post_time.strftime("%H:%M"),
        zone=zone,
        reward_role_id=str(values["reward"]) if values.get("reward") else None,
    )


def _number(
    texts: ChallengeTexts, values: dict[str, str | int], key: str, default: int, low: int, high: int
) -> int:
    raw = values.get(key)
    if raw is None:
        return default
    number = read_number(str(raw), low, high)
    if number is None:
        raise _Refused([say(texts.bad_number, what=key, low=low, high=high)])
    return number


# join, leave, board, end ------------------------------------------------------------


async def _on_chosen(turn: Turn, verb: str, typed: str) -> Reply:
    texts = _texts(turn)
    assert turn.chat.group_id is not None
    running = await running_in_group(turn.session, turn.sender.platform, turn.chat.group_id)
    if not running:
        return [message(texts.none_running)]
    chosen: Challenge | None
    if typed.strip():
        wanted = " ".join(typed.split()).casefold()
        chosen = next((c for c in running if c.name.casefold() == wanted), None)
        if chosen is None:
            return [say(texts.unknown_challenge, typed=quote(typed))]
    elif len(running) == 1:
        chosen = running[0]
    else:
        here = [c for c in running if c.channel_id == turn.chat.id]
        if len(here) != 1:
            choices = [[Button(c.name, posts.CHALLENGE.id(verb, c.id))] for c in running[:25]]
            return [message(texts.pick_one, buttons=choices)]
        chosen = here[0]
    return await _act(turn, verb, chosen)


async def challenge_button(turn: Turn, rest: str) -> Reply:
    """``join:<id>``, ``board:<id>``... pressed on an announcement, a post or a choice."""
    verb, _, ident = rest.partition(":")
    challenge_id = action_number(ident)
    found = await turn.session.get(Challenge, challenge_id) if challenge_id else None
    if (
        found is None
        or verb not in {"join", "leave", "board", "end"}
        or (found.platform, found.group_id) != (turn.sender.platform, turn.chat.group_id)
        or (found.status != "active" and verb != "board")
    ):
        return [message(turn.content.messages.stale_button)]
    return await _act(turn, verb, found)


async def _act(turn: Turn, verb: str, chosen: Challenge) -> Reply:
    texts = _texts(turn)
    if verb == "join":
        joined = await add_member(
            turn.session, chosen, turn.person.id, turn.sender.user_id, turn.now
        )
        return [say(texts.joined if joined else texts.already_joined, name=chosen.name)]
    if verb == "leave":
        if await find_member(turn.session, chosen.id, turn.person.id) is None:
            return [say(texts.not_member, name=chosen.name)]
        await remove_members(turn.session, chosen.id, [turn.person.id])
        return [say(texts.left, name=chosen.name)]
    if verb == "board":
        today = min(posts.local_today(chosen, turn.now), last_day(chosen))
        rows = await current_standings(turn.session, turn.services.delivery, chosen, today)
        return [posts.board(texts, chosen, rows, today)]
    if not (turn.sender.can_manage_group or turn.sender.user_id == chosen.creator_user_id):
        return [message(texts.needs_manager)]
    await conclude(turn.session, turn.services.delivery, texts, chosen, turn.now)
    return [message(Markup.from_content(texts.ended_by))]
