"""Illustrations the demo draws itself (Pillow): honest pictures, never photos passed off as real.

Each drawing is a flat, simplified illustration or diagram — a landscape with peonies, a schematic map
plotted from the spots' coordinates, a sorting diagram — and its alt text and caption say so
(「イラスト」「概略図」). Drawn at twice the size and scaled down, so edges are smooth; no text is
drawn into the pictures (text belongs in the page, where it can be read aloud and translated).
"""

import math
import random
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SCALE = 2

PALETTE = {
    "sky": (214, 234, 248),
    "sky_top": (160, 205, 238),
    "mountain_far": (150, 176, 196),
    "mountain": (96, 140, 120),
    "field": (152, 196, 120),
    "field_dark": (104, 160, 92),
    "river": (92, 160, 214),
    "peony": (214, 64, 120),
    "peony_light": (240, 150, 186),
    "peony_white": (250, 236, 240),
    "leaf": (52, 120, 70),
    "night": (30, 36, 74),
    "night_top": (14, 18, 44),
    "fire": (255, 150, 40),
    "fire_core": (255, 226, 120),
    "wood": (120, 82, 50),
    "water": (40, 120, 200),
    "water_light": (150, 200, 240),
    "pipe": (90, 100, 112),
    "white": (255, 255, 255),
    "building": (236, 230, 216),
    "roof": (150, 70, 50),
}


def _canvas(width, height, colour):
    return Image.new("RGB", (width * SCALE, height * SCALE), colour)


def _finish(image, width, height):
    return image.resize((width, height), Image.LANCZOS)


def _gradient(draw, width, height, top, bottom, until=1.0):
    h = int(height * until)
    for y in range(h):
        t = y / max(h - 1, 1)
        colour = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)


def _mountains(draw, width, base, height, colour, seed, peaks=4):
    rng = random.Random(seed)
    points = [(0, base)]
    step = width / peaks
    for i in range(peaks + 1):
        x = i * step + rng.uniform(-step * 0.2, step * 0.2)
        points.append((x, base - height * rng.uniform(0.55, 1.0)))
        points.append((x + step / 2, base - height * rng.uniform(0.15, 0.4)))
    points.append((width, base))
    draw.polygon(points, fill=colour)


def _peony(draw, cx, cy, r, colour, light):
    for ring, (scale, fill) in enumerate([(1.0, colour), (0.72, light), (0.45, colour), (0.22, light)]):
        petals = 7 + ring * 2
        for i in range(petals):
            angle = 2 * math.pi * i / petals + ring * 0.4
            px = cx + math.cos(angle) * r * scale * 0.45
            py = cy + math.sin(angle) * r * scale * 0.35
            pr = r * scale * 0.55
            draw.ellipse([px - pr, py - pr * 0.8, px + pr, py + pr * 0.8], fill=fill)
    draw.ellipse([cx - r * 0.12, cy - r * 0.1, cx + r * 0.12, cy + r * 0.1], fill=(250, 210, 90))


def _leaves(draw, cx, cy, r):
    for angle in (-2.4, -0.7, 0.7, 2.4):
        lx = cx + math.cos(angle) * r * 0.9
        ly = cy + r * 0.55 + math.sin(angle) * r * 0.25
        draw.ellipse([lx - r * 0.45, ly - r * 0.2, lx + r * 0.45, ly + r * 0.2], fill=PALETTE["leaf"])


