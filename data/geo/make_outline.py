"""Rebuild sahel_outline.geojson from the Natural Earth copy bundled in geopandas 0.14.4.

Not run by the course; kept so the outline can be checked and rebuilt. Needs network
access to PyPI once (pip download) and the pure-Python package pyshp:

    pip download --no-deps -d /tmp/ne geopandas==0.14.4 pyshp
    cd /tmp/ne && unzip -q geopandas-0.14.4-py3-none-any.whl -d gp && unzip -q pyshp-*.whl -d shp
    PYTHONPATH=/tmp/ne/shp python make_outline.py /tmp/ne/gp/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

Keeps the African countries whose bounding box meets the map region (lon -18..24,
lat 4.5..28), minus DR Congo and South Sudan; keeps only the name and iso_a3
properties; rounds coordinates to 4 decimals (about 11 m, far below the 1:110m
data's own precision). No coordinate is edited by hand.
"""
import json
import sys
from pathlib import Path

import shapefile  # pyshp

DROP = {"COD", "SSD"}


def _round(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(obj[0], 4), round(obj[1], 4)]
        return [_round(x) for x in obj]
    return obj


def main(shp_path: str) -> None:
    reader = shapefile.Reader(shp_path)
    features = []
    for sr in reader.shapeRecords():
        rec = sr.record.as_dict()
        x0, y0, x1, y1 = sr.shape.bbox
        if rec["continent"] != "Africa" or rec["iso_a3"] in DROP:
            continue
        if not (x1 > -18 and x0 < 24 and y1 > 4.5 and y0 < 28):
            continue
        geom = sr.shape.__geo_interface__
        features.append({
            "type": "Feature",
            "properties": {"name": rec["name"], "iso_a3": rec["iso_a3"]},
            "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"])},
        })
    out = {"type": "FeatureCollection", "name": "sahel_outline", "features": features}
    target = Path(__file__).with_name("sahel_outline.geojson")
    target.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(features)} countries to {target}")


if __name__ == "__main__":
    main(sys.argv[1])
