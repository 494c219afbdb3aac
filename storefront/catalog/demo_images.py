"""Product photos for the demo markets, drawn with Pillow at seed time.

Each picture is a soft gradient studio backdrop with a stylised object on it (a pot, a jar of
saffron, a book…), drawn at 1.5× and scaled down for smooth edges. Only Latin text is ever drawn
(Pillow can't be relied on to shape Persian), and only on the covers of English books.
"""

from __future__ import annotations

import functools
import io
import math
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = 800
SCALE = 1.25
FONT_PATH = Path(__file__).resolve().parents[2] / "static" / "fonts" / "Vazirmatn-Variable.woff2"

Colour = tuple[int, int, int]


def hex_rgb(value: str) -> Colour:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def lighten(c: Colour, t: float) -> Colour:
    return mix(c, (255, 255, 255), t)


def darken(c: Colour, t: float) -> Colour:
    return mix(c, (0, 0, 0), t)


def gradient(width: int, height: int, start: Colour, end: Colour, angle: float = 35) -> Image.Image:
    """A linear gradient from `start` to `end`, tilted by `angle` degrees (0: left to right)."""
    across = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).reduce(4)
    down = Image.linear_gradient("L").reduce(4)
    mask = Image.blend(across, down, min(max(angle / 90, 0), 1)).resize((width, height), Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", (width, height), start), Image.new("RGB", (width, height), end), mask)


class Canvas:
    """Drawing in unit coordinates (0…1) on a square region of an RGB image (alpha fills blend)."""

    def __init__(self, size: int, image: Image.Image, origin: tuple[int, int] = (0, 0)):
        self.size = size
        self.image = image
        self.origin = origin
        self.draw = ImageDraw.Draw(self.image, "RGBA")

    def p(self, *values: float) -> list[float]:
        ox, oy = self.origin
        return [v * self.size + (ox if i % 2 == 0 else oy) for i, v in enumerate(values)]

    def ellipse(self, x0, y0, x1, y1, fill, outline=None, width=0):
        self.draw.ellipse(self.p(x0, y0, x1, y1), fill=fill, outline=outline, width=round(width * self.size))

    def rect(self, x0, y0, x1, y1, fill, radius=0.0, outline=None, width=0):
        self.draw.rounded_rectangle(
            self.p(x0, y0, x1, y1),
            radius=radius * self.size,
            fill=fill,
            outline=outline,
            width=round(width * self.size),
        )

    def poly(self, points, fill):
        self.draw.polygon([tuple(self.p(x, y)) for x, y in points], fill=fill)

    def arc(self, x0, y0, x1, y1, start, end, fill, width):
        self.draw.arc(self.p(x0, y0, x1, y1), start, end, fill=fill, width=round(width * self.size))

    def line(self, points, fill, width):
        self.draw.line([tuple(self.p(x, y)) for x, y in points], fill=fill, width=round(width * self.size))

    def turned(self, points, angle: float, centre=(0.5, 0.5)):
        """`points` rotated by `angle` degrees around `centre` (cheaper than rotating a layer)."""
        a = math.radians(angle)
        cx, cy = centre
        return [
            (cx + (x - cx) * math.cos(a) - (y - cy) * math.sin(a), cy + (x - cx) * math.sin(a) + (y - cy) * math.cos(a))
            for x, y in points
        ]

    def oval(self, cx, cy, rx, ry, angle, fill, centre=None):
        """An ellipse turned by `angle` degrees around `centre` (its own centre by default)."""
        points = [(cx + rx * math.cos(t / 24 * math.pi), cy + ry * math.sin(t / 24 * math.pi)) for t in range(48)]
        self.poly(self.turned(points, angle, centre or (cx, cy)), fill)

    def shadow(self, cx, cy, rx, ry, strength=70):
        """A soft floor shadow: blurred on a small mask of just its own box (blurring is the slow part)."""
        margin = 0.04
        x0, y0, x1, y1 = (
            round(v) for v in self.p(cx - rx - margin, cy - ry - margin, cx + rx + margin, cy + ry + margin)
        )
        width, height = max(x1 - x0, 4), max(y1 - y0, 4)
        small = Image.new("L", (max(width // 4, 1), max(height // 4, 1)), 0)
        pad = margin * self.size / 4
        ImageDraw.Draw(small).ellipse((pad, pad, small.width - pad, small.height - pad), fill=strength)
        mask = small.filter(ImageFilter.GaussianBlur(self.size * 0.006)).resize(
            (width, height), Image.Resampling.BILINEAR
        )
        self.image.paste((40, 20, 10), (x0, y0), mask)


# --- Objects ----------------------------------------------------------------------------------


def draw_pot(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.8, 0.3, 0.05)
    c.rect(0.2, 0.5, 0.26, 0.56, darken(main, 0.3), radius=0.02)
    c.rect(0.74, 0.5, 0.8, 0.56, darken(main, 0.3), radius=0.02)
    c.rect(0.25, 0.44, 0.75, 0.8, main, radius=0.06)
    c.rect(0.29, 0.48, 0.36, 0.74, (*lighten(main, 0.35), 120), radius=0.03)
    c.ellipse(0.22, 0.38, 0.78, 0.5, darken(main, 0.15))
    c.ellipse(0.25, 0.37, 0.75, 0.47, lighten(main, 0.15))
    c.rect(0.45, 0.31, 0.55, 0.38, darken(main, 0.45), radius=0.03)


def draw_pan(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.45, 0.78, 0.34, 0.05)
    c.poly([(0.62, 0.52), (0.92, 0.33), (0.95, 0.37), (0.66, 0.58)], darken(main, 0.5))
    c.ellipse(0.12, 0.3, 0.7, 0.82, darken(main, 0.2))
    c.ellipse(0.16, 0.34, 0.66, 0.78, darken(main, 0.45))
    c.ellipse(0.22, 0.38, 0.42, 0.52, (255, 255, 255, 40))


def draw_kettle(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.82, 0.28, 0.05)
    c.arc(0.3, 0.2, 0.7, 0.6, 200, 340, darken(main, 0.5), 0.035)
    c.poly([(0.7, 0.62), (0.86, 0.46), (0.9, 0.48), (0.76, 0.72)], darken(main, 0.1))
    c.ellipse(0.24, 0.38, 0.76, 0.84, main)
    c.ellipse(0.3, 0.46, 0.42, 0.66, (255, 255, 255, 70))
    c.ellipse(0.4, 0.34, 0.6, 0.42, darken(main, 0.25))
    c.ellipse(0.46, 0.3, 0.54, 0.36, darken(main, 0.5))


def draw_mug(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.48, 0.8, 0.25, 0.045)
    c.arc(0.6, 0.48, 0.82, 0.7, 270, 90, darken(main, 0.15), 0.05)
    c.rect(0.26, 0.4, 0.66, 0.8, main, radius=0.05)
    c.ellipse(0.26, 0.36, 0.66, 0.44, darken(main, 0.35))
    c.rect(0.3, 0.46, 0.36, 0.72, (255, 255, 255, 60), radius=0.03)
    for offset in (0.38, 0.48, 0.58):
        c.arc(offset - 0.04, 0.14, offset + 0.04, 0.3, 100, 260, (255, 255, 255, 150), 0.012)


def draw_plate(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.56, 0.36, 0.33, strength=45)
    c.ellipse(0.14, 0.16, 0.86, 0.88, (250, 248, 244))
    c.ellipse(0.24, 0.26, 0.76, 0.78, lighten(main, 0.85))
    for i in range(16):
        a = 2 * math.pi * i / 16
        x, y = 0.5 + 0.31 * math.cos(a), 0.52 + 0.31 * math.sin(a)
        c.ellipse(x - 0.018, y - 0.018, x + 0.018, y + 0.018, main)
    c.ellipse(0.42, 0.44, 0.58, 0.6, lighten(main, 0.4))


def draw_bowl(c: Canvas, main: Colour, rng: random.Random, filling: Colour | None = None):
    c.shadow(0.5, 0.78, 0.32, 0.05)
    if filling:
        c.ellipse(0.22, 0.36, 0.78, 0.62, filling)
        for _ in range(40):
            x, y = rng.uniform(0.3, 0.7), rng.uniform(0.4, 0.55)
            c.ellipse(x - 0.012, y - 0.008, x + 0.012, y + 0.008, darken(filling, rng.uniform(0.05, 0.3)))
    c.draw.chord(c.p(0.16, 0.26, 0.84, 0.8), 0, 180, fill=main)
    c.ellipse(0.16, 0.49, 0.84, 0.57, darken(main, 0.2) if not filling else lighten(main, 0.2))
    c.rect(0.4, 0.78, 0.6, 0.8, darken(main, 0.3), radius=0.01)


def draw_vase(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.84, 0.2, 0.04)
    c.ellipse(0.28, 0.4, 0.72, 0.86, main)
    c.rect(0.42, 0.22, 0.58, 0.5, main)
    c.ellipse(0.38, 0.18, 0.62, 0.26, darken(main, 0.25))
    c.ellipse(0.34, 0.5, 0.44, 0.72, (255, 255, 255, 70))
    for i in range(5):
        y = 0.58 + i * 0.04
        c.line([(0.32, y), (0.68, y)], (*lighten(main, 0.5), 90), 0.006)
    c.line([(0.5, 0.2), (0.42, 0.04)], (60, 120, 60), 0.008)
    c.ellipse(0.36, 0.0, 0.48, 0.09, (230, 90, 110))


def draw_candle(c: Canvas, main: Colour, rng: random.Random):
    c.ellipse(0.3, 0.08, 0.7, 0.48, (255, 220, 150, 70))
    c.shadow(0.5, 0.82, 0.22, 0.04)
    c.rect(0.32, 0.4, 0.68, 0.82, main, radius=0.03)
    c.ellipse(0.32, 0.36, 0.68, 0.44, lighten(main, 0.3))
    c.rect(0.36, 0.5, 0.64, 0.68, (255, 255, 255, 180), radius=0.01)
    c.line([(0.5, 0.39), (0.5, 0.34)], (60, 40, 30), 0.008)
    c.ellipse(0.46, 0.2, 0.54, 0.34, (255, 170, 40))
    c.ellipse(0.48, 0.25, 0.52, 0.33, (255, 240, 180))


def draw_cushion(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.82, 0.33, 0.05)
    c.rect(0.17, 0.2, 0.83, 0.8, main, radius=0.12)
    c.rect(0.22, 0.25, 0.78, 0.75, None, radius=0.09, outline=(255, 255, 255, 110), width=0.006)
    for i in range(4):
        c.line([(0.22 + i * 0.14, 0.25), (0.22 + i * 0.14 + 0.1, 0.75)], (*darken(main, 0.12), 120), 0.01)
    c.ellipse(0.47, 0.47, 0.53, 0.53, darken(main, 0.35))


def draw_lamp(c: Canvas, main: Colour, rng: random.Random):
    c.ellipse(0.2, 0.3, 0.8, 0.9, (255, 230, 160, 60))
    c.shadow(0.5, 0.86, 0.2, 0.035)
    c.rect(0.48, 0.46, 0.52, 0.82, darken(main, 0.5))
    c.ellipse(0.36, 0.8, 0.64, 0.88, darken(main, 0.4))
    c.poly([(0.36, 0.18), (0.64, 0.18), (0.76, 0.48), (0.24, 0.48)], main)
    c.poly([(0.4, 0.2), (0.46, 0.2), (0.36, 0.46), (0.3, 0.46)], (255, 255, 255, 60))


def draw_clock(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.53, 0.34, 0.34, strength=55)
    c.ellipse(0.16, 0.16, 0.84, 0.84, main)
    c.ellipse(0.2, 0.2, 0.8, 0.8, (252, 250, 246))
    for i in range(12):
        a = 2 * math.pi * i / 12
        c.line(
            [
                (0.5 + 0.25 * math.cos(a), 0.5 + 0.25 * math.sin(a)),
                (0.5 + 0.28 * math.cos(a), 0.5 + 0.28 * math.sin(a)),
            ],
            main,
            0.01,
        )
    c.line([(0.5, 0.5), (0.5, 0.31)], darken(main, 0.4), 0.016)
    c.line([(0.5, 0.5), (0.64, 0.56)], darken(main, 0.4), 0.012)
    c.ellipse(0.485, 0.485, 0.515, 0.515, (220, 60, 60))


def draw_frame(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.84, 0.3, 0.04)
    c.rect(0.2, 0.14, 0.8, 0.82, darken(main, 0.2), radius=0.03)
    inner = gradient(int(0.5 * c.size), int(0.58 * c.size), lighten(main, 0.75), lighten(main, 0.35), angle=120)
    c.image.paste(inner, tuple(round(v) for v in c.p(0.25, 0.19)))
    c.poly([(0.3, 0.7), (0.45, 0.45), (0.58, 0.62), (0.65, 0.55), (0.72, 0.7)], (*darken(main, 0.05), 200))
    c.ellipse(0.6, 0.26, 0.68, 0.34, (255, 255, 255, 200))


def draw_board(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.8, 0.33, 0.05)
    wood = (170, 110, 60)
    c.rect(0.2, 0.24, 0.72, 0.82, wood, radius=0.06)
    c.ellipse(0.42, 0.28, 0.5, 0.34, darken(wood, 0.35))
    for i in range(6):
        y = 0.4 + i * 0.07
        c.arc(0.24, y - 0.03, 0.68, y + 0.03, 0, 180, (*darken(wood, 0.15), 160), 0.005)
    c.poly([(0.56, 0.2), (0.62, 0.18), (0.8, 0.66), (0.76, 0.68)], (215, 218, 225))
    c.rect(0.75, 0.64, 0.83, 0.86, darken(main, 0.3), radius=0.02)


def draw_jar(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.84, 0.26, 0.045)
    c.rect(0.26, 0.28, 0.74, 0.84, (255, 255, 255, 120), radius=0.07)
    c.rect(0.28, 0.44, 0.72, 0.82, main, radius=0.06)
    for _ in range(60):
        x, y = rng.uniform(0.3, 0.7), rng.uniform(0.46, 0.8)
        c.line([(x, y), (x + rng.uniform(-0.02, 0.02), y + 0.025)], darken(main, rng.uniform(0.1, 0.35)), 0.004)
    c.rect(0.3, 0.54, 0.7, 0.68, (255, 250, 238), radius=0.02)
    c.rect(0.34, 0.58, 0.66, 0.6, lighten(main, 0.2), radius=0.01)
    c.rect(0.38, 0.62, 0.62, 0.635, (*lighten(main, 0.45), 200), radius=0.01)
    c.rect(0.28, 0.2, 0.72, 0.3, (196, 150, 70), radius=0.03)
    c.rect(0.3, 0.22, 0.7, 0.24, (230, 195, 120), radius=0.01)
    c.rect(0.3, 0.32, 0.36, 0.78, (255, 255, 255, 70), radius=0.03)


def draw_sack(c: Canvas, main: Colour, rng: random.Random):
    burlap = (196, 160, 112)
    c.shadow(0.5, 0.84, 0.3, 0.05)
    c.poly([(0.24, 0.42), (0.76, 0.42), (0.8, 0.8), (0.2, 0.8)], burlap)
    c.rect(0.2, 0.7, 0.8, 0.86, burlap, radius=0.05)
    c.ellipse(0.22, 0.34, 0.78, 0.5, darken(burlap, 0.2))
    c.ellipse(0.26, 0.3, 0.74, 0.46, main)
    for _ in range(50):
        x, y = rng.uniform(0.32, 0.68), rng.uniform(0.33, 0.43)
        c.ellipse(x - 0.01, y - 0.007, x + 0.01, y + 0.007, darken(main, rng.uniform(0.1, 0.4)))
    for i in range(7):
        c.line([(0.24 + i * 0.09, 0.5), (0.22 + i * 0.095, 0.82)], (*darken(burlap, 0.12), 140), 0.005)


def draw_box(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.84, 0.32, 0.05)
    c.rect(0.22, 0.42, 0.78, 0.84, main, radius=0.02)
    c.rect(0.18, 0.34, 0.82, 0.46, darken(main, 0.15), radius=0.02)
    gold = (226, 176, 74)
    c.rect(0.46, 0.34, 0.54, 0.84, gold)
    c.rect(0.18, 0.38, 0.82, 0.42, gold)
    c.ellipse(0.32, 0.24, 0.5, 0.36, gold)
    c.ellipse(0.5, 0.24, 0.68, 0.36, gold)
    c.ellipse(0.46, 0.28, 0.54, 0.36, darken(gold, 0.2))


def draw_flower(c: Canvas, main: Colour, rng: random.Random):
    purple = (150, 90, 190)
    c.shadow(0.5, 0.86, 0.2, 0.035)
    c.line([(0.5, 0.5), (0.5, 0.86)], (70, 130, 70), 0.02)
    c.poly([(0.5, 0.86), (0.34, 0.52), (0.48, 0.8)], (90, 150, 80))
    c.poly([(0.5, 0.86), (0.68, 0.5), (0.53, 0.8)], (90, 150, 80))
    for i in range(6):
        c.oval(0.5, 0.29, 0.06, 0.17, (i - 2.5) * 24, (*lighten(purple, 0.1 * (i % 2)), 235), centre=(0.5, 0.48))
    for dx in (-0.05, 0, 0.05):
        c.line([(0.5, 0.46), (0.5 + dx, 0.22)], main, 0.014)
    c.ellipse(0.47, 0.43, 0.53, 0.49, (250, 210, 80))


def draw_bottle(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.86, 0.2, 0.04)
    c.rect(0.33, 0.38, 0.67, 0.86, (255, 255, 255, 110), radius=0.06)
    c.rect(0.35, 0.5, 0.65, 0.84, main, radius=0.05)
    c.rect(0.44, 0.2, 0.56, 0.4, (255, 255, 255, 110), radius=0.02)
    c.rect(0.42, 0.14, 0.58, 0.22, darken(main, 0.4), radius=0.02)
    c.rect(0.37, 0.58, 0.63, 0.7, (255, 250, 238), radius=0.01)
    c.rect(0.36, 0.42, 0.4, 0.8, (255, 255, 255, 80), radius=0.02)


def draw_glass(c: Canvas, main: Colour, rng: random.Random):
    c.ellipse(0.2, 0.72, 0.8, 0.86, (250, 246, 236))
    c.ellipse(0.26, 0.74, 0.74, 0.84, lighten(main, 0.6))
    c.poly([(0.34, 0.26), (0.66, 0.26), (0.56, 0.5), (0.64, 0.76), (0.36, 0.76), (0.44, 0.5)], (255, 255, 255, 130))
    c.poly([(0.37, 0.34), (0.63, 0.34), (0.55, 0.5), (0.62, 0.74), (0.38, 0.74), (0.45, 0.5)], main)
    c.ellipse(0.34, 0.23, 0.66, 0.29, (255, 255, 255, 160))
    c.line([(0.4, 0.38), (0.46, 0.5)], (255, 255, 255, 110), 0.012)


def draw_discs(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.8, 0.34, 0.05)
    for i, (x, y) in enumerate([(0.36, 0.62), (0.64, 0.62), (0.5, 0.48), (0.5, 0.7)]):
        c.ellipse(x - 0.17, y - 0.1, x + 0.17, y + 0.1, darken(main, 0.15 + 0.05 * (i % 2)))
        c.ellipse(x - 0.17, y - 0.12, x + 0.17, y + 0.08, lighten(main, 0.25))
        for _ in range(6):
            px, py = x + rng.uniform(-0.1, 0.1), y + rng.uniform(-0.07, 0.03)
            c.ellipse(px - 0.014, py - 0.009, px + 0.014, py + 0.009, (120, 170, 80))


def draw_book(c: Canvas, main: Colour, rng: random.Random, title: str = "", author: str = ""):
    c.shadow(0.52, 0.88, 0.3, 0.04)
    c.rect(0.27, 0.12, 0.77, 0.88, darken(main, 0.35), radius=0.015)
    c.rect(0.25, 0.1, 0.74, 0.86, main, radius=0.015)
    c.rect(0.25, 0.1, 0.3, 0.86, darken(main, 0.2))
    c.line([(0.3, 0.1), (0.3, 0.86)], (255, 255, 255, 50), 0.004)
    ink = lighten(main, 0.8)
    style = rng.randrange(3)
    if style == 0:
        c.ellipse(0.4, 0.36, 0.62, 0.58, None, outline=ink, width=0.008)
        c.ellipse(0.44, 0.4, 0.58, 0.54, (*ink, 90))
    elif style == 1:
        c.poly([(0.51, 0.32), (0.63, 0.47), (0.51, 0.62), (0.39, 0.47)], (*ink, 200))
        c.poly([(0.51, 0.38), (0.58, 0.47), (0.51, 0.56), (0.44, 0.47)], main)
    else:
        for i in range(5):
            c.line([(0.36, 0.36 + i * 0.05), (0.66, 0.36 + i * 0.05)], (*ink, 120 + 25 * i), 0.01)
    c.rect(0.34, 0.14, 0.68, 0.16, (*ink, 160))
    c.rect(0.34, 0.82, 0.68, 0.84, (*ink, 160))
    if title:
        _cover_text(c, title, author, ink)
    else:
        c.rect(0.36, 0.66, 0.66, 0.69, (*ink, 230), radius=0.01)
        c.rect(0.42, 0.72, 0.6, 0.74, (*ink, 150), radius=0.01)


@functools.cache
def _font(size: int, weight: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(FONT_PATH), size)
    font.set_variation_by_axes([weight])
    return font


def _cover_text(c: Canvas, title: str, author: str, ink: Colour):
    font = _font(round(c.size * 0.04), 700)
    small = _font(round(c.size * 0.026), 400)
    words, lines = title.upper().split(), [""]
    for word in words:
        if c.draw.textlength(f"{lines[-1]} {word}".strip(), font=font) > c.size * 0.38:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    y = 0.63
    for text in lines[:3]:
        c.draw.text(tuple(c.p(0.515, y)), text, font=font, fill=ink, anchor="ma")
        y += 0.05
    if author:
        c.draw.text(tuple(c.p(0.515, 0.78)), author, font=small, fill=(*ink, 210), anchor="ma")


def draw_pen(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.8, 0.32, 0.04)
    gold = (226, 176, 74)

    def part(points, fill):
        c.poly(c.turned(points, -28), fill)

    part([(0.18, 0.46), (0.68, 0.46), (0.68, 0.54), (0.18, 0.54)], main)
    part([(0.3, 0.46), (0.34, 0.46), (0.34, 0.54), (0.3, 0.54)], gold)
    part([(0.2, 0.44), (0.44, 0.44), (0.44, 0.46), (0.2, 0.46)], gold)
    part([(0.68, 0.465), (0.82, 0.5), (0.68, 0.535)], gold)
    part([(0.2, 0.47), (0.66, 0.47), (0.66, 0.49), (0.2, 0.49)], lighten(main, 0.3))


def draw_notebook(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.86, 0.28, 0.04)
    c.rect(0.28, 0.14, 0.74, 0.86, (246, 240, 226), radius=0.03)
    c.rect(0.26, 0.12, 0.72, 0.84, main, radius=0.03)
    c.rect(0.64, 0.12, 0.67, 0.84, darken(main, 0.4))
    c.poly([(0.5, 0.84), (0.54, 0.84), (0.54, 0.95), (0.52, 0.92), (0.5, 0.95)], (200, 50, 60))
    c.rect(0.3, 0.16, 0.34, 0.8, (255, 255, 255, 50), radius=0.02)


def draw_pencils(c: Canvas, main: Colour, rng: random.Random):
    c.shadow(0.5, 0.84, 0.34, 0.04)
    palette = [(230, 80, 80), (240, 170, 60), (90, 170, 90), (70, 130, 210), (150, 90, 190), main]
    for i, colour in enumerate(palette):
        x = 0.24 + i * 0.1
        c.rect(x, 0.3, x + 0.07, 0.78, colour, radius=0.01)
        c.poly([(x, 0.3), (x + 0.07, 0.3), (x + 0.035, 0.18)], (236, 204, 160))
        c.poly([(x + 0.025, 0.22), (x + 0.045, 0.22), (x + 0.035, 0.18)], darken(colour, 0.3))
        c.rect(x + 0.01, 0.32, x + 0.025, 0.76, (255, 255, 255, 60))


MOTIFS: dict[str, Callable] = {
    "pot": draw_pot,
    "pan": draw_pan,
    "kettle": draw_kettle,
    "mug": draw_mug,
    "plate": draw_plate,
    "bowl": draw_bowl,
    "vase": draw_vase,
    "candle": draw_candle,
    "cushion": draw_cushion,
    "lamp": draw_lamp,
    "clock": draw_clock,
    "frame": draw_frame,
    "board": draw_board,
    "jar": draw_jar,
    "sack": draw_sack,
    "box": draw_box,
    "flower": draw_flower,
    "bottle": draw_bottle,
    "glass": draw_glass,
    "discs": draw_discs,
    "book": draw_book,
    "pen": draw_pen,
    "notebook": draw_notebook,
    "pencils": draw_pencils,
}


def backdrop(size: int, palette: tuple[str, str], rng: random.Random) -> Image.Image:
    start, end = hex_rgb(palette[0]), hex_rgb(palette[1])
    image = gradient(size, size, lighten(start, 0.55), lighten(end, 0.35), angle=rng.uniform(20, 70))
    draw = ImageDraw.Draw(image, "RGBA")
    r = size * rng.uniform(0.34, 0.42)
    cx, cy = size * rng.uniform(0.4, 0.6), size * rng.uniform(0.42, 0.55)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, 70))
    for _ in range(7):
        x, y, s = rng.uniform(0, size), rng.uniform(0, size), size * rng.uniform(0.01, 0.025)
        draw.ellipse((x - s, y - s, x + s, y + s), fill=(*lighten(start, 0.2), 110))
    draw.rectangle((0, size * 0.86, size, size), fill=(255, 255, 255, 45))
    return image


def product_picture(
    *, motif: str, palette: tuple[str, str], seed: str, variant: int = 0, title: str = "", author: str = ""
) -> bytes:
    """A square JPEG of the object on a studio backdrop (variant > 0: the same object, other light)."""
    rng = random.Random(f"{seed}:{variant}")
    big = round(SIZE * SCALE)
    canvas = Canvas(big, backdrop(big, palette, rng))
    main = hex_rgb(palette[0]) if variant == 0 else mix(hex_rgb(palette[0]), hex_rgb(palette[1]), 0.5)
    drawer = MOTIFS.get(motif, draw_box)
    if motif == "book":
        drawer(canvas, main, rng, title=title, author=author)
    elif motif == "bowl" and len(palette) > 2:
        drawer(canvas, main, rng, filling=hex_rgb(palette[2]))
    else:
        drawer(canvas, main, rng)
    image = canvas.image.resize((SIZE, SIZE), Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88, optimize=True)
    return buffer.getvalue()


def banner_picture(
    *, motifs: list[str], palette: tuple[str, str], seed: str, width: int = 1600, height: int = 900
) -> bytes:
    """A wide hero picture: a gradient, big soft shapes and a few objects in a row. No text."""
    rng = random.Random(seed)
    start, end = hex_rgb(palette[0]), hex_rgb(palette[1])
    image = gradient(width, height, lighten(start, 0.35), lighten(end, 0.2), angle=rng.uniform(10, 40))
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(5):
        r = height * rng.uniform(0.2, 0.55)
        cx, cy = width * rng.uniform(0, 1), height * rng.uniform(0, 1)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, rng.randint(25, 60)))
    draw.rectangle((0, height * 0.8, width, height), fill=(255, 255, 255, 55))
    tile = round(height * 0.72)
    gap = (width - tile * len(motifs)) / (len(motifs) + 1)
    for index, motif in enumerate(motifs):
        piece_rng = random.Random(f"{seed}:{index}")
        colour = mix(start, end, index / max(len(motifs) - 1, 1))
        canvas = Canvas(tile, image, origin=(round(gap + index * (tile + gap)), round(height * 0.2)))
        MOTIFS.get(motif, draw_box)(canvas, colour, piece_rng)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88, optimize=True)
    return buffer.getvalue()