def landscape(width=1600, height=600, seed=1):
    """須賀川の風景（イラスト）: mountains, fields, the Abukuma river and peonies in front."""
    image = _canvas(width, height, PALETTE["sky"])
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    _gradient(draw, W, H, PALETTE["sky_top"], PALETTE["sky"], until=0.6)
    _mountains(draw, W, H * 0.55, H * 0.3, PALETTE["mountain_far"], seed, peaks=5)
    _mountains(draw, W, H * 0.62, H * 0.2, PALETTE["mountain"], seed + 1, peaks=4)
    draw.rectangle([0, H * 0.6, W, H], fill=PALETTE["field"])
    # the river, a band winding across the fields
    river = []
    for i in range(41):
        x = W * i / 40
        river.append((x, H * 0.7 + math.sin(i / 6 + seed) * H * 0.04))
    draw.line(river, fill=PALETTE["river"], width=int(H * 0.05), joint="curve")
    draw.rectangle([0, H * 0.82, W, H], fill=PALETTE["field_dark"])
    rng = random.Random(seed)
    for i in range(9):
        cx = W * (0.06 + i * 0.11) + rng.uniform(-W * 0.02, W * 0.02)
        cy = H * (0.86 + rng.uniform(-0.03, 0.05))
        r = H * rng.uniform(0.07, 0.1)
        _leaves(draw, cx, cy, r)
        colour, light = (
            (PALETTE["peony"], PALETTE["peony_light"]) if i % 3 else (PALETTE["peony_light"], PALETTE["peony_white"])
        )
        _peony(draw, cx, cy, r, colour, light)
    return _finish(image, width, height)


def peony_garden(width=1200, height=800, seed=3):
    """牡丹園（イラスト）: rows of peonies under pines."""
    image = _canvas(width, height, PALETTE["sky"])
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    _gradient(draw, W, H, PALETTE["sky_top"], PALETTE["sky"], until=0.45)
    draw.rectangle([0, H * 0.42, W, H], fill=PALETTE["field"])
    rng = random.Random(seed)
    for i in range(6):  # pines
        x = W * (0.08 + i * 0.17)
        draw.rectangle([x - W * 0.006, H * 0.3, x + W * 0.006, H * 0.46], fill=PALETTE["wood"])
        for level in range(3):
            y = H * (0.18 + level * 0.07)
            draw.ellipse([x - W * 0.06, y - H * 0.04, x + W * 0.06, y + H * 0.04], fill=PALETTE["leaf"])
    for row in range(4):
        y = H * (0.55 + row * 0.13)
        count = 6 + row
        for i in range(count):
            x = W * (i + 0.5) / count + rng.uniform(-W * 0.015, W * 0.015)
            r = H * (0.05 + row * 0.015)
            _leaves(draw, x, y, r)
            pick = rng.random()
            colours = (
                (PALETTE["peony"], PALETTE["peony_light"])
                if pick < 0.55
                else (PALETTE["peony_light"], PALETTE["peony_white"])
                if pick < 0.85
                else ((170, 40, 60), (220, 90, 110))
            )
            _peony(draw, x, y, r, *colours)
    return _finish(image, width, height)


def torch_festival(width=1200, height=800, seed=5):
    """松明あかし（イラスト）: torches burning on a hill at night."""
    image = _canvas(width, height, PALETTE["night"])
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    _gradient(draw, W, H, PALETTE["night_top"], PALETTE["night"], until=1.0)
    rng = random.Random(seed)
    for _ in range(60):
        x, y = rng.uniform(0, W), rng.uniform(0, H * 0.45)
        draw.ellipse([x - 2, y - 2, x + 2, y + 2], fill=(230, 230, 255))
    draw.ellipse([-W * 0.2, H * 0.62, W * 1.2, H * 1.6], fill=(20, 44, 40))
    glow = Image.new("RGB", image.size, (0, 0, 0))
    gdraw = ImageDraw.Draw(glow)
    for i in range(7):
        x = W * (0.12 + i * 0.127)
        top = H * (0.28 + (0.12 if i % 2 else 0.0) + rng.uniform(-0.03, 0.03))
        base = H * 0.72
        draw.polygon(
            [(x - W * 0.018, base), (x - W * 0.01, top), (x + W * 0.01, top), (x + W * 0.018, base)],
            fill=PALETTE["wood"],
        )
        gdraw.ellipse([x - W * 0.07, top - H * 0.16, x + W * 0.07, top + H * 0.06], fill=(140, 60, 0))
        draw.polygon(
            [(x - W * 0.03, top), (x, top - H * 0.14), (x + W * 0.03, top)], fill=PALETTE["fire"]
        )
        draw.polygon(
            [(x - W * 0.014, top), (x, top - H * 0.07), (x + W * 0.014, top)], fill=PALETTE["fire_core"]
        )
    glow = glow.filter(ImageFilter.GaussianBlur(W * 0.02))
    image = ImageChops.add(image, glow)  # the torches light the night around them
    return _finish(image, width, height)


