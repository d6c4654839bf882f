"""Build static/vendor/europe/countries.json: Europe's country outlines as SVG paths, simplified once.

Source: the npm package world-atlas@2.0.2 (Natural Earth 1:50m, TopoJSON, ISC licence):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_europe_shapes.py package/countries-50m.json

The script decodes the TopoJSON arcs, keeps the countries the Academy draws from plus their
neighbours (drawn grey, for context), clips to a box around Europe, projects with longitude scaled
by cos(52°) (a plain equirectangular view that keeps Europe's shapes recognisable), simplifies each
ring with Douglas-Peucker at under a pixel, and writes one SVG path per country code.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "static" / "vendor" / "europe" / "countries.json"
# ISO 3166-1 numeric (world-atlas ids) → the alpha-2 codes app/data/countries.json uses.
NUMERIC = {
    "040": "AT",
    "056": "BE",
    "100": "BG",
    "191": "HR",
    "196": "CY",
    "203": "CZ",
    "208": "DK",
    "233": "EE",
    "246": "FI",
    "250": "FR",
    "276": "DE",
    "300": "GR",
    "348": "HU",
    "372": "IE",
    "380": "IT",
    "428": "LV",
    "440": "LT",
    "442": "LU",
    "470": "MT",
    "528": "NL",
    "616": "PL",
    "620": "PT",
    "642": "RO",
    "703": "SK",
    "705": "SI",
    "724": "ES",
    "752": "SE",
    "008": "AL",
    "051": "AM",
    "070": "BA",
    "352": "IS",
    "498": "MD",
    "499": "ME",
    "807": "MK",
    "688": "RS",
    "792": "TR",
    "804": "UA",
    # neighbours, drawn for context only
    "826": "GB",
    "578": "NO",
    "756": "CH",
    "112": "BY",
    "643": "RU",
    "268": "GE",
    "031": "AZ",
    "504": "MA",
    "012": "DZ",
    "788": "TN",
    "434": "LY",
    "760": "SY",
    "368": "IQ",
    "364": "IR",
    "398": "KZ",
    "438": "LI",
    "020": "AD",
    "492": "MC",
    "674": "SM",
    "818": "EG",
    "400": "JO",
    "422": "LB",
    "376": "IL",
    "682": "SA",
    "795": "TM",
}
BY_NAME = {"Kosovo": "XK", "N. Cyprus": "CY"}
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = -25.0, 45.0, 34.0, 71.5
WIDTH = 800.0
K = math.cos(math.radians(52))
SCALE = WIDTH / ((LON_MAX - LON_MIN) * K)
TOLERANCE = 0.9  # pixels


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON stores quantised deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indexes: list[int], arcs) -> list[tuple[float, float]]:
    """Join a ring's arcs (a negative index means the arc reversed, ~i)."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def project(lon: float, lat: float) -> tuple[float, float]:
    """Project to pixels of the Europe window; points far outside are clamped to a wider margin,
    which the SVG's viewBox then crops (so no clamped edge ever shows)."""
    lon, lat = min(max(lon, LON_MIN - 15), LON_MAX + 15), min(max(lat, LAT_MIN - 8), LAT_MAX + 8)
    return (lon - LON_MIN) * K * SCALE, (LAT_MAX - lat) * SCALE


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1e-9
    far, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], 1):
        distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
        if distance > far:
            far, index = distance, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def simplify_ring(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker for a closed ring: split at the point farthest from the start first."""
    x0, y0 = points[0]
    split = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0))
    if split == 0:
        return points[:1]
    return simplify(points[: split + 1], tolerance)[:-1] + simplify(points[split:], tolerance)


def area(points) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2
    )


def path_for(geometry: dict, arcs) -> str:
    """One SVG path for a Polygon or MultiPolygon, rings inside the box only."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            lonlat = ring_points(ring, arcs)
            if not any(
                LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX for lon, lat in lonlat
            ):
                continue
            # Russia's ring runs past 180°E and comes back at -180°: drop the far side of the date line.
            lonlat = [(lon, lat) for lon, lat in lonlat if lon > -90]
            if len(lonlat) < 3:
                continue
            pixels = simplify_ring([project(lon, lat) for lon, lat in lonlat], TOLERANCE)
            if len(pixels) < 3 or area(pixels) < 1.5:
                continue
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pixels) + "Z")
    return "".join(parts)


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    shapes: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = NUMERIC.get(str(geometry.get("id"))) or BY_NAME.get(geometry["properties"]["name"])
        if code and geometry.get("arcs"):
            d = path_for(geometry, arcs)
            if d:
                shapes[code] = shapes.get(code, "") + d
    height = (LAT_MAX - LAT_MIN) * SCALE
    OUT.write_text(
        json.dumps(
            {
                "source": "world-atlas 2.0.2 countries-50m.json (Natural Earth), ISC licence; scripts/build_europe_shapes.py",
                "width": round(WIDTH),
                "height": round(height),
                "shapes": shapes,
            },
            separators=(",", ":"),
            sort_keys=True,
        )
    )
    print(f"{len(shapes)} countries, {OUT.stat().st_size // 1024} KiB → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package/countries-50m.json")
