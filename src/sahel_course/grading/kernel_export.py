"""Export the student's answers as plain, typed JSON (runs *inside* the student's kernel).

The sandbox runner reads this file as text and executes it in the kernel after the
last cell, so it must stay standalone (standard library only; pandas and numpy are
recognised by their type's module and name, never imported). Whatever it writes is
untrusted: a student controls their kernel and may replace any of this. That is
fine, because all it can change is the student's *own* answer values; the grader
decodes them strictly (:mod:`sahel_course.grading.answers`) and compares them with
an answer key computed in another sandbox.

Encoding (one JSON object, answer name -> encoded value):

* ``null``, ``true``/``false``, integers, floats (``NaN`` and infinities as JSON
  extensions), strings: as themselves;
* a list: a JSON array; tuple, set, dict, date and tables are tagged objects:
  ``{"$tuple": [...]}``, ``{"$set": [...]}``, ``{"$dict": [[key, value], ...]}``,
  ``{"$date": "2013-07-01T00:00:00"}``,
  ``{"$dataframe": {"columns": [...], "index": [...], "data": [[...], ...]}}``,
  ``{"$series": {"name": ..., "index": [...], "data": [...]}}``,
  ``{"$numpy": "int64", "value": 3}`` for numpy scalars;
* anything else: ``{"$unsupported": "<type name>"}``; a missing name: ``{"$missing": true}``.
"""


def encode(value, depth=0):
    """Encode one value (see the module docstring)."""
    if depth > 20:
        return {"$unsupported": "nested too deeply"}
    tp = type(value)
    mod, name = getattr(tp, "__module__", ""), tp.__name__
    if value is None or tp in (bool, int, float, str):
        return value
    if tp is list:
        return [encode(v, depth + 1) for v in value]
    if tp is tuple:
        return {"$tuple": [encode(v, depth + 1) for v in value]}
    if tp in (set, frozenset):
        return {"$set": [encode(v, depth + 1) for v in value]}
    if tp is dict:
        return {"$dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if mod == "numpy":
        kind = getattr(getattr(value, "dtype", None), "kind", "")
        if kind in "iu" and kind:
            return {"$numpy": name, "value": int(value)}
        if kind == "f":
            return {"$numpy": name, "value": float(value)}
        if kind == "b":
            return {"$numpy": name, "value": bool(value)}
        if kind == "U":
            return {"$numpy": name, "value": str(value)}
        return {"$unsupported": "numpy." + name}
    if (mod.startswith("pandas") and name == "Timestamp") or (mod == "datetime" and name in ("date", "datetime")):
        return {"$date": value.isoformat()}
    if mod.startswith("pandas") and name == "DataFrame":
        return {"$dataframe": {
            "columns": [encode(c, depth + 1) for c in value.columns],
            "index": [encode(i, depth + 1) for i in value.index],
            "data": [[encode(v, depth + 1) for v in row] for row in value.itertuples(index=False, name=None)],
        }}
    if mod.startswith("pandas") and name == "Series":
        return {"$series": {
            "name": encode(value.name, depth + 1),
            "index": [encode(i, depth + 1) for i in value.index],
            "data": [encode(v, depth + 1) for v in value.tolist()],
        }}
    if mod.startswith("pandas") and name in ("NaTType", "NAType"):
        return None
    return {"$unsupported": (mod + "." if mod not in ("builtins", "") else "") + name}


def write_answers(namespace, names, path):
    """Write ``{name: encode(namespace[name])}`` for ``names`` to ``path`` as JSON."""
    import json

    missing = object()
    out = {}
    for n in names:
        value = namespace.get(n, missing)
        try:
            out[n] = {"$missing": True} if value is missing else encode(value)
        except Exception as exc:  # noqa: BLE001 - a broken value is reported, never fatal
            out[n] = {"$unsupported": "could not be read (" + type(exc).__name__ + ")"}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, allow_nan=True)
