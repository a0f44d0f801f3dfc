#!/usr/bin/env python3
"""Regenerates the seed corpora in fuzz/seeds/ from tests/fixtures and tests/data.

Run from the repository root: python3 fuzz/seeds/make_seeds.py
"""
import hashlib, hmac, json, os, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "fixtures")
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(ROOT, "fuzz", "seeds")

fixtures = sorted(f for f in os.listdir(FIX) if f.endswith(".json"))
raw = {f: open(os.path.join(FIX, f), "rb").read() for f in fixtures}


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as fh:
        fh.write(data)


for target in ["from_slice", "verifier", "stream", "structured"]:
    shutil.rmtree(os.path.join(OUT, target), ignore_errors=True)

# from_slice: the fixtures, byte for byte, plus compact and type-last forms.
for f, b in raw.items():
    put("from_slice", f, b)
    obj = json.loads(b)
    put("from_slice", "compact-" + f, json.dumps(obj, separators=(",", ":")).encode())
    data_first = {"data": obj.pop("data")}
    data_first.update(obj)
    put("from_slice", "data-first-" + f, json.dumps(data_first).encode())
put("from_slice", "unknown.json", open(os.path.join(DATA, "unknown.json"), "rb").read())

# verifier: [len(sig)] + sig + body, with the right signature under
# "fuzz-secret", an upper-case one, a wrong one, and malformed ones.
SECRET = b"fuzz-secret"
for i, (f, b) in enumerate(raw.items()):
    sig = hmac.new(SECRET, b, hashlib.sha256).hexdigest().encode()
    put("verifier", "good-" + f, bytes([len(sig)]) + sig + b)
    if i == 0:
        up = b" " + sig.upper() + b"\n"
        put("verifier", "upper-" + f, bytes([len(up)]) + up + b)
        bad = bytes(reversed(sig))
        put("verifier", "mismatch-" + f, bytes([len(bad)]) + bad + b)
        put("verifier", "short-" + f, bytes([10]) + sig[:10] + b)
        put("verifier", "nothex-" + f, bytes([64]) + b"g" * 64 + b)
        put("verifier", "empty-sig-" + f, bytes([0]) + b)

# stream: the test data files, every fixture as one NDJSON file (with a blank
# line, a CRLF and a bad line), as an array, and a single pretty event.
for name in os.listdir(DATA):
    put("stream", name, open(os.path.join(DATA, name), "rb").read())
lines = [json.dumps(json.loads(b), separators=(",", ":")).encode() for b in raw.values()]
put("stream", "all.ndjson", b"\n".join(lines[:5]) + b"\n\n" + b"\r\n".join(lines[5:]) + b"\n{\"type\":1}\n")
put("stream", "all-array.json", b"[\n" + b",\n".join(raw.values()) + b"\n]\n")
put("stream", "single.json", raw[fixtures[0]])
put("stream", "empty.ndjson", b"\n \r\n")

# structured: inputs are decoded with `arbitrary`; a few byte strings that
# pick each fixture and different mutations are enough to start from.
for i in range(10):
    for m in range(11):
        put("structured", f"f{i}-m{m}", bytes([i, 3 * m + i, 0, m, 1, 2, 3, 4, 5, 6, 7, 8]))
