"""Small bar charts of minutes walked, as PNG bytes (Pillow)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from bot.core.walks import WalkDay

WIDTH, HEIGHT = 640, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 40, 12, 34, 28
BAR = (46, 139, 87)
GOAL = (200, 120, 40)
INK = (40, 40, 40)
GRID = (225, 225, 225)
GOAL_MINUTES = 20
"""Two walks of ten minutes: the low end of the article's advice, drawn as a line."""


def walk_chart(days: list[WalkDay], title: str) -> bytes:
    """Minutes per day, with the article's daily low end drawn as a line."""
    label_every = 1 if len(days) <= 10 else 5
    bars = [
        (day.day.strftime("%a") if len(days) <= 10 else str(day.day.day), day.minutes)
        for day in days
    ]
    return bar_chart(bars, title, goal=GOAL_MINUTES, label_every=label_every)


def bar_chart(bars: list[tuple[str, int]], title: str, *, goal: int, label_every: int = 1) -> bytes:
    """A PNG of labelled bars of minutes and a goal line; other features chart with it too."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    draw.text((MARGIN_LEFT, 8), title, fill=INK, font=font)
    top = max([goal + 10, *(minutes for _, minutes in bars)])
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    base = MARGIN_TOP + plot_h

    def y_of(minutes: int) -> float:
        return base - plot_h * minutes / top

    for tick in range(0, top + 1, max(10, top // 4 // 10 * 10)):
        draw.line([(MARGIN_LEFT, y_of(tick)), (WIDTH - MARGIN_RIGHT, y_of(tick))], fill=GRID)
        draw.text((4, y_of(tick) - 6), str(tick), fill=INK, font=font)
    step = plot_w / max(1, len(bars))
    for index, (label, minutes) in enumerate(bars):
        left = MARGIN_LEFT + index * step + step * 0.15
        right = MARGIN_LEFT + (index + 1) * step - step * 0.15
        if minutes:
            draw.rectangle([left, y_of(minutes), right, base], fill=BAR)
        if index % label_every == 0 or index == len(bars) - 1:
            draw.text((left, base + 6), label, fill=INK, font=font)
    draw.line(
        [(MARGIN_LEFT, y_of(goal)), (WIDTH - MARGIN_RIGHT, y_of(goal))],
        fill=GOAL,
        width=2,
    )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
