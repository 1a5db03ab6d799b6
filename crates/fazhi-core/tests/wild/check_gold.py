#!/usr/bin/env python3
"""Checks every gold JSON under dev/ and held/ (run from this folder):
exactly the gold keys of shared/corpus, the text file it names exists and
decodes (UTF-8, or GB18030 for *.gb18030.txt), every quantity's `text` occurs
in the report and spells its value, every heading and item occurs in it,
part codes, qualifiers and kinds are known values, one section per part."""
import json, pathlib, re, sys, unicodedata

KEYS = ["file", "title", "agency", "agency_kind", "year", "published", "sections", "quantities", "notes"]
QKEYS = ["text", "value", "unit", "qualifier", "what", "kind"]
PARTS = {"measures", "shortcomings", "leader_duty", "next_year", "other"}
QUALS = {"exact", "at_least", "more_than", "approx", "up_to"}
KINDS = {"count", "rate", "change"}
AGENCY_KINDS = {"department", "street", "town", "district_government"}
CN = dict(zip("零一二两三四五六七八九", [0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9]))

def cn_value(s):
    total, cur = 0, 0
    for ch in s:
        if ch in CN:
            cur = CN[ch]
        elif ch in "十百千":
            total += (cur or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            cur = 0
        elif ch == "万":
            total = (total + cur) * 10000
            cur = 0
    return total + cur

def spelled(q):
    """Does the quantity's text contain a spelling of its value?"""
    t, v = q["text"], q["value"]
    if q["unit"] == "%" and v == 100 and "百分之百" in t:
        return True
    for m in re.finditer(r"\d+(?:\.\d+)?", t):
        x = float(m.group())
        if t[m.end():m.end() + 1] == "万" and q["unit"] not in ("万元", "亿元"):
            x *= 10000
        if abs(x - v) < 1e-6:
            return True
    for m in re.finditer(r"[零一二两三四五六七八九十百千万]+", t):
        if cn_value(m.group()) == v:
            return True
    return False

def text_of(path):
    b = path.read_bytes()
    return b.decode("gb18030") if path.name.endswith(".gb18030.txt") else b.decode("utf-8")

def check(path):
    errs = []
    g = json.loads(path.read_text(encoding="utf-8"))
    if list(g) != KEYS:
        errs.append(f"keys {list(g)}")
    txt_path = path.parent / g["file"]
    try:
        t = text_of(txt_path)
    except (OSError, UnicodeDecodeError) as e:
        return [f"text file: {e}"]
    if g["agency_kind"] not in AGENCY_KINDS:
        errs.append(f"agency_kind {g['agency_kind']}")
    if g["agency"] is not None and g["agency"] not in t:
        errs.append(f"agency not in text: {g['agency']}")
    if g["title"] is not None and g["title"] not in t.replace("\n", ""):
        errs.append(f"title not in text: {g['title']}")
    nfkc = unicodedata.normalize("NFKC", t)  # full-width digits and ％ count as their ASCII forms
    if not isinstance(g["year"], int) or str(g["year"]) not in nfkc:
        errs.append(f"year {g['year']}")
    if g["published"] is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", g["published"]):
        errs.append(f"published {g['published']}")
    seen = set()
    flat = t.replace("\n", "")
    for s in g["sections"]:
        if set(s) != {"part", "heading", "items"} or s["part"] not in PARTS or s["part"] in seen:
            errs.append(f"section {s.get('part')}")
        seen.add(s["part"])
        if s["heading"] and s["heading"] not in flat:
            errs.append(f"heading not in text: {s['heading']}")
        for it in s["items"]:
            if it not in t and it not in flat:  # flat: a PDF wrap may cut an item
                errs.append(f"item not in text: {it}")
    for q in g["quantities"]:
        if list(q) != QKEYS:
            errs.append(f"quantity keys {list(q)}")
            continue
        if q["text"] not in t:
            errs.append(f"quantity text not in report: {q['text']}")
        if q["qualifier"] not in QUALS or q["kind"] not in KINDS or not q["unit"]:
            errs.append(f"quantity fields {q}")
        q = dict(q, text=unicodedata.normalize("NFKC", q["text"]))
        if not spelled(q):
            errs.append(f"value not spelled in text: {q}")
        if q["unit"] not in ("万元", "亿元", "%") and q["unit"] not in q["text"] or q["unit"] == "%" and not re.search("%|百分之", q["text"]):
            errs.append(f"unit not in text: {q}")
    if not isinstance(g["notes"], list) or not any("Imitates" in n for n in g["notes"]):
        errs.append("notes must say which style it imitates")
    return errs

def main():
    here = pathlib.Path(__file__).resolve().parent
    files = sorted(here.glob("dev/*.json")) + sorted(here.glob("held/*.json"))
    bad = 0
    for f in files:
        for e in check(f):
            bad += 1
            print(f"{f.relative_to(here)}: {e}")
    print(f"{len(files)} gold files, {bad} problems")
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