def lake(width=1200, height=800, seed=7):
    """湖と山（イラスト）."""
    image = _canvas(width, height, PALETTE["sky"])
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    _gradient(draw, W, H, PALETTE["sky_top"], PALETTE["sky"], until=0.5)
    _mountains(draw, W, H * 0.5, H * 0.3, PALETTE["mountain"], seed, peaks=3)
    draw.rectangle([0, H * 0.5, W, H], fill=PALETTE["river"])
    for i in range(12):
        y = H * (0.55 + i * 0.035)
        x = W * ((i * 37) % 100) / 100
        draw.line([(x, y), (x + W * 0.15, y)], fill=PALETTE["water_light"], width=int(H * 0.006))
    draw.rectangle([0, H * 0.86, W, H], fill=PALETTE["field_dark"])
    return _finish(image, width, height)


def park(width=1200, height=800, seed=9):
    """公園の池と森（イラスト）."""
    image = _canvas(width, height, PALETTE["sky"])
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    _gradient(draw, W, H, PALETTE["sky_top"], PALETTE["sky"], until=0.5)
    draw.rectangle([0, H * 0.45, W, H], fill=PALETTE["field"])
    rng = random.Random(seed)
    for i in range(10):
        x = W * (0.05 + i * 0.1) + rng.uniform(-W * 0.02, W * 0.02)
        y = H * 0.42
        draw.rectangle([x - W * 0.005, y, x + W * 0.005, y + H * 0.12], fill=PALETTE["wood"])
        r = H * rng.uniform(0.08, 0.12)
        draw.ellipse([x - r, y - r * 1.2, x + r, y + r * 0.4], fill=PALETTE["leaf"])
    draw.ellipse([W * 0.2, H * 0.65, W * 0.8, H * 0.92], fill=PALETTE["river"])
    return _finish(image, width, height)


def waterfall(width=1200, height=800, seed=11):
    """滝（イラスト）."""
    image = _canvas(width, height, PALETTE["leaf"])
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    draw.rectangle([0, 0, W, H * 0.25], fill=PALETTE["sky"])
    draw.polygon([(0, H * 0.25), (W * 0.35, H * 0.2), (W * 0.4, H), (0, H)], fill=(90, 96, 90))
    draw.polygon([(W, H * 0.25), (W * 0.62, H * 0.2), (W * 0.58, H), (W, H)], fill=(90, 96, 90))
    draw.rectangle([W * 0.4, H * 0.2, W * 0.6, H * 0.85], fill=PALETTE["water_light"])
    for i in range(9):
        x = W * (0.41 + i * 0.022)
        draw.line([(x, H * 0.2), (x, H * 0.85)], fill=PALETTE["white"], width=int(W * 0.004))
    draw.ellipse([W * 0.25, H * 0.8, W * 0.75, H * 1.05], fill=PALETTE["river"])
    return _finish(image, width, height)


def building(width=1200, height=800, seed=13):
    """建物（イラスト）: a museum or hall in a square."""
    image = _canvas(width, height, PALETTE["sky"])
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    _gradient(draw, W, H, PALETTE["sky_top"], PALETTE["sky"], until=0.7)
    draw.rectangle([0, H * 0.75, W, H], fill=(200, 200, 196))
    draw.rectangle([W * 0.2, H * 0.35, W * 0.8, H * 0.75], fill=PALETTE["building"])
    draw.polygon([(W * 0.16, H * 0.36), (W * 0.5, H * 0.18), (W * 0.84, H * 0.36)], fill=PALETTE["roof"])
    for i in range(5):
        x = W * (0.27 + i * 0.11)
        draw.rectangle([x, H * 0.45, x + W * 0.06, H * 0.58], fill=PALETTE["water_light"])
    draw.rectangle([W * 0.46, H * 0.62, W * 0.54, H * 0.75], fill=PALETTE["wood"])
    return _finish(image, width, height)


