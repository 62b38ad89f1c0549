"""One registry of what the bot understands: every kind of button has one handler."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import bot.core
from bot.content import load_content
from bot.core import basics
from bot.core.actions import Action
from bot.core.events import EXPIRED_CHOICE, ButtonPress, Chat, Command, Sender
from bot.core.routes import build_router

MENU_TEXTS = load_content().commands.root
MANAGER = Sender("test", "max", "Max", can_manage_group=True)
GROUP = Chat("walkers", is_private=False, group_id="walkers")


def declared_actions() -> dict[str, Action]:
    """Every :class:`Action` a module of the core declares at module level."""
    found: dict[str, Action] = {}
    for module in pkgutil.walk_packages(bot.core.__path__, "bot.core."):
        if ".semantic.build" in module.name:
            continue  # the model builder's dependencies are an optional extra
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, Action):
                assert found.get(value.prefix, value) is value, f"{value.prefix!r} declared twice"
                found[value.prefix] = value
    return found


def test_every_declared_kind_of_button_is_answered_and_nothing_else_is_registered() -> None:
    declared = declared_actions()
    routes = build_router(MENU_TEXTS).actions
    assert {"faq", "ex", "remind", "walk", "forget", "challenge", "choice"} <= set(declared)
    assert {prefix: route.action for prefix, route in routes.items()} == declared
    assert basics.CHOICE.id(basics.EXPIRED) == EXPIRED_CHOICE  # what the console presses


def test_a_command_and_its_buttons_say_the_same_about_group_rights() -> None:
    router = build_router(MENU_TEXTS)
    create = Command(MANAGER, GROUP, "challenge", "create Spring walkers")
    join = ButtonPress(MANAGER, GROUP, "challenge:join:1")
    question = ButtonPress(MANAGER, GROUP, "faq:walking-strengthens")
    assert router.reads_group_rights(create) and router.reads_group_rights(join)
    assert not router.reads_group_rights(question)
    assert not router.reads_group_rights(Command(MANAGER, GROUP, "help"))


def test_menus_say_what_the_content_says_and_a_missing_text_is_named() -> None:
    walk = build_router(MENU_TEXTS).commands["walk"]
    assert walk.description == MENU_TEXTS["walk"] == "Log a walk"
    [log, _] = walk.subcommands
    assert log.options[0].description == MENU_TEXTS["walk log minutes"]
    help_ = build_router(MENU_TEXTS).commands["help"]
    assert [option.description for option in help_.options] == [MENU_TEXTS["text"]]
    without = {key: text for key, text in MENU_TEXTS.items() if key != "walk log minutes"}
    with pytest.raises(ValueError, match="no description for 'walk log minutes'"):
        build_router(without)
