"""Our messages fit Discord's limits and keep a person's words inert."""

from __future__ import annotations

from bot.adapters.discord.buttons import CUSTOM_ID_LIMIT, LABEL_LIMIT
from bot.adapters.discord.render import MESSAGE_LIMIT, render, to_markdown
from bot.core.markup import Markup
from bot.core.messages import Button, Image, message


def test_user_text_is_escaped_and_only_our_styling_is_live() -> None:
    text = Markup.bold("Hi ") + Markup.plain("*not bold* @here <@&123456789012345678> `x`")
    rendered = to_markdown(text)
    assert rendered.startswith("**Hi** ")
    assert r"\*not bold\*" in rendered
    assert "@\u200bhere" in rendered and "@\u200b&123456789012345678" in rendered
    assert r"\`x\`" in rendered


def test_a_code_block_cannot_be_closed_from_inside() -> None:
    rendered = to_markdown(Markup.code('{"a": "```@everyone"}\n'))
    assert rendered.startswith("```\n") and rendered.endswith("\n```")
    assert rendered.count("```") == 2


def test_many_buttons_are_reflowed_within_five_by_five_and_spill_over() -> None:
    buttons = [[Button(f"Topic {n}", f"faq:t{n}")] for n in range(30)]
    parts = render(message("Pick one", buttons=buttons))
    assert [p.content for p in parts] == ["Pick one", ""]
    grids = [p.buttons for p in parts]
    assert all(len(grid) <= 5 and all(len(row) <= 5 for row in grid) for grid in grids)
    assert [b.action for grid in grids for row in grid for b in row] == [
        f"faq:t{n}" for n in range(30)
    ]


def test_long_labels_are_shortened_and_custom_ids_fit() -> None:
    long_label = "Does walking strengthen your back " * 5
    [part] = render(message("Q", buttons=[[Button(long_label, "faq:" + "x" * 44)]]))
    view = part.view()
    assert view is not None
    [item] = view.children
    payload = item.to_component_dict()  # type: ignore[attr-defined]
    assert len(payload["label"]) == LABEL_LIMIT and payload["label"].endswith("…")
    assert len(payload["custom_id"]) <= CUSTOM_ID_LIMIT
    assert view.timeout is None


def test_text_grows_with_escaping_yet_parts_stay_under_the_limit() -> None:
    starry = Markup.plain("*_" * 3000)
    parts = render(message(starry))
    assert len(parts) > 3
    assert all(len(part.content) <= MESSAGE_LIMIT for part in parts)


def test_the_image_goes_with_the_first_part_and_buttons_with_the_last() -> None:
    image = Image(b"\x89PNG", "chart.png", "Minutes walked")
    parts = render(
        message(Markup.plain("word " * 1000), buttons=[[Button("Done", "walk:done")]], image=image)
    )
    assert parts[0].image == image and len(parts[0].files()) == 1
    assert parts[-1].buttons and not parts[0].buttons