def water_system(width=1600, height=600, seed=15):
    """水道のしくみ（概略図）: river, purification plant, tank on a hill, pipes to houses."""
    image = _canvas(width, height, PALETTE["sky"])
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    _gradient(draw, W, H, PALETTE["sky_top"], PALETTE["sky"], until=0.6)
    _mountains(draw, W, H * 0.55, H * 0.25, PALETTE["mountain_far"], seed, peaks=4)
    draw.rectangle([0, H * 0.55, W, H], fill=PALETTE["field"])
    draw.polygon([(0, H * 0.62), (W * 0.18, H * 0.6), (W * 0.2, H), (0, H)], fill=PALETTE["river"])
    # plant: two basins
    for i in range(2):
        x = W * (0.26 + i * 0.09)
        draw.rectangle([x, H * 0.62, x + W * 0.07, H * 0.72], fill=PALETTE["pipe"])
        draw.rectangle([x + W * 0.006, H * 0.63, x + W * 0.064, H * 0.71], fill=PALETTE["water"])
    # tank on a hill
    draw.ellipse([W * 0.48, H * 0.5, W * 0.7, H * 0.8], fill=PALETTE["field_dark"])
    draw.rectangle([W * 0.55, H * 0.42, W * 0.63, H * 0.58], fill=(220, 224, 228))
    draw.ellipse([W * 0.55, H * 0.39, W * 0.63, H * 0.45], fill=(200, 204, 208))
    # pipes
    pipe = int(H * 0.018)
    draw.line([(W * 0.17, H * 0.7), (W * 0.26, H * 0.7)], fill=PALETTE["pipe"], width=pipe)
    draw.line([(W * 0.42, H * 0.67), (W * 0.59, H * 0.67), (W * 0.59, H * 0.58)], fill=PALETTE["pipe"], width=pipe)
    draw.line([(W * 0.59, H * 0.84), (W * 0.96, H * 0.84)], fill=PALETTE["water"], width=pipe)
    draw.line([(W * 0.59, H * 0.67), (W * 0.59, H * 0.84)], fill=PALETTE["water"], width=pipe)
    for i in range(4):  # houses
        x = W * (0.7 + i * 0.07)
        draw.rectangle([x, H * 0.68, x + W * 0.05, H * 0.8], fill=PALETTE["building"])
        draw.polygon([(x - W * 0.006, H * 0.69), (x + W * 0.025, H * 0.62), (x + W * 0.056, H * 0.69)], fill=PALETTE["roof"])
        draw.line([(x + W * 0.025, H * 0.8), (x + W * 0.025, H * 0.84)], fill=PALETTE["water"], width=pipe // 2)
    # a big droplet
    cx, cy, r = W * 0.86, H * 0.28, H * 0.13
    draw.ellipse([cx - r, cy - r * 0.6, cx + r, cy + r * 1.4], fill=PALETTE["water"])
    draw.polygon([(cx - r * 0.85, cy + r * 0.1), (cx, cy - r * 1.3), (cx + r * 0.85, cy + r * 0.1)], fill=PALETTE["water"])
    draw.ellipse([cx - r * 0.5, cy, cx - r * 0.2, cy + r * 0.45], fill=PALETTE["water_light"])
    return _finish(image, width, height)


def spot_map(points, width=1200, height=900, highlight=None):
    """観光地の位置（概略図）: each (number, latitude, longitude) as a numbered marker.

    Plotted from the coordinates the pages hold, on a plain grid with the Abukuma river drawn in
    schematically: a diagram of where things are relative to each other, not a survey map.
    """
    from PIL import ImageFont

    image = _canvas(width, height, (244, 241, 232))
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    for i in range(1, 10):
        draw.line([(W * i / 10, 0), (W * i / 10, H)], fill=(226, 222, 210), width=SCALE)
        draw.line([(0, H * i / 10), (W, H * i / 10)], fill=(226, 222, 210), width=SCALE)
    if not points:
        return _finish(image, width, height)
    lats = [p[1] for p in points]
    lons = [p[2] for p in points]
    pad = 0.12
    lat_min, lat_max = min(lats), max(lats)
    lon_min, lon_max = min(lons), max(lons)
    lat_span = max(lat_max - lat_min, 0.01)
    lon_span = max(lon_max - lon_min, 0.01)

    def xy(lat, lon):
        x = W * (pad + (1 - 2 * pad) * (lon - lon_min) / lon_span)
        y = H * (pad + (1 - 2 * pad) * (lat_max - lat) / lat_span)
        return x, y

    # The Abukuma flows north along the city's east side: a schematic band, not its real course.
    river_x = W * 0.78
    draw.line(
        [(river_x + math.sin(i / 3) * W * 0.02, H * i / 20) for i in range(21)],
        fill=PALETTE["river"],
        width=int(W * 0.018),
        joint="curve",
    )
    try:
        font = ImageFont.load_default(size=int(H * 0.035))
    except TypeError:  # Pillow < 10.1
        font = ImageFont.load_default()
    r = H * 0.032
    for number, lat, lon in points:
        x, y = xy(lat, lon)
        fill = PALETTE["peony"] if highlight in (None, number) else (150, 150, 150)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline=PALETTE["white"], width=SCALE * 3)
        draw.text((x, y), str(number), fill=PALETTE["white"], font=font, anchor="mm")
    return _finish(image, width, height)


