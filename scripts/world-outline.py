#!/usr/bin/env python3
"""Converts Natural Earth's low-resolution country outlines into the world map's outline resource.

Run once, by hand, when the outline should change; the result is committed:

    pip download geopandas==0.14.4 --no-deps -d /tmp/geo && cd /tmp/geo && unzip geopandas-0.14.4-*.whl
    python3 -m venv /tmp/geo/venv && /tmp/geo/venv/bin/pip install pyshp
    /tmp/geo/venv/bin/python scripts/world-outline.py \
        /tmp/geo/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp \
        Sources/LiaisonWeb/Resources/world/world-outline.txt

The outline is projected equirectangularly (x = longitude + 180, y = 84 - latitude, in degrees, so the
map's viewBox is 0 0 360 142 from 84°N to 58°S; Antarctica is left out), simplified (Douglas-Peucker,
0.2°), rounded to a tenth of a degree, and written as one SVG path per country.
"""
import sys

import shapefile  # pyshp

TOP, BOTTOM = 84.0, -58.0
TOLERANCE = 0.2


def simplify(points, tolerance):
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            if length == 0:
                distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            else:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def ring_path(ring):
    projected = [(lon + 180.0, TOP - max(BOTTOM, min(TOP, lat))) for lon, lat in ring]
    simplified = simplify(projected, TOLERANCE)
    rounded = []
    for x, y in simplified:
        point = (round(x, 1), round(y, 1))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) < 4:
        return ""
    def number(v):
        text = f"{v:.1f}".rstrip("0").rstrip(".")
        return text if text != "-0" else "0"
    return "M" + "L".join(f"{number(x)} {number(y)}" for x, y in rounded[:-1]) + "Z"


def main(source, target):
    reader = shapefile.Reader(source)
    fields = [f[0] for f in reader.fields[1:]]
    lines = [
        "# The world's country outlines for Liaison's map of members, made by scripts/world-outline.py.",
        "# Source: Natural Earth 1:110m countries (naturalearth_lowres), as shipped in the geopandas 0.14.4",
        "# wheel on PyPI. Natural Earth is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/).",
        f"# Projection: equirectangular, x = longitude + 180, y = {TOP:g} - latitude; viewBox 0 0 360 {TOP - BOTTOM:g}.",
        "# One country a line: its ISO 3166-1 alpha-3 code, a space, and its SVG path.",
    ]
    for record, shape in zip(reader.records(), reader.shapes()):
        data = dict(zip(fields, record))
        if data.get("continent") == "Antarctica":
            continue
        parts = list(shape.parts) + [len(shape.points)]
        paths = [ring_path(shape.points[a:b]) for a, b in zip(parts, parts[1:])]
        path = "".join(p for p in paths if p)
        if path:
            lines.append(f"{data.get('iso_a3', '-')} {path}")
    with open(target, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
