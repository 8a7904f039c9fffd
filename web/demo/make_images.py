#!/usr/bin/env python3
"""Generate the poster images for the Tessera demo events.

Dev-time tool (the Rust build never runs it). Requires Python 3.11+ and Pillow.

    python3 web/demo/make_images.py

Reads every ``events/*.json`` next to this script and writes ``images/<image>`` for each
event: a 1600x1000 progressive JPEG with no metadata, at most MAX_BYTES. The artwork is
abstract screen-print style poster art: a palette per city and a motif per category. All
randomness is seeded from the event slug, so re-running produces byte-identical files.
Files in ``images/`` that no event references are removed (unless an event file failed
to parse, in which case nothing is removed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import math
import random
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
OUT_W, OUT_H = 1600, 1000
SS = 2  # supersampling factor: shapes are drawn at 2x and downscaled for smooth edges
W, H = OUT_W * SS, OUT_H * SS
MAX_BYTES = 90 * 1024
START_QUALITY = 80
MIN_QUALITY = 40
GRAIN = 3  # grain amplitude in 8-bit levels
TAU = math.tau

# --------------------------------------------------------------------------- colours


def hexc(s: str) -> tuple[int, int, int]:
    s = s.lstrip("#")
    return (int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))


def mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def lum(c) -> float:
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255.0


def cdist(a, b) -> float:
    return math.sqrt(sum((a[i] - b[i]) ** 2 for i in range(3))) / 441.7


BLACK = (0, 0, 0)
WHITE = (255, 255, 255)

# paper/paper2: light backgrounds; deep/deep2: dark backgrounds; inks: shape colours;
# accent: the "pop" colour; dark/light: line colours.
PALETTES = {
    "lisbon": dict(
        paper="#F4ECDD", paper2="#E3D5BC", deep="#0D2C5E", deep2="#1D4F96",
        inks=["#1F58AB", "#0D2C5E", "#7FB3E6", "#F3B529", "#FAD86B", "#D9683A"],
        accent="#F3B529", dark="#0D2C5E", light="#F6EFE2",
    ),
    "berlin": dict(
        paper="#D3D3CE", paper2="#A8AAA7", deep="#26282B", deep2="#44474B",
        inks=["#6F7276", "#1D1E21", "#B9BBB8", "#FF2E88", "#C8FF1E", "#16E0FF"],
        accent="#FF2E88", dark="#1D1E21", light="#ECECE6",
    ),
    "krakow": dict(
        paper="#F5E8CF", paper2="#E8CF9F", deep="#560A17", deep2="#8C1427",
        inks=["#B3172F", "#6A0D1D", "#D6A63A", "#F1D47F", "#2B1A14", "#E2B866"],
        accent="#D6A63A", dark="#33100F", light="#F7EBD3",
    ),
    "montreal": dict(
        paper="#EDF3F8", paper2="#C9DBEA", deep="#0F2447", deep2="#27507F",
        inks=["#2F62A0", "#8FBAE0", "#C8102E", "#0E2038", "#F7F9FB", "#E05A47"],
        accent="#C8102E", dark="#0E2038", light="#F5F8FB",
    ),
    "mexico-city": dict(
        paper="#FCEAD5", paper2="#F8C9D5", deep="#3C0E49", deep2="#7D1464",
        inks=["#E4007C", "#FFA400", "#00A19A", "#5B1A6E", "#FFD23F", "#FF6B3D"],
        accent="#FFA400", dark="#3C0E49", light="#FFF4E4",
    ),
    "kyoto": dict(
        paper="#F2E9D7", paper2="#E0D2B5", deep="#151F3C", deep2="#27406F",
        inks=["#27437A", "#E2462F", "#6C803B", "#C9A45C", "#1A1B24", "#9DB0C9"],
        accent="#E2462F", dark="#151F3C", light="#F4ECDC",
    ),
    "cape-town": dict(
        paper="#F4E7CD", paper2="#E7D0A4", deep="#063C49", deep2="#0F7480",
        inks=["#0F7C80", "#E67BA3", "#B23F6B", "#E8CE98", "#0A4B5A", "#F2A25A"],
        accent="#E67BA3", dark="#08363F", light="#F7EEDC",
    ),
}
CITY_ALIASES = {
    "lisboa": "lisbon", "cracow": "krakow", "cdmx": "mexico-city",
    "ciudad-de-mexico": "mexico-city", "mexico": "mexico-city", "kaapstad": "cape-town",
    "kapstadt": "cape-town", "kyoto-shi": "kyoto",
}
# probability of a dark background per category
DARK_ODDS = {
    "festival": 0.3, "concert": 0.75, "comedy": 0.2, "theatre": 1.0, "food": 0.15,
    "workshop": 0.25, "tour": 0.2, "exhibition": 0.3, "market": 0.2, "dance": 0.7,
}


def city_key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().strip()
    s = "-".join("".join(ch if ch.isalnum() else " " for ch in s).split())
    return CITY_ALIASES.get(s, s)


@dataclass
class Scheme:
    is_dark: bool
    bg1: tuple
    bg2: tuple
    inks: list  # colours that read well on the background, shuffled per event
    tones: list  # all palette inks
    accent: tuple
    line: tuple  # contrasting line colour
    dark: tuple
    light: tuple

    def ink(self, i: int):
        return self.inks[i % len(self.inks)]

    def shade(self, c, t=0.35):
        return mix(c, self.dark if lum(self.dark) < 0.3 else BLACK, t)


def make_scheme(rng: random.Random, pal: dict, category: str) -> Scheme:
    is_dark = rng.random() < DARK_ODDS.get(category, 0.4)
    tones = [hexc(c) for c in pal["inks"]]
    if is_dark:
        bg1, bg2 = hexc(pal["deep"]), hexc(pal["deep2"])
    else:
        bg1, bg2 = hexc(pal["paper"]), hexc(pal["paper2"])
    if rng.random() < 0.5:
        bg1, bg2 = bg2, bg1
    bgm = mix(bg1, bg2, 0.5)
    inks = [c for c in tones if cdist(c, bgm) > 0.28 or abs(lum(c) - lum(bgm)) > 0.3]
    if len(inks) < 3:
        inks = sorted(tones, key=lambda c: -cdist(c, bgm))[:4]
    rng.shuffle(inks)
    dark, light = hexc(pal["dark"]), hexc(pal["light"])
    return Scheme(
        is_dark=is_dark, bg1=bg1, bg2=bg2, inks=inks, tones=tones, accent=hexc(pal["accent"]),
        line=light if is_dark else dark, dark=dark, light=light,
    )


# --------------------------------------------------------------------------- canvas


def shift(m: Image.Image, dx: float, dy: float) -> Image.Image:
    """Translate a mask without wrapping around the edges."""
    out = Image.new(m.mode, m.size, 0)
    out.paste(m, (int(dx), int(dy)))
    return out


class Canvas:
    def __init__(self, img: Image.Image, scheme: Scheme):
        self.img = img
        self.s = scheme

    @staticmethod
    def mask():
        m = Image.new("L", (W, H), 0)
        return m, ImageDraw.Draw(m)

    def fill(self, m: Image.Image, color, alpha: float = 1.0, mode: str = "normal"):
        if alpha < 1.0:
            m = m.point(lambda v, a=alpha: int(v * a + 0.5))
        if mode == "normal":
            self.img.paste(color, (0, 0, W, H), m)
            return
        solid = Image.new("RGB", (W, H), color)
        if mode == "multiply":
            top = ImageChops.multiply(self.img, solid)
        elif mode == "screen":
            top = ImageChops.screen(self.img, solid)
        else:
            raise ValueError(mode)
        self.img = Image.composite(top, self.img, m)

    def glow(self, m: Image.Image, color, radius: float, alpha: float = 1.0, mode="normal"):
        """Blurred copy of the mask (computed at 1/8 resolution for speed)."""
        small = m.reduce(8).filter(ImageFilter.GaussianBlur(max(radius / 8, 0.5)))
        self.fill(small.resize((W, H), Image.BICUBIC), color, alpha, mode)

    def shadow(self, m: Image.Image, dx: float, dy: float, radius: float, alpha: float):
        moved = shift(m, int(dx), int(dy))
        self.glow(moved, self.s.shade(self.s.bg1, 0.8) if not self.s.is_dark else BLACK,
                  radius, alpha, "multiply")


class Batch:
    """One mask per colour, so many small shapes cost one composite per colour."""

    def __init__(self):
        self.masks: dict[tuple, tuple] = {}
        self.order: list[tuple] = []

    def draw(self, color) -> ImageDraw.ImageDraw:
        if color not in self.masks:
            self.masks[color] = Canvas.mask()
            self.order.append(color)
        return self.masks[color][1]

    def flush(self, cv: Canvas, alpha=1.0, mode="normal"):
        for c in self.order:
            cv.fill(self.masks[c][0], c, alpha, mode)


# --------------------------------------------------------------------------- geometry


def rotate_pts(pts, cx, cy, ang):
    ca, sa = math.cos(ang), math.sin(ang)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca) for x, y in pts]


def rect_pts(cx, cy, w, h, ang=0.0):
    pts = [(cx - w / 2, cy - h / 2), (cx + w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), (cx - w / 2, cy + h / 2)]
    return rotate_pts(pts, cx, cy, ang)


def ellipse_pts(cx, cy, rx, ry, ang=0.0, n=160, a0=0.0, a1=TAU):
    pts = [(cx + rx * math.cos(a0 + (a1 - a0) * i / n), cy + ry * math.sin(a0 + (a1 - a0) * i / n)) for i in range(n + 1)]
    return rotate_pts(pts, cx, cy, ang)


def round_rect_pts(cx, cy, w, h, r, ang=0.0, n=10):
    r = min(r, w / 2, h / 2)
    pts = []
    for (qx, qy, a) in ((w / 2 - r, -h / 2 + r, -TAU / 4), (w / 2 - r, h / 2 - r, 0.0),
                        (-w / 2 + r, h / 2 - r, TAU / 4), (-w / 2 + r, -h / 2 + r, TAU / 2)):
        for i in range(n + 1):
            t = a + (TAU / 4) * i / n
            pts.append((cx + qx + r * math.cos(t), cy + qy + r * math.sin(t)))
    return rotate_pts(pts, cx, cy, ang)


def circle_bbox(cx, cy, r):
    return (cx - r, cy - r, cx + r, cy + r)


def catmull_rom(points, samples=24):
    pts = [points[0]] + list(points) + [points[-1]]
    out = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(samples):
            t = k / samples
            t2, t3 = t * t, t * t * t
            out.append(tuple(
                0.5 * (2 * p1[j] + (-p0[j] + p2[j]) * t + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                       + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3) for j in range(2)))
    out.append(points[-1])
    return out


def normals(pts):
    out = []
    for i in range(len(pts)):
        a = pts[max(i - 1, 0)]
        b = pts[min(i + 1, len(pts) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        ln = math.hypot(dx, dy) or 1.0
        out.append((-dy / ln, dx / ln))
    return out


def resample(pts, spacing):
    """Points at equal arc-length spacing along a polyline, with tangent angles."""
    out = []
    acc = 0.0
    nxt = 0.0
    for i in range(len(pts) - 1):
        (x0, y0), (x1, y1) = pts[i], pts[i + 1]
        seg = math.hypot(x1 - x0, y1 - y0)
        while seg > 0 and nxt <= acc + seg:
            t = (nxt - acc) / seg
            out.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, math.atan2(y1 - y0, x1 - x0)))
            nxt += spacing
        acc += seg
    return out


def stroke_pts(pts, width):
    """Outline polygon of a constant-width stroke along a smooth polyline."""
    nrm = normals(pts)
    left = [(x + nx * width / 2, y + ny * width / 2) for (x, y), (nx, ny) in zip(pts, nrm)]
    right = [(x - nx * width / 2, y - ny * width / 2) for (x, y), (nx, ny) in zip(pts, nrm)]
    return left + right[::-1]


def blob_pts(rng, cx, cy, r, wobble=0.25, n=140, lobes=5):
    phases = [rng.uniform(0, TAU) for _ in range(lobes)]
    amps = [rng.uniform(0, wobble) / (k + 1) for k in range(lobes)]
    pts = []
    for i in range(n):
        a = TAU * i / n
        rr = r * (1 + sum(amps[k] * math.sin((k + 2) * a + phases[k]) for k in range(lobes)))
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


# --------------------------------------------------------------------------- background


def smooth_field(gw, gh, fn) -> Image.Image:
    small = Image.new("RGB", (gw, gh))
    px = small.load()
    for j in range(gh):
        for i in range(gw):
            px[i, j] = fn((i + 0.5) / gw, (j + 0.5) / gh)
    return small


def background(rng: random.Random, s: Scheme) -> Image.Image:
    ang = rng.uniform(0, TAU)
    dx, dy = math.cos(ang), math.sin(ang)
    spots = []
    for _ in range(rng.randint(2, 3)):
        c = rng.choice([s.bg1, s.bg2, mix(s.bg2, s.accent, 0.25), mix(s.bg1, s.light if s.is_dark else WHITE, 0.3)])
        spots.append((rng.uniform(0.05, 0.95), rng.uniform(0.05, 0.95), rng.uniform(0.3, 0.65), c, rng.uniform(0.35, 0.7)))

    def fn(u, v):
        t = 0.5 + ((u - 0.5) * dx * 1.6 + (v - 0.5) * dy) * 0.8
        t = min(max(t, 0.0), 1.0)
        t = t * t * (3 - 2 * t)
        col = [s.bg1[k] + (s.bg2[k] - s.bg1[k]) * t for k in range(3)]
        for sx, sy, r, c, st in spots:
            dd = math.hypot((u - sx) * 1.6, v - sy) / r
            k = st * max(0.0, 1 - dd * dd) ** 2
            col = [col[i] + (c[i] - col[i]) * k for i in range(3)]
        return tuple(int(round(x)) for x in col)

    return smooth_field(64, 40, fn).resize((W, H), Image.BICUBIC)


# --------------------------------------------------------------------------- motifs


def m_festival(cv: Canvas, rng: random.Random):
    s = cv.s
    # sun and faint sunburst
    sx, sy = rng.uniform(0.25, 0.75) * W, rng.uniform(0.45, 0.75) * H
    sr = rng.uniform(0.26, 0.36) * H
    m, d = cv.mask()
    n = 28
    a0 = rng.uniform(0, TAU)
    for i in range(0, n, 2):
        a, b = a0 + TAU * i / n, a0 + TAU * (i + 1) / n
        d.polygon([(sx, sy), (sx + 4000 * math.cos(a), sy + 4000 * math.sin(a)),
                   (sx + 4000 * math.cos(b), sy + 4000 * math.sin(b))], fill=255)
    cv.fill(m, s.accent if not s.is_dark else s.light, 0.10)
    m, d = cv.mask()
    d.ellipse(circle_bbox(sx, sy, sr), fill=255)
    cv.glow(m, s.accent, 160, 0.45)
    cv.fill(m, s.accent, 0.92)
    # hills
    for k in range(2):
        m, d = cv.mask()
        base = H * (0.82 + 0.07 * k)
        f1, f2, p1, p2 = rng.uniform(0.6, 1.2), rng.uniform(1.8, 2.6), rng.uniform(0, TAU), rng.uniform(0, TAU)
        pts = [(x, base - (math.sin(x / W * TAU * f1 + p1) + 0.35 * math.sin(x / W * TAU * f2 + p2)) * H * 0.05)
               for x in range(-40, W + 80, 40)]
        d.polygon(pts + [(W + 40, H + 10), (-40, H + 10)], fill=255)
        cv.fill(m, s.ink(3 + k), 0.85 if k else 0.6, "multiply" if not s.is_dark else "normal")
    # bunting
    nstr = rng.randint(2, 3)
    ci = rng.randrange(8)
    for k in range(nstr):
        y0 = rng.uniform(-0.02, 0.38) * H
        y1 = rng.uniform(-0.02, 0.38) * H
        sag = rng.uniform(0.10, 0.22) * H
        xa, xb = rng.uniform(-0.2, 0.1) * W, rng.uniform(0.9, 1.2) * W
        pts = []
        for i in range(121):
            t = i / 120
            pts.append((xa + (xb - xa) * t, y0 + (y1 - y0) * t + sag * 4 * t * (1 - t)))
        m, d = cv.mask()
        d.line(pts, fill=255, width=6, joint="curve")
        cv.fill(m, s.line, 0.75)
        size = rng.uniform(95, 150)
        batch, shadow = Batch(), cv.mask()
        for j, (x, y, a) in enumerate(resample(pts, size * 1.18)):
            ca, sa = math.cos(a), math.sin(a)
            tri = [(x - ca * size / 2, y - sa * size / 2), (x + ca * size / 2, y + sa * size / 2),
                   (x - sa * size * 1.25, y + ca * size * 1.25)]
            batch.draw(s.ink(ci + j)).polygon(tri, fill=255)
            shadow[1].polygon([(px + 10, py + 14) for px, py in tri], fill=255)
        cv.fill(shadow[0], BLACK, 0.18, "normal")
        batch.flush(cv, 0.95)
        ci += 1
    # confetti and streamers
    batch = Batch()
    for i in range(60):
        x = rng.uniform(0, W)
        y = H * (0.25 + 0.75 * rng.random() ** 0.7)
        c = s.ink(rng.randrange(8))
        d = batch.draw(c)
        kind = rng.random()
        sz = rng.uniform(14, 34)
        if kind < 0.5:
            d.polygon(rect_pts(x, y, sz * 2.2, sz, rng.uniform(0, TAU)), fill=255)
        elif kind < 0.8:
            d.ellipse(circle_bbox(x, y, sz * 0.6), fill=255)
        else:
            a = rng.uniform(0, TAU)
            d.polygon([(x + sz * math.cos(a + TAU * q / 3), y + sz * math.sin(a + TAU * q / 3)) for q in range(3)], fill=255)
    for i in range(5):
        x0, y0 = rng.uniform(0, W), rng.uniform(0.3, 0.9) * H
        a = rng.uniform(0, TAU)
        ln, amp, fr = rng.uniform(150, 320), rng.uniform(14, 26), rng.uniform(2, 3.5)
        pts = []
        for q in range(41):
            t = q / 40
            px, py = ln * t, amp * math.sin(TAU * fr * t)
            pts.append((x0 + px * math.cos(a) - py * math.sin(a), y0 + px * math.sin(a) + py * math.cos(a)))
        batch.draw(s.ink(rng.randrange(8))).line(pts, fill=255, width=9, joint="curve")
    batch.flush(cv, 0.9)


def m_concert(cv: Canvas, rng: random.Random):
    s = cv.s
    axis = math.radians(rng.uniform(-70, -35) if rng.random() < 0.5 else rng.uniform(-145, -110))
    ax, ay = math.cos(axis), math.sin(axis)
    hx, hy = rng.uniform(0.35, 0.62) * W, rng.uniform(0.5, 0.68) * H
    # stage light beams from the top
    for k in range(rng.randint(2, 3)):
        m, d = cv.mask()
        bx = rng.uniform(0.05, 0.95) * W
        tx = bx + rng.uniform(-0.4, 0.4) * W
        d.polygon([(bx - 30, -20), (bx + 30, -20), (tx + 380, H + 20), (tx - 380, H + 20)], fill=255)
        cv.glow(m, s.light if s.is_dark else s.accent, 60, 0.13)
    # rings around the sound hole
    step = rng.uniform(115, 150)
    r = step * 2.4
    i = 0
    ring_inks = [s.ink(k) for k in range(3)]
    while r < 0.95 * W:
        m, d = cv.mask()
        wd = step * rng.choice([0.22, 0.36, 0.5, 0.62])
        if rng.random() < 0.45:
            st = rng.uniform(0, 360)
            d.arc(circle_bbox(hx, hy, r), st, st + rng.uniform(90, 260), fill=255, width=int(wd))
        else:
            d.ellipse(circle_bbox(hx, hy, r), outline=255, width=int(wd))
        cv.fill(m, ring_inks[i % 3], max(0.12, 0.7 - r / 3000))
        r += step
        i += 1
    R1 = rng.uniform(0.30, 0.36) * H
    body = cv.mask()
    lx, ly = hx - ax * R1 * 0.55, hy - ay * R1 * 0.55
    ux, uy = hx + ax * R1 * 0.72, hy + ay * R1 * 0.72
    body[1].polygon(ellipse_pts(lx, ly, R1 * 1.02, R1 * 0.98, axis), fill=255)
    body[1].polygon(ellipse_pts(ux, uy, R1 * 0.78, R1 * 0.74, axis), fill=255)
    body[1].polygon(rect_pts((lx + ux) / 2, (ly + uy) / 2, R1 * 1.1, R1 * 1.25, axis), fill=255)
    waist = cv.mask()[0]
    wd_ = ImageDraw.Draw(waist)
    mx, my = hx + ax * R1 * 0.18, hy + ay * R1 * 0.18
    for sgn in (-1, 1):
        cx_, cy_ = mx - ay * sgn * R1 * 1.12, my + ax * sgn * R1 * 1.12
        wd_.ellipse(circle_bbox(cx_, cy_, R1 * 0.36), fill=255)
    bm = ImageChops.subtract(body[0], waist)
    body_col = s.ink(3)
    cv.fill(shift(bm, 26, 22), s.ink(4), 0.9)  # misregistered second pass
    cv.fill(bm, body_col, 0.96)
    # inner body tone
    m, d = cv.mask()
    d.polygon(ellipse_pts(lx + ax * 40, ly + ay * 40, R1 * 0.82, R1 * 0.78, axis), fill=255)
    cv.fill(ImageChops.multiply(m, bm), mix(body_col, WHITE, 0.25), 0.35)
    # neck
    neck_w = R1 * 0.2
    n0 = (hx + ax * R1 * 1.1, hy + ay * R1 * 1.1)
    m, d = cv.mask()
    far = 4000
    d.polygon(rect_pts(n0[0] + ax * far / 2, n0[1] + ay * far / 2, far, neck_w, axis), fill=255)
    cv.fill(m, s.shade(body_col, 0.6), 1.0)
    m, d = cv.mask()
    pos = R1 * 1.3
    gap = R1 * 0.34
    while pos < 4000:
        fx, fy = hx + ax * pos, hy + ay * pos
        d.line([(fx - ay * neck_w / 2, fy + ax * neck_w / 2), (fx + ay * neck_w / 2, fy - ax * neck_w / 2)], fill=255, width=7)
        pos += gap
        gap *= 0.94
    cv.fill(m, s.accent, 0.8)
    # sound hole
    m, d = cv.mask()
    d.ellipse(circle_bbox(hx, hy, R1 * 0.27), fill=255)
    cv.fill(m, s.shade(body_col, 0.75), 1.0)
    m, d = cv.mask()
    d.ellipse(circle_bbox(hx, hy, R1 * 0.34), outline=255, width=int(R1 * 0.035))
    cv.fill(m, s.accent, 0.9)
    # bridge and strings
    bx, by = hx - ax * R1 * 0.82, hy - ay * R1 * 0.82
    m, d = cv.mask()
    d.polygon(rect_pts(bx, by, R1 * 0.12, R1 * 0.5, axis), fill=255)
    cv.fill(m, s.shade(body_col, 0.6), 1.0)
    m, d = cv.mask()
    for k in range(6):
        off = (k - 2.5) * neck_w * 0.13
        d.line([(bx - ay * off, by + ax * off), (bx - ay * off + ax * far, by + ax * off + ay * far)], fill=255, width=4)
    cv.fill(m, s.light, 0.85)


def m_comedy(cv: Canvas, rng: random.Random):
    s = cv.s
    cx, cy = rng.uniform(0.35, 0.65) * W, rng.uniform(0.35, 0.65) * H
    m, d = cv.mask()
    n = rng.choice([20, 24, 28])
    a0 = rng.uniform(0, TAU)
    for i in range(0, n, 2):
        a, b = a0 + TAU * i / n, a0 + TAU * (i + 1) / n
        d.polygon([(cx, cy), (cx + 4000 * math.cos(a), cy + 4000 * math.sin(a)),
                   (cx + 4000 * math.cos(b), cy + 4000 * math.sin(b))], fill=255)
    cv.fill(m, s.ink(0), 0.16)
    # halftone dots fading out from one corner
    corner = rng.choice([(0, 0), (W, 0), (0, H), (W, H)])
    m, d = cv.mask()
    sp = 84
    for j in range(-1, H // sp + 2):
        for i in range(-1, W // sp + 2):
            x = i * sp + (sp / 2 if j % 2 else 0)
            y = j * sp
            t = 1 - math.hypot(x - corner[0], y - corner[1]) / (0.6 * W)
            if t > 0.05:
                d.ellipse(circle_bbox(x, y, sp * 0.48 * t), fill=255)
    cv.fill(m, s.ink(1), 0.35)
    # speech bubbles
    layouts = [
        [(0.30, 0.34, 0.40), (0.68, 0.58, 0.36), (0.24, 0.78, 0.22)],
        [(0.62, 0.30, 0.42), (0.30, 0.62, 0.34), (0.78, 0.80, 0.22)],
        [(0.26, 0.30, 0.30), (0.56, 0.52, 0.44), (0.84, 0.22, 0.20), (0.20, 0.82, 0.18)],
    ]
    lay = rng.choice(layouts)
    if rng.random() < 0.5:
        lay = [(1 - x, y, w) for x, y, w in lay]
    for k, (fx, fy, fw) in enumerate(lay):
        bx, by = fx * W + rng.uniform(-60, 60), fy * H + rng.uniform(-40, 40)
        bw = fw * W
        bh = bw * rng.uniform(0.55, 0.7)
        ang = math.radians(rng.uniform(-7, 7))
        kind = rng.choice(["oval", "round", "round", "cloud", "burst"]) if k else rng.choice(["oval", "round"])
        m, d = cv.mask()
        if kind == "oval":
            d.polygon(ellipse_pts(bx, by, bw / 2, bh / 2, ang), fill=255)
        elif kind == "round":
            d.polygon(round_rect_pts(bx, by, bw, bh, bh * 0.3, ang), fill=255)
        elif kind == "cloud":
            d.polygon(ellipse_pts(bx, by, bw * 0.42, bh * 0.38, ang), fill=255)
            for q in range(9):
                a = TAU * q / 9
                d.ellipse(circle_bbox(bx + bw * 0.4 * math.cos(a), by + bh * 0.36 * math.sin(a), bh * 0.2), fill=255)
        else:
            pts = []
            spikes = 14
            for q in range(spikes * 2):
                a = TAU * q / (spikes * 2)
                rr = 1.0 if q % 2 == 0 else rng.uniform(0.68, 0.78)
                pts.append((bx + bw / 2 * rr * math.cos(a), by + bh / 2 * rr * math.sin(a)))
            d.polygon(rotate_pts(pts, bx, by, ang), fill=255)
        # tail
        side = -1 if fx > 0.5 else 1
        if kind == "cloud":
            for q, rr in enumerate((bh * 0.09, bh * 0.06)):
                d.ellipse(circle_bbox(bx + side * bw * (0.3 + 0.08 * q), by + bh * (0.62 + 0.16 * q), rr), fill=255)
        elif kind != "burst":
            tx = bx + side * bw * rng.uniform(0.05, 0.2)
            d.polygon([(tx - bw * 0.07, by + bh * 0.3), (tx + bw * 0.07, by + bh * 0.3),
                       (tx + side * bw * 0.22, by + bh * 0.5 + bh * 0.32)], fill=255)
        fill_c = s.light if (k % 2 == 0) else s.ink(2 + k)
        if fill_c == s.ink(0) and k:
            fill_c = s.accent
        cv.fill(shift(m, 30, 30), s.dark if not s.is_dark else BLACK, 0.92)
        cv.fill(m, fill_c, 1.0)
        # bubble content
        cc = s.dark if lum(fill_c) > 0.5 else s.light
        m2, d2 = cv.mask()
        content = rng.choice(["bars", "dots", "bang"]) if kind != "burst" else "bang"
        if content == "bars":
            nl = 3 if bh > 380 else 2
            for q in range(nl):
                lw = bw * (0.56 if q < nl - 1 else 0.34)
                yy = by + (q - (nl - 1) / 2) * bh * 0.19
                d2.polygon(round_rect_pts(bx - (bw * 0.56 - lw) / 2, yy, lw, bh * 0.09, bh * 0.045, 0), fill=255)
        elif content == "dots":
            for q in range(3):
                d2.ellipse(circle_bbox(bx + (q - 1) * bh * 0.26, by, bh * 0.085), fill=255)
        else:
            for q in range(rng.choice([1, 2, 3])):
                xx = bx + (q - 1 if q else 0) * bh * 0.22
                d2.polygon(round_rect_pts(xx, by - bh * 0.08, bh * 0.1, bh * 0.38, bh * 0.05, 0), fill=255)
                d2.ellipse(circle_bbox(xx, by + bh * 0.22, bh * 0.06), fill=255)
        cv.fill(m2, cc, 0.95)
    # a few stars / sparkles
    batch = Batch()
    for i in range(rng.randint(6, 10)):
        x, y, r = rng.uniform(0.05, 0.95) * W, rng.uniform(0.05, 0.95) * H, rng.uniform(24, 60)
        pts = []
        for q in range(8):
            rr = r if q % 2 == 0 else r * 0.3
            pts.append((x + rr * math.cos(TAU * q / 8), y + rr * math.sin(TAU * q / 8)))
        batch.draw(s.accent if i % 2 else s.ink(3)).polygon(pts, fill=255)
    batch.flush(cv, 0.9)


def fold_texture(dark, light, period, phase, strength=1.0) -> Image.Image:
    strip = Image.new("RGB", (W, 1))
    px = strip.load()
    for x in range(W):
        v = 0.5 + 0.5 * math.sin(TAU * x / period + phase)
        v = v ** 1.6 * strength + (1 - strength) * 0.5
        px[x, 0] = mix(dark, light, v)
    return strip.resize((W, H), Image.NEAREST)


def m_theatre(cv: Canvas, rng: random.Random):
    s = cv.s
    deep = sorted((c for c in s.tones if 0.08 < lum(c) < 0.5), key=lambda c: -(c[0] - c[2]))
    cur = deep[0] if deep and rng.random() < 0.7 else (rng.choice(deep) if deep else s.ink(0))
    cdark, clight = mix(cur, BLACK, 0.55), mix(cur, WHITE, 0.12)
    gold = s.accent if s.accent != cur else s.ink(1)
    # stage floor
    m, d = cv.mask()
    d.polygon([(-10, H * 0.8), (W + 10, H * 0.8), (W + 10, H + 10), (-10, H + 10)], fill=255)
    cv.fill(m, mix(s.bg1, BLACK, 0.45), 0.7)
    m, d = cv.mask()
    d.line([(0, H * 0.8), (W, H * 0.8)], fill=255, width=6)
    cv.fill(m, gold, 0.5)
    # spotlights
    spots = [rng.uniform(0.4, 0.6)]
    if rng.random() < 0.6:
        spots.append(rng.choice([0.3, 0.7]) + rng.uniform(-0.05, 0.05))
    for k, fx in enumerate(spots):
        px_, py_ = fx * W, H * 0.86
        rx, ry = W * 0.16, H * 0.055
        src = (px_ + rng.uniform(-0.35, 0.35) * W, -200)
        col = s.light if k == 0 else mix(s.accent, WHITE, 0.3)
        m, d = cv.mask()
        d.polygon([(src[0] - 40, src[1]), (src[0] + 40, src[1]), (px_ + rx, py_), (px_ - rx, py_)], fill=255)
        d.ellipse((px_ - rx, py_ - ry, px_ + rx, py_ + ry), fill=255)
        cv.glow(m, col, 40, 0.22 if k == 0 else 0.14)
        m, d = cv.mask()
        d.ellipse((px_ - rx, py_ - ry, px_ + rx, py_ + ry), fill=255)
        cv.glow(m, col, 50, 0.5)
    # curtains
    period = rng.uniform(120, 170)
    tex = fold_texture(cdark, clight, period, rng.uniform(0, TAU))
    cm, cd = cv.mask()
    cw = rng.uniform(0.3, 0.4) * W  # where the drape's inner edge starts at the top
    tie_x = rng.uniform(0.08, 0.11) * W
    tie_y = rng.uniform(0.52, 0.64) * H
    bot_x = tie_x + rng.uniform(0.03, 0.06) * W
    for side in (0, 1):
        pts = [(-10, -10), (cw, -10)]
        for i in range(1, 41):
            t = i / 40
            y = -10 + (tie_y + 10) * t
            x = tie_x + (cw - tie_x) * (1 - t) ** 1.8
            pts.append((x, y))
        for i in range(1, 21):
            t = i / 20
            y = tie_y + (H - tie_y + 10) * t
            x = tie_x + (bot_x - tie_x) * math.sin(t * TAU / 4)
            pts.append((x, y))
        pts.append((-10, H + 10))
        if side:
            pts = [(W - x, y) for x, y in pts]
        cd.polygon(pts, fill=255)
    cv.shadow(cm, 24, 0, 50, 0.5)
    cv.img.paste(tex, (0, 0), cm)
    # tie-back ropes
    m, d = cv.mask()
    for side in (0, 1):
        x0_, x1_ = -10, tie_x + 30
        if side:
            x0_, x1_ = W + 10, W - tie_x - 30
        d.line([(x0_, tie_y - 30), (x1_, tie_y)], fill=255, width=26)
        d.ellipse(circle_bbox(x1_, tie_y, 30), fill=255)
        d.polygon([(x1_ - 22, tie_y + 20), (x1_ + 22, tie_y + 20), (x1_ + 34, tie_y + 130), (x1_ - 34, tie_y + 130)], fill=255)
    cv.shadow(m, 8, 12, 12, 0.4)
    cv.fill(m, gold, 1.0)
    # valance with scallops and gold trim
    vh = rng.uniform(0.1, 0.14) * H
    sc = rng.uniform(90, 130)
    for layer in (0, 1):
        m, d = cv.mask()
        off = 18 if layer == 0 else 0
        d.rectangle((0, 0, W, vh + off), fill=255)
        x = -sc
        while x < W + sc:
            d.ellipse(circle_bbox(x, vh + off, sc), fill=255)
            x += sc * 2
        if layer == 0:
            cv.shadow(m, 0, 20, 30, 0.5)
            cv.fill(m, gold, 1.0)
        else:
            cv.img.paste(fold_texture(mix(cur, BLACK, 0.35), clight, sc * 2, 0), (0, 0), m)
    # fringe tassels
    m, d = cv.mask()
    x = -sc
    while x < W + sc:
        d.line([(x, vh + sc + 10), (x, vh + sc + 70)], fill=255, width=10)
        d.ellipse(circle_bbox(x, vh + sc + 80, 16), fill=255)
        x += sc * 2
    cv.fill(m, gold, 1.0)


def m_food(cv: Canvas, rng: random.Random):
    s = cv.s
    # tablecloth check
    if rng.random() < 0.5:
        sw = rng.choice([160, 200, 240])
        m, d = cv.mask()
        for i in range(0, W + sw, sw * 2):
            d.rectangle((i, 0, i + sw, H), fill=255)
        m2, d2 = cv.mask()
        for j in range(0, H + sw, sw * 2):
            d2.rectangle((0, j, W, j + sw), fill=255)
        c = s.ink(5)
        cv.fill(m, c, 0.10)
        cv.fill(m2, c, 0.10)
    # plates
    plates = []
    tries = 0
    target = rng.randint(4, 6)
    while len(plates) < target and tries < 400:
        tries += 1
        r = rng.uniform(0.13, 0.3) * H
        x, y = rng.uniform(-0.02, 1.02) * W, rng.uniform(-0.02, 1.02) * H
        if all(math.hypot(x - px, y - py) > (r + pr) * 0.82 for px, py, pr in plates):
            plates.append((x, y, r))
    plates.sort(key=lambda p: -p[2])
    plate_cols = [s.light, mix(s.light, s.ink(0), 0.15), s.ink(0), s.light]
    for k, (x, y, r) in enumerate(plates):
        m, d = cv.mask()
        d.ellipse(circle_bbox(x, y, r), fill=255)
        cv.shadow(m, 22, 34, 50, 0.55)
        pc = plate_cols[k % len(plate_cols)]
        cv.fill(m, pc, 1.0)
        rim = mix(pc, s.dark, 0.12)
        m, d = cv.mask()
        d.ellipse(circle_bbox(x, y, r * 0.76), outline=255, width=int(r * 0.035))
        cv.fill(m, rim, 0.6)
        deco = s.ink(k + 1)
        if rng.random() < 0.5:
            m, d = cv.mask()
            nd = int(r / 18)
            for q in range(nd):
                a = TAU * q / nd
                d.ellipse(circle_bbox(x + r * 0.885 * math.cos(a), y + r * 0.885 * math.sin(a), r * 0.03), fill=255)
            cv.fill(m, deco, 0.85)
        kind = rng.choice(["bowl", "salad", "slices", "maki", "bowl", "slices"])
        ir = r * 0.68
        if kind == "bowl":
            m, d = cv.mask()
            d.ellipse(circle_bbox(x, y, ir), fill=255)
            cv.fill(m, s.ink(k + 2), 1.0)
            m, d = cv.mask()
            d.arc(circle_bbox(x, y, ir * 0.82), 200, 255, fill=255, width=int(ir * 0.07))
            cv.fill(m, WHITE, 0.3)
            batch = Batch()
            for q in range(rng.randint(5, 9)):
                a, rr = rng.uniform(0, TAU), ir * 0.7 * math.sqrt(rng.random())
                batch.draw(s.ink(k + 3 + q % 2)).ellipse(circle_bbox(x + rr * math.cos(a), y + rr * math.sin(a), ir * rng.uniform(0.06, 0.12)), fill=255)
            batch.flush(cv, 0.95)
        elif kind == "salad":
            batch = Batch()
            for q in range(26):
                a, rr = rng.uniform(0, TAU), ir * 0.85 * math.sqrt(rng.random())
                px, py = x + rr * math.cos(a), y + rr * math.sin(a)
                c = s.ink(k + 2 + q % 3)
                if q % 3 == 0:
                    batch.draw(c).polygon(ellipse_pts(px, py, ir * 0.2, ir * 0.08, rng.uniform(0, TAU), 24), fill=255)
                else:
                    batch.draw(c).ellipse(circle_bbox(px, py, ir * rng.uniform(0.07, 0.13)), fill=255)
            batch.flush(cv, 0.92)
        elif kind == "slices":
            m, d = cv.mask()
            nsl = rng.choice([6, 8])
            a0 = rng.uniform(0, 360)
            for q in range(nsl):
                st = a0 + 360 * q / nsl
                mid = math.radians(st + 180 / nsl)
                ox, oy = math.cos(mid) * ir * 0.05, math.sin(mid) * ir * 0.05
                d.pieslice(circle_bbox(x + ox, y + oy, ir), st + 2, st + 360 / nsl - 2, fill=255)
            cv.fill(m, s.ink(k + 2), 1.0)
            m, d = cv.mask()
            d.ellipse(circle_bbox(x, y, ir * 0.86), outline=255, width=int(ir * 0.06))
            batch = Batch()
            for q in range(nsl):
                a, rr = rng.uniform(0, TAU), ir * (0.25 + 0.5 * rng.random())
                batch.draw(s.ink(k + 3)).ellipse(circle_bbox(x + rr * math.cos(a), y + rr * math.sin(a), ir * 0.07), fill=255)
            cv.fill(m, mix(s.ink(k + 2), WHITE, 0.3), 0.6)
            batch.flush(cv, 0.9)
        else:
            outer, rice, fill_ = Batch(), Batch(), Batch()
            nc = rng.choice([5, 6, 7])
            mr = ir * 0.27
            seaweed = s.dark if not s.is_dark else mix(s.dark, BLACK, 0.4)
            for q in range(nc):
                a = TAU * q / nc + rng.uniform(-0.1, 0.1)
                px, py = x + ir * 0.58 * math.cos(a), y + ir * 0.58 * math.sin(a)
                outer.draw(seaweed).ellipse(circle_bbox(px, py, mr), fill=255)
                rice.draw(mix(s.light, WHITE, 0.5)).ellipse(circle_bbox(px, py, mr * 0.84), fill=255)
                fill_.draw(s.ink(k + 2 + q % 2)).ellipse(circle_bbox(px, py, mr * 0.36), fill=255)
            outer.flush(cv)
            rice.flush(cv)
            fill_.flush(cv)
    # chopsticks / cutlery
    for q in range(rng.randint(1, 2)):
        x, y = rng.uniform(0.1, 0.9) * W, rng.uniform(0.1, 0.9) * H
        a = rng.uniform(0, TAU)
        m, d = cv.mask()
        for k in (-1, 1):
            ox, oy = -math.sin(a) * k * 26, math.cos(a) * k * 26
            d.polygon(rect_pts(x + ox, y + oy, H * 0.55, 20, a + k * 0.03), fill=255)
        cv.shadow(m, 14, 20, 16, 0.4)
        cv.fill(m, s.ink(q + 4), 1.0)


def m_workshop(cv: Canvas, rng: random.Random):
    s = cv.s
    # drafting grid
    m, d = cv.mask()
    g = 100
    for x in range(g // 2, W, g):
        for y in range(g // 2, H, g):
            d.ellipse(circle_bbox(x, y, 5), fill=255)
    cv.fill(m, s.line, 0.35)
    m, d = cv.mask()
    for x in range(g // 2, W, g * 5):
        d.line([(x, 0), (x, H)], fill=255, width=5)
    for y in range(g // 2, H, g * 5):
        d.line([(0, y), (W, y)], fill=255, width=5)
    cv.fill(m, s.line, 0.14)
    # construction circles
    m, d = cv.mask()
    cx, cy, r = rng.uniform(0.3, 0.7) * W, rng.uniform(0.3, 0.7) * H, rng.uniform(0.3, 0.45) * H
    for q in range(72):
        if q % 2 == 0:
            d.arc(circle_bbox(cx, cy, r), q * 5, q * 5 + 5, fill=255, width=6)
    d.ellipse(circle_bbox(cx, cy, r * 0.6), outline=255, width=4)
    d.line([(cx - r * 1.15, cy), (cx + r * 1.15, cy)], fill=255, width=4)
    d.line([(cx, cy - r * 1.15), (cx, cy + r * 1.15)], fill=255, width=4)
    cv.fill(m, s.line, 0.45)
    tools = ["ruler", "square", "gear", "nut", "pencil", "wrench"]
    rng.shuffle(tools)
    tools = tools[: rng.randint(4, 5)]
    slots = [(0.22, 0.3), (0.7, 0.26), (0.5, 0.62), (0.2, 0.75), (0.82, 0.72)]
    rng.shuffle(slots)
    for k, tool in enumerate(tools):
        fx, fy = slots[k]
        x, y = fx * W + rng.uniform(-80, 80), fy * H + rng.uniform(-60, 60)
        a = rng.uniform(-0.7, 0.7)
        c = s.ink(k)
        m, d = cv.mask()
        detail = None
        if tool == "ruler":
            L, T = W * 0.62, H * 0.1
            d.polygon(rect_pts(x, y, L, T, a), fill=255)
            detail = cv.mask()
            for q in range(int(L / 50)):
                tx = -L / 2 + 30 + q * 50
                h_ = T * (0.42 if q % 5 == 0 else 0.22)
                p1 = rotate_pts([(x + tx, y - T / 2), (x + tx, y - T / 2 + h_)], x, y, a)
                detail[1].line(p1, fill=255, width=6)
        elif tool == "square":
            L1, L2 = H * 0.55, H * 0.4
            tri = [(x - L1 / 2, y + L2 / 2), (x + L1 / 2, y + L2 / 2), (x - L1 / 2, y - L2 / 2)]
            d.polygon(rotate_pts(tri, x, y, a), fill=255)
            inner = [(x - L1 / 2 + 70, y + L2 / 2 - 60), (x + L1 / 2 - 170, y + L2 / 2 - 60), (x - L1 / 2 + 70, y - L2 / 2 + 130)]
            d.polygon(rotate_pts(inner, x, y, a), fill=0)
            cv.shadow(m, 18, 24, 30, 0.35)
            cv.fill(m, c, 0.65, "multiply" if not s.is_dark else "normal")
            continue
        elif tool == "gear":
            R = H * rng.uniform(0.15, 0.2)
            teeth = rng.choice([10, 12, 14])
            pts = []
            for q in range(teeth * 4):
                t = TAU * q / (teeth * 4) + a
                rr = R if (q % 4) in (1, 2) else R * 0.8
                pts.append((x + rr * math.cos(t), y + rr * math.sin(t)))
            d.polygon(pts, fill=255)
            d.ellipse(circle_bbox(x, y, R * 0.3), fill=0)
        elif tool == "nut":
            R = H * rng.uniform(0.09, 0.13)
            d.polygon([(x + R * math.cos(a + TAU * q / 6), y + R * math.sin(a + TAU * q / 6)) for q in range(6)], fill=255)
            d.ellipse(circle_bbox(x, y, R * 0.45), fill=0)
        elif tool == "pencil":
            L, T = W * 0.42, H * 0.07
            d.polygon(rect_pts(x, y, L, T, a), fill=255)
            detail = cv.mask()
            tip = [(x + L / 2, y - T / 2), (x + L / 2 + T * 1.6, y), (x + L / 2, y + T / 2)]
            detail[1].polygon(rotate_pts(tip, x, y, a), fill=255)
            ferrule = [(x - L / 2, y - T / 2), (x - L / 2 + T * 0.8, y - T / 2),
                       (x - L / 2 + T * 0.8, y + T / 2), (x - L / 2, y + T / 2)]
            detail[1].polygon(rotate_pts(ferrule, x, y, a), fill=255)
        else:  # wrench
            L, T = H * 0.62, H * 0.07
            d.polygon(rect_pts(x, y, L, T, a), fill=255)
            for sgn in (-1, 1):
                hx, hy = x + sgn * math.cos(a) * L / 2, y + sgn * math.sin(a) * L / 2
                d.ellipse(circle_bbox(hx, hy, T * 1.15), fill=255)
                notch = rect_pts(hx + sgn * math.cos(a) * T * 0.9, hy + sgn * math.sin(a) * T * 0.9, T * 1.4, T * 0.8, a)
                d.polygon(notch, fill=0)
        cv.shadow(m, 18, 24, 30, 0.4)
        cv.fill(m, c, 0.95)
        if detail is not None:
            cv.fill(detail[0], s.dark if lum(c) > 0.45 else s.light, 0.85)


def m_tour(cv: Canvas, rng: random.Random):
    s = cv.s
    # stylised street map: a rotated grid of city blocks, a park and a river
    ang = math.radians(rng.uniform(-24, 24))
    bs, gap = rng.uniform(250, 330), rng.uniform(44, 60)
    tone_a = mix(s.bg1, s.line, 0.10)
    tone_b = mix(s.bg1, s.ink(2), 0.16)
    batch = Batch()
    n = int(max(W, H) * 1.5 / (bs + gap)) + 2
    for j in range(-n // 2, n // 2 + 1):
        for i in range(-n // 2, n // 2 + 1):
            if rng.random() < 0.12:
                continue
            cx, cy = W / 2 + i * (bs + gap), H / 2 + j * (bs + gap) * 0.8
            p = rotate_pts([(cx, cy)], W / 2, H / 2, ang)[0]
            if -bs < p[0] < W + bs and -bs < p[1] < H + bs:
                c = tone_b if rng.random() < 0.25 else tone_a
                batch.draw(c).polygon(round_rect_pts(p[0], p[1], bs, bs * 0.8, 26, ang, 4), fill=255)
    batch.flush(cv, 1.0)
    # avenue
    m, d = cv.mask()
    a2 = ang + math.radians(rng.choice([-1, 1]) * rng.uniform(30, 50))
    cx, cy = rng.uniform(0.3, 0.7) * W, rng.uniform(0.3, 0.7) * H
    d.polygon(rect_pts(cx, cy, 5000, gap * 2.2, a2), fill=255)
    cv.fill(m, s.bg1, 1.0)
    # park
    greens = [c for c in s.tones if c[1] > c[0] + 10 and c[1] > c[2] - 40] or [s.ink(3)]
    m, d = cv.mask()
    px, py = rng.uniform(0.15, 0.85) * W, rng.uniform(0.15, 0.85) * H
    d.polygon(blob_pts(rng, px, py, rng.uniform(0.18, 0.26) * H, 0.2), fill=255)
    cv.fill(m, greens[0], 0.35)
    # river
    blues = [c for c in s.tones if c[2] > c[0] + 30] or [s.ink(0)]
    m, d = cv.mask()
    ry = rng.uniform(0.2, 0.8) * H
    f, ph = rng.uniform(0.5, 1.0), rng.uniform(0, TAU)
    pts = [(x, ry + math.sin(x / W * TAU * f + ph) * H * 0.12) for x in range(-200, W + 240, 40)]
    pts = rotate_pts(pts, W / 2, ry, rng.uniform(-0.3, 0.3))
    d.polygon(stroke_pts(pts, rng.uniform(110, 160)), fill=255)
    cv.fill(m, blues[0], 0.45)
    # the winding route
    n = rng.randint(7, 8)
    a0 = rng.uniform(0, TAU)
    span = rng.uniform(0.72, 0.85) * TAU
    direction = rng.choice([-1, 1])
    ctrl = []
    for i in range(n):
        a = a0 + direction * span * i / (n - 1)
        rr = rng.uniform(0.55, 1.0) if 0 < i < n - 1 else 0.9
        ctrl.append((W / 2 + math.cos(a) * 0.38 * W * rr, H * 0.53 + math.sin(a) * 0.33 * H * rr))
    path = catmull_rom(ctrl, 40)
    m, d = cv.mask()
    d.polygon(stroke_pts(path, 64), fill=255)
    for p in (path[0], path[-1]):
        d.ellipse(circle_bbox(p[0], p[1], 32), fill=255)
    cv.shadow(m, 10, 16, 18, 0.3)
    cv.fill(m, s.light if not s.is_dark else mix(s.bg1, WHITE, 0.2), 0.95)
    m, d = cv.mask()
    for x, y, _ in resample(path, 50):
        d.ellipse(circle_bbox(x, y, 11), fill=255)
    cv.fill(m, s.ink(0), 1.0)
    # stops
    stops = ctrl[1:-1]
    rng.shuffle(stops)
    for x, y in stops[:3]:
        m, d = cv.mask()
        d.ellipse(circle_bbox(x, y, 50), fill=255)
        cv.shadow(m, 10, 14, 16, 0.35)
        cv.fill(m, s.ink(1), 1.0)
        m, d = cv.mask()
        d.ellipse(circle_bbox(x, y, 20), fill=255)
        cv.fill(m, s.light, 1.0)
    # map pin at the end, ring at the start
    x, y = ctrl[-1]
    R = 110
    m, d = cv.mask()
    cy = y - R * 2.1
    d.ellipse(circle_bbox(x, cy, R), fill=255)
    d.polygon([(x - R * 0.86, cy + R * 0.5), (x + R * 0.86, cy + R * 0.5), (x, y)], fill=255)
    d.ellipse(circle_bbox(x, cy, R * 0.42), fill=0)
    cv.shadow(m, 20, 24, 24, 0.45)
    cv.fill(m, s.accent, 1.0)
    x, y = ctrl[0]
    m, d = cv.mask()
    d.ellipse(circle_bbox(x, y, 60), outline=255, width=18)
    cv.fill(m, s.accent, 1.0)
    # compass star
    corners = [(0.92 * W, 0.13 * H), (0.08 * W, 0.13 * H), (0.92 * W, 0.87 * H), (0.08 * W, 0.87 * H)]
    cx, cy = max(corners, key=lambda c: min(math.hypot(c[0] - p[0], c[1] - p[1]) for p in path[::10]))
    r = 110
    m, d = cv.mask()
    pts = []
    for q in range(8):
        rr = r if q % 2 == 0 else r * 0.26
        a = TAU * q / 8 - TAU / 4
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=255)
    d.ellipse(circle_bbox(cx, cy, r * 0.75), outline=255, width=6)
    cv.fill(m, s.line, 0.6)


def artwork(rng, w, h, s: Scheme, k) -> Image.Image:
    kind = rng.choice(["fields", "circle", "split", "stripes", "arches"])
    cols = [s.ink(k + q) for q in range(4)]
    img = Image.new("RGB", (int(w), int(h)), cols[0])
    d = ImageDraw.Draw(img)
    if kind == "fields":
        img.paste(mix(cols[0], WHITE, 0.15), (0, 0, int(w), int(h)))
        d.rectangle((w * 0.1, h * 0.08, w * 0.9, h * 0.5), fill=cols[1])
        d.rectangle((w * 0.1, h * 0.56, w * 0.9, h * 0.92), fill=cols[2])
        img = img.filter(ImageFilter.GaussianBlur(min(w, h) * 0.02))
    elif kind == "circle":
        d.rectangle((0, h * 0.62, w, h), fill=cols[2])
        r = min(w, h) * 0.3
        d.ellipse(circle_bbox(w * 0.5, h * 0.42, r), fill=cols[1])
    elif kind == "split":
        d.polygon([(0, h), (w, 0), (w, h)], fill=cols[1])
        d.ellipse(circle_bbox(w * 0.3, h * 0.3, min(w, h) * 0.13), fill=cols[2])
    elif kind == "stripes":
        n = rng.randint(3, 5)
        for q in range(n):
            d.rectangle((w * q / n, 0, w * (q + 0.5) / n, h), fill=cols[1 + q % 3])
    else:
        for q in range(5, 0, -1):
            r = min(w, h) * 0.16 * q
            d.pieslice((w / 2 - r, h - r, w / 2 + r, h + r), 180, 360, fill=cols[q % 4])
    return img


def m_exhibition(cv: Canvas, rng: random.Random):
    s = cv.s
    floor_y = H * rng.uniform(0.84, 0.9)
    m, d = cv.mask()
    d.rectangle((0, floor_y, W, H), fill=255)
    cv.fill(m, mix(s.bg1, BLACK, 0.35), 0.8)
    m, d = cv.mask()
    d.rectangle((0, floor_y - 14, W, floor_y), fill=255)
    cv.fill(m, s.line, 0.25)
    # frames
    if rng.random() < 0.5:
        sizes = [(rng.uniform(0.16, 0.26) * W, rng.uniform(0.3, 0.5) * H) for _ in range(rng.randint(3, 4))]
        gap = 0.05 * W
        total = sum(w for w, _ in sizes) + gap * (len(sizes) - 1)
        x = (W - total) / 2 + rng.uniform(-0.05, 0.05) * W
        cyl = H * rng.uniform(0.42, 0.5)
        rects = []
        for w, h in sizes:
            rects.append((x, cyl - h / 2, x + w, cyl + h / 2))
            x += w + gap
    else:
        rects = []
        grid = [(0.06, 0.08, 0.30, 0.48), (0.34, 0.12, 0.62, 0.40), (0.66, 0.06, 0.92, 0.52),
                (0.10, 0.55, 0.30, 0.80), (0.36, 0.46, 0.56, 0.80), (0.60, 0.58, 0.86, 0.80)]
        for (a, b, c, e) in grid:
            if rng.random() < 0.85:
                jx, jy = rng.uniform(-0.015, 0.015), rng.uniform(-0.015, 0.015)
                rects.append(((a + jx) * W, (b + jy) * H, (c + jx) * W, (e + jy) * H))
    frame_cols = [s.dark if not s.is_dark else s.light, s.accent, mix(s.dark, WHITE, 0.1)]
    for k, (x0, y0, x1, y1) in enumerate(rects):
        w, h = x1 - x0, y1 - y0
        # wall light
        m, d = cv.mask()
        cxm = (x0 + x1) / 2
        d.polygon([(cxm - 40, -10), (cxm + 40, -10), (x1 + w * 0.25, y1 + h * 0.1), (x0 - w * 0.25, y1 + h * 0.1)], fill=255)
        cv.glow(m, s.light if s.is_dark else WHITE, 80, 0.18)
        m, d = cv.mask()
        d.rectangle((x0, y0, x1, y1), fill=255)
        cv.shadow(m, 20, 30, 34, 0.55)
        fc = frame_cols[rng.randrange(len(frame_cols))]
        cv.fill(m, fc, 1.0)
        ft = min(w, h) * rng.uniform(0.04, 0.07)
        mat = min(w, h) * rng.uniform(0.0, 0.1)
        m, d = cv.mask()
        d.rectangle((x0 + ft, y0 + ft, x1 - ft, y1 - ft), fill=255)
        cv.fill(m, mix(s.light, WHITE, 0.3), 1.0)
        ax0, ay0 = x0 + ft + mat, y0 + ft + mat
        aw, ah = (x1 - ft - mat) - ax0, (y1 - ft - mat) - ay0
        art = artwork(rng, aw, ah, s, k)
        cv.img.paste(art, (int(ax0), int(ay0)))
        # inner bevel shadow
        m, d = cv.mask()
        d.rectangle((x0 + ft, y0 + ft, x1 - ft, y0 + ft + 10), fill=255)
        d.rectangle((x0 + ft, y0 + ft, x0 + ft + 10, y1 - ft), fill=255)
        cv.fill(m, BLACK, 0.18)
        # plaque
        if rng.random() < 0.5 and y1 + 90 < floor_y:
            m, d = cv.mask()
            d.rectangle((x1 - 90, y1 + 40, x1, y1 + 80), fill=255)
            cv.fill(m, s.line, 0.5)


def m_market(cv: Canvas, rng: random.Random):
    s = cv.s
    ground_y = H * 0.74
    m, d = cv.mask()
    d.rectangle((0, ground_y, W, H), fill=255)
    cv.fill(m, mix(s.bg2, BLACK, 0.25), 0.55)
    # string lights
    for k in range(rng.randint(1, 2)):
        y0, y1 = rng.uniform(0.03, 0.12) * H, rng.uniform(0.03, 0.12) * H
        sag = rng.uniform(0.06, 0.12) * H
        pts = [(-50 + (W + 100) * i / 80, y0 + (y1 - y0) * i / 80 + sag * 4 * (i / 80) * (1 - i / 80)) for i in range(81)]
        m, d = cv.mask()
        d.line(pts, fill=255, width=5, joint="curve")
        cv.fill(m, s.line, 0.6)
        m, d = cv.mask()
        for x, y, _ in resample(pts, 150):
            d.ellipse(circle_bbox(x, y + 26, 20), fill=255)
        cv.glow(m, mix(s.accent, WHITE, 0.4), 40, 0.6)
        cv.fill(m, mix(s.accent, WHITE, 0.5), 1.0)
    # stalls
    n = rng.randint(2, 3)
    sw = W / n * rng.uniform(0.95, 1.12)
    xs = [(W - sw * n) / 2 + i * sw + rng.uniform(-40, 40) for i in range(n)]
    for i, x0 in enumerate(xs):
        x1 = x0 + sw * 0.94
        top = H * rng.uniform(0.2, 0.28)
        ah = H * rng.uniform(0.17, 0.22)
        inset = sw * 0.06
        ca, cb = s.ink(i), s.light if not s.is_dark else mix(s.light, s.ink(i), 0.1)
        if cdist(ca, cb) < 0.25:
            ca = s.ink(i + 1)
        ns = rng.choice([8, 10, 12])
        # poles and counter
        m, d = cv.mask()
        for px in (x0 + 40, x1 - 40):
            d.rectangle((px - 14, top + ah, px + 14, ground_y + 40), fill=255)
        cv.fill(m, s.shade(ca, 0.5), 1.0)
        m, d = cv.mask()
        d.rectangle((x0 + 10, top + ah + 70, x1 - 10, top + ah + 110), fill=255)
        cv.fill(m, BLACK, 0.15)
        counter_top = ground_y - H * 0.06
        m, d = cv.mask()
        d.rectangle((x0 + 20, counter_top, x1 - 20, H + 10), fill=255)
        cv.shadow(m, 0, -14, 20, 0.2)
        cc = s.ink(i + 2)
        cv.fill(m, cc, 1.0)
        m, d = cv.mask()
        for q in range(1, 4):
            yy = counter_top + q * (H - counter_top) / 4
            d.line([(x0 + 20, yy), (x1 - 20, yy)], fill=255, width=8)
        cv.fill(m, s.shade(cc, 0.4), 0.6)
        # produce on the counter
        batch = Batch()
        nc = rng.randint(3, 4)
        cwid = (x1 - x0 - 80) / nc
        for q in range(nc):
            bx0 = x0 + 40 + q * cwid
            pc = s.ink(i + q + 3)
            pr = rng.uniform(26, 38)
            rows = 3
            for row in range(rows):
                cnt = int((cwid - 30) / (pr * 2)) - row
                for c_ in range(cnt):
                    px = bx0 + 15 + pr + row * pr + c_ * pr * 2
                    py = counter_top - pr - row * pr * 1.7
                    batch.draw(pc).ellipse(circle_bbox(px, py, pr), fill=255)
                    if row == rows - 1 or c_ % 2 == 0:
                        batch.draw(mix(pc, WHITE, 0.45)).ellipse(circle_bbox(px - pr * 0.35, py - pr * 0.35, pr * 0.22), fill=255)
        batch.flush(cv, 1.0)
        # awning
        stripe_a, stripe_b = cv.mask(), cv.mask()
        sw_b = (x1 - x0) / ns
        sw_t = (x1 - x0 - 2 * inset) / ns
        for q in range(ns):
            tl, tr = x0 + inset + q * sw_t, x0 + inset + (q + 1) * sw_t
            bl, br = x0 + q * sw_b, x0 + (q + 1) * sw_b
            tgt = stripe_a if q % 2 == 0 else stripe_b
            tgt[1].polygon([(tl, top), (tr, top), (br, top + ah), (bl, top + ah)], fill=255)
            tgt[1].pieslice((bl, top + ah - sw_b / 2, br, top + ah + sw_b / 2), 0, 180, fill=255)
        both = ImageChops.lighter(stripe_a[0], stripe_b[0])
        cv.shadow(both, 0, 30, 30, 0.45)
        cv.fill(stripe_a[0], ca, 1.0)
        cv.fill(stripe_b[0], cb, 1.0)
        m, d = cv.mask()
        d.rectangle((x0 + inset - 10, top - 26, x1 - inset + 10, top + 6), fill=255)
        cv.fill(m, s.shade(ca, 0.45), 1.0)


def m_dance(cv: Canvas, rng: random.Random):
    s = cv.s
    for k in range(2):
        m, d = cv.mask()
        x, y = rng.uniform(0.2, 0.8) * W, rng.uniform(0.2, 0.8) * H
        d.ellipse(circle_bbox(x, y, rng.uniform(0.2, 0.35) * H), fill=255)
        cv.glow(m, s.accent if k else (s.light if s.is_dark else WHITE), 260, 0.35)
    nr = rng.randint(4, 6)
    for k in range(nr):
        base = (0.15 + 0.7 * (k + rng.uniform(0, 1)) / nr) * H
        amp = rng.uniform(0.08, 0.22) * H
        fr = rng.uniform(0.6, 1.4)
        ph = rng.uniform(0, TAU)
        amp2, fr2, ph2 = amp * rng.uniform(0.1, 0.4), fr * rng.uniform(1.8, 2.8), rng.uniform(0, TAU)
        rot = math.radians(rng.uniform(-22, 22))
        wmax = rng.uniform(0.05, 0.12) * H
        twists = rng.uniform(1.2, 2.6)
        tp = rng.uniform(0, 1)
        N = 260
        center = []
        for i in range(N + 1):
            t = i / N
            x = (-0.15 + 1.3 * t) * W
            y = base + amp * math.sin(TAU * fr * t + ph) + amp2 * math.sin(TAU * fr2 * t + ph2)
            center.append((x, y))
        center = rotate_pts(center, W / 2, H / 2, rot)
        nrm = normals(center)
        widths = [wmax * math.sin(math.pi * (i / N * twists + tp)) for i in range(N + 1)]
        front, back = s.ink(k), s.shade(s.ink(k), 0.35)
        segs = []
        cur = [0]
        for i in range(1, N + 1):
            if (widths[i] >= 0) != (widths[i - 1] >= 0):
                segs.append(cur)
                cur = [i - 1]
            cur.append(i)
        segs.append(cur)
        fm, fd = cv.mask()
        bm_, bd = cv.mask()
        for seg in segs:
            if len(seg) < 2:
                continue
            left = [(center[i][0] + nrm[i][0] * widths[i] / 2, center[i][1] + nrm[i][1] * widths[i] / 2) for i in seg]
            right = [(center[i][0] - nrm[i][0] * widths[i] / 2, center[i][1] - nrm[i][1] * widths[i] / 2) for i in seg]
            (fd if widths[seg[len(seg) // 2]] >= 0 else bd).polygon(left + right[::-1], fill=255)
        both = ImageChops.lighter(fm, bm_)
        cv.shadow(both, 16, 26, 30, 0.3)
        cv.fill(bm_, back, 0.9)
        cv.fill(fm, front, 0.88)
    # sparkles and dots
    batch = Batch()
    for i in range(rng.randint(14, 22)):
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        c = s.light if s.is_dark else s.accent
        if rng.random() < 0.35:
            r = rng.uniform(20, 46)
            pts = [(x + (r if q % 2 == 0 else r * 0.22) * math.cos(TAU * q / 8), y + (r if q % 2 == 0 else r * 0.22) * math.sin(TAU * q / 8)) for q in range(8)]
            batch.draw(c).polygon(pts, fill=255)
        else:
            batch.draw(s.ink(i)).ellipse(circle_bbox(x, y, rng.uniform(8, 18)), fill=255)
    batch.flush(cv, 0.85)


MOTIFS = {
    "festival": m_festival, "concert": m_concert, "comedy": m_comedy, "theatre": m_theatre,
    "food": m_food, "workshop": m_workshop, "tour": m_tour, "exhibition": m_exhibition,
    "market": m_market, "dance": m_dance,
}

# --------------------------------------------------------------------------- finishing


def finish(img: Image.Image, rng: random.Random) -> Image.Image:
    img = img.resize((OUT_W, OUT_H), Image.LANCZOS)
    # vignette + low-frequency ink mottling (multiply)
    mott = [[rng.uniform(-1, 1) for _ in range(24)] for _ in range(15)]

    def vfn(u, v):
        dd = math.hypot((u - 0.5) * 1.25, (v - 0.5) * 1.1)
        k = 1 - 0.22 * max(0.0, dd - 0.25) ** 1.5 * 2.2
        k += 0.012 * mott[min(int(v * 15), 14)][min(int(u * 24), 23)]
        g = int(round(255 * min(1.0, k)))
        return (g, g, g)

    vig = smooth_field(48, 30, vfn).resize((OUT_W, OUT_H), Image.BICUBIC)
    img = ImageChops.multiply(img, vig)
    # grain: monochrome (luma only), per pixel, low amplitude; hides gradient banding
    noise = Image.frombytes("L", (OUT_W, OUT_H), rng.randbytes(OUT_W * OUT_H))
    noise = noise.point(lambda v: 128 + (v - 128) * GRAIN // 128)
    return ImageChops.add(img, Image.merge("RGB", (noise, noise, noise)), 1.0, -128)


def encode(img: Image.Image) -> tuple[bytes, int]:
    q = START_QUALITY
    while True:
        buf = BytesIO()
        img.save(buf, "JPEG", quality=q, progressive=True, optimize=True, subsampling="4:2:0")
        data = buf.getvalue()
        if len(data) <= MAX_BYTES or q <= MIN_QUALITY:
            return data, q
        q -= 2


def render(event: dict, file_stem: str) -> Image.Image:
    slug = event["slug"]
    seed = int.from_bytes(hashlib.sha256(slug.encode("utf-8")).digest()[:8], "big")
    rng = random.Random(seed)
    key = city_key(event.get("city", ""))
    if key not in PALETTES:
        key = city_key(file_stem)
    if key not in PALETTES:
        names = sorted(PALETTES)
        key = names[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(names)]
    category = event.get("category", "")
    motif = MOTIFS.get(category)
    if motif is None:
        motif = MOTIFS[sorted(MOTIFS)[seed % len(MOTIFS)]]
    scheme = make_scheme(rng, PALETTES[key], category)
    cv = Canvas(background(rng, scheme), scheme)
    motif(cv, rng)
    return finish(cv.img, rng)


def build(job):
    ev, stem = job
    return encode(render(ev, stem))


def load_events(events_dir: Path):
    events, ok = [], True
    for f in sorted(events_dir.glob("*.json")):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"warning: skipping {f.name}: {e}", file=sys.stderr)
            ok = False
            continue
        if isinstance(data, dict):
            data = data.get("events", [data])
        for ev in data if isinstance(data, list) else []:
            if isinstance(ev, dict) and ev.get("slug") and ev.get("image"):
                events.append((f.stem, ev))
            else:
                print(f"warning: {f.name}: record without slug/image", file=sys.stderr)
    return events, ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=Path, default=HERE / "events")
    ap.add_argument("--out", type=Path, default=HERE / "images")
    ap.add_argument("--only", help="render only events whose slug contains this text (no cleanup)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel renders")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    events, ok = load_events(args.events)
    wanted: dict[str, str] = {}
    todo = []
    for stem, ev in events:
        name = ev["image"]
        if Path(name).name != name or name.startswith("."):
            print(f"warning: {ev['slug']}: bad image name {name!r}", file=sys.stderr)
            ok = False
            continue
        if name in wanted and wanted[name] != ev["slug"]:
            print(f"warning: {name} referenced by {wanted[name]} and {ev['slug']}; keeping the first", file=sys.stderr)
            continue
        wanted[name] = ev["slug"]
        if args.only and args.only not in ev["slug"]:
            continue
        todo.append((name, ev, stem))
    with ProcessPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(build, [(ev, stem) for _, ev, stem in todo]))
    for (name, ev, stem), (data, q) in zip(todo, results):
        target = args.out / name
        changed = not target.exists() or target.read_bytes() != data
        if changed:
            target.write_bytes(data)
        print(f"{name}: {len(data) / 1024:.1f} KB q={q}{'' if changed else ' (unchanged)'}")
    if ok and not args.only:
        for f in sorted(args.out.iterdir()):
            if f.is_file() and not f.name.startswith(".") and f.name not in wanted:
                f.unlink()
                print(f"removed {f.name}")
    elif not ok:
        print("not removing stale images because of the warnings above", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