def sorting_diagram(width=1200, height=600):
    """ごみの分け方（概略図）: four bins in the colours the collection calendar uses, with their symbols."""
    image = _canvas(width, height, (250, 250, 248))
    draw = ImageDraw.Draw(image)
    W, H = width * SCALE, height * SCALE
    bins = [(214, 64, 60), (60, 120, 200), (240, 180, 40), (80, 150, 90)]
    for i, colour in enumerate(bins):
        x = W * (0.06 + i * 0.235)
        draw.rounded_rectangle([x, H * 0.25, x + W * 0.19, H * 0.9], radius=int(W * 0.015), fill=colour)
        draw.rectangle([x - W * 0.01, H * 0.18, x + W * 0.2, H * 0.26], fill=tuple(int(c * 0.8) for c in colour))
        cx, cy = x + W * 0.095, H * 0.55
        s = W * 0.05
        if i == 0:  # burnable: flame
            draw.polygon([(cx - s * 0.6, cy + s * 0.6), (cx, cy - s), (cx + s * 0.6, cy + s * 0.6)], fill=PALETTE["white"])
        elif i == 1:  # bottles and cans: a bottle
            draw.rectangle([cx - s * 0.35, cy - s * 0.3, cx + s * 0.35, cy + s * 0.9], fill=PALETTE["white"])
            draw.rectangle([cx - s * 0.15, cy - s * 0.9, cx + s * 0.15, cy - s * 0.3], fill=PALETTE["white"])
        elif i == 2:  # paper: stacked sheets
            for k in range(3):
                draw.rectangle([cx - s * 0.7 + k * 8, cy - s * 0.7 + k * 8, cx + s * 0.5 + k * 8, cy + s * 0.6 + k * 8], outline=PALETTE["white"], width=SCALE * 3)
        else:  # recycle: arrows in a circle
            draw.arc([cx - s, cy - s, cx + s, cy + s], 20, 340, fill=PALETTE["white"], width=SCALE * 6)
            draw.polygon([(cx + s * 0.95, cy - s * 0.55), (cx + s * 1.25, cy - s * 0.05), (cx + s * 0.65, cy - s * 0.05)], fill=PALETTE["white"])
    return _finish(image, width, height)


def to_bytes(image, fmt="PNG"):
    buffer = BytesIO()
    if fmt == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, fmt, quality=85)
    return buffer.getvalue()
