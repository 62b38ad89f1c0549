"""Small bar charts of minutes walked, as PNG bytes (Pillow): a person's week, a
challenge's board."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 640, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 40, 12, 34, 28
BAR = (46, 139, 87)
GOAL = (200, 120, 40)
INK = (40, 40, 40)
GRID = (225, 225, 225)


def bar_chart(bars: list[tuple[str, int]], title: str, *, goal: int, label_every: int = 1) -> bytes:
    """A PNG of labelled bars of minutes and a goal line."""
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
