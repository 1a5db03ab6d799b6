#!/usr/bin/env python3
"""Builds the wild fixtures (dev/ and held/) and their gold annotations.

Each fixture is specified by hand in specs.py (unit, province style, chrome,
title form, heading and numbering styles, which parts, size); the body is
composed from the hand-written banks in banks.py. Because the gold is written
from the same specification as the text, every quantity's `text`, every
heading and every item in the gold is by construction a substring of the
report; check_gold.py re-verifies that from the files alone.

Run from this folder: python3 make_wild.py   (deterministic: fixed seeds)
Lives in held/ so the parser engineer, who reads dev/ only, never sees the
held specifications or the held-only phrasings.
"""
import json, pathlib, random, re
from banks import PAD, LEADER_NARR, NEXT_EXTRA, SHORT_MORE, NARR, FACTS, FILLER, TRAPS, TITLES, SHORT_ITEMS, SHORT_CAUSES, NEXT_ITEMS, LEADER_FACTS, OTHER_FACT, PREAMBLES
from specs import SPECS

HERE = pathlib.Path(__file__).resolve().parent
WILD = HERE.parent
CN = "零一二三四五六七八九"
SHI = "一二三四五六七八九十"
PAREN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]

ITEM_NOTE = ("Item convention (as in shared/corpus): items are the first level below a part only; "
             "（一）/(一)/1. items keep the marker and run to the end of the line or through the title's first 。; "
             "一是/二是 items are the 12 characters after the marker (cut at the line end or before the next 一是-marker).")

def cn_int(n):
    """Chinese numeral for 0 < n < 10000 (十二, 一百零五, 两千)."""
    if n == 2:
        return "两"  # 两次, 两件: 二 is not used alone before a measure word
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n - 10] if n > 10 else "")
    out, zero = "", False
    for val, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // val % 10
        if d:
            if zero:
                out += "零"
            digit = "两" if d == 2 and val in (1000, 100) and not out else CN[d]
            out += digit + name
            zero = False
        elif out:
            zero = True
    return out

def nice(n):
    step = 10 if n < 200 else 100 if n < 5000 else 1000 if n < 100000 else 10000
    return max(step, round(n / step) * step)

def wan_str(v):
    s = f"{v / 10000:.1f}".rstrip("0").rstrip(".")
    return s

def render(slot, rng, cap=None):
    """(literal, value, unit, qualifier, kind) for one quantity slot; `cap`
    bounds a part by its whole (调解成功 never above 调解)."""
    what, unit, lo, hi, forms = slot[:5]
    if cap is not None:
        hi = max(1, min(hi, int(cap)))
        lo = min(lo, hi)
    form = rng.choice(forms.split())
    n = rng.randint(lo, hi)
    kind = "count"
    if unit in ("%", "个百分点"):
        kind = "rate" if form in ("pct", "pct100", "pctcn") else "change"
        if form == "pct100":
            return "百分之百", 100, "%", "exact", "rate"
        if form == "pctcn":
            return "百分之" + cn_int(n), n, "%", "exact", "rate"
        if lo == hi:
            return f"{lo}%", lo, "%", "exact", kind
        v = round(rng.uniform(lo, hi), rng.choice([0, 1, 1, 2]))
        if v == int(v):
            v = int(v)
        v = min(v, hi) if hi <= 100 else v
        return f"{v}{unit}", v, unit, "exact", kind
    if unit == "万元":
        if form == "ex":
            v = round(rng.uniform(lo, hi), 1)
            v = int(v) if v == int(v) else v
            return f"{v}万元", v, "万元", "exact", kind
        v = nice(n) if n >= 20 else n
        if form == "yue":
            return f"约{v}万元", v, "万元", "approx", kind
        if form == "jin":
            return f"近{v}万元", v, "万元", "approx", kind
        if form == "more":  # template says 逾/超过 itself
            return f"{v}万元", v, "万元", "more_than", kind
        return f"{v}万余元", v, "万元", "at_least", kind
    if form in ("yu", "duo", "yishang", "chao", "chaoguo", "yu2", "jin", "yue", "zuoyou", "cnyu") and n < 10:
        form = "ex"
    if form in ("wan", "wanyu") and n < 10000:
        form = "ex"
    if form == "ex":
        return f"{n}{unit}", n, unit, "exact", kind
    if form == "cn":
        return f"{cn_int(n)}{unit}", n, unit, "exact", kind
    if form == "wan":
        v = round(n / 1000) * 1000
        return f"{wan_str(v)}万{unit}", v, unit, "exact", kind
    if form == "wanyu":
        v = n // 10000 * 10000
        return f"{v // 10000}万余{unit}", v, unit, "at_least", kind
    v = nice(n)
    if form == "cnyu":
        return f"{cn_int(v)}余{unit}", v, unit, "at_least", kind
    big = v >= 10000 and v % 10000 == 0
    num = f"{v // 10000}万" if big else str(v)
    if form in ("chao", "chaoguo", "yu2"):
        word = {"chao": "超", "chaoguo": "超过", "yu2": "逾"}[form]
        return f"{word}{num}{unit}", v, unit, "more_than", kind
    if form == "jin":
        return f"近{num}{unit}", v, unit, "approx", kind
    if form == "yue":
        return f"约{num}{unit}", v, unit, "approx", kind
    if form == "zuoyou":
        return f"{num}{unit}左右", v, unit, "approx", kind
    if form == "yishang":
        return f"{num}{unit}以上", v, unit, "at_least", kind
    if form == "duo":
        return f"{num}多{unit}", v, unit, "at_least", kind
    return f"{num}余{unit}", v, unit, "at_least", kind

BOUND = set("，。；：、,;:（）()“”《》\n　 ")

class Doc:
    """Accumulates lines and the gold quantities found in them."""
    def __init__(self, spec, rng):
        self.spec, self.rng = spec, rng
        self.lines, self.qs = [], []
        self.used, self.titles = set(), set()

    def sub(self, text):
        s = self.spec
        for k, v in (("<Y1>", str(s["year"] + 1)), ("<Y>", str(s["year"])), ("<FULL>", s["self_name"]),
                     ("<SHORT>", s["short"]), ("<U>", s["self"]), ("<SUP>", s["sup"]), ("<PL>", s["pl"]),
                     ("<N0>", s["docno"]), ("<M>", str(self.rng.randint(3, 11)))):
            text = text.replace(k, v)
        return text

    def fact(self, f):
        """Render one fact: returns its text; records its quantities."""
        text = self.sub(f["text"])
        pending, values = [], {}
        for key in ("a", "b", "c"):
            tag = f"<{key}>"
            if tag not in text:
                continue
            slot = f["slots"][key]
            cap = values.get(slot[5]) if len(slot) > 5 else None
            lit, v, unit, q, kind = render(slot, self.rng, cap)
            values[key] = v
            i = text.index(tag)
            text = text[:i] + lit + text[i + len(tag):]
            pending.append((i, lit, v, unit, q, kind, f["slots"][key][0]))
        taken = set()
        for i, lit, *_ in pending:
            taken.update(range(i, i + len(lit)))
        for i, lit, v, unit, q, kind, what in pending:
            # context: back to a clause boundary, a digit or another quantity
            j = i
            while j > 0 and text[j - 1] not in BOUND and not text[j - 1].isdigit() and j - 1 not in taken and i - j < 14:
                j -= 1
            qt = text[j:i + len(lit)]
            self.qs.append(dict(text=qt, value=v, unit=unit, qualifier=q, what=what, kind=kind))
        return text

def pick_facts(doc, themes, n):
    held = doc.spec["split"] == "held"
    pool = []
    for t in themes:
        pool += [f for f in FACTS[t] if (held or not f["held"]) and id(f) not in doc.used]
    doc.rng.shuffle(pool)
    out = pool[:n]
    doc.used.update(id(f) for f in out)
    return out

def shi_gold(body_after_marker):
    w = body_after_marker[:12].split("\n")[0]
    m = re.search(r"[；;。，,]\s*[一二三四五六七八九十]是", body_after_marker[:16])
    return w[:m.start()] if m else w

def arabic(k, style):
    return {"dot": f"{k}.", "dun": f"{k}、", "fw": f"{k}．"}[style]

def paren(k, half):
    return f"({PAREN[k - 1]})" if half else f"（{PAREN[k - 1]}）"

def build_items(doc, entries, style):
    """entries: list of (title, body). Returns (paragraph lines, gold items)."""
    lines, gold = [], []
    ind = doc.spec["indent"]
    if style == "none":
        lines.append(ind + "".join(t + b for t, b in entries))
        return lines, gold
    if style.startswith("shi"):
        # a 一是 title is a sentence of its own: end it with 。 before the body
        entries = [(t if t.endswith("。") else t + "。", b) for t, b in entries]
    if style == "shi_inline":
        parts, golds = [], []
        for k, (t, b) in enumerate(entries, 1):
            seg = t + b
            seg = seg.rstrip("。")
            parts.append(f"{SHI[k - 1]}是{seg}")
        para = "；".join(parts) + "。"
        lines.append(ind + para)
        for k in range(len(entries)):
            mk = f"{SHI[k]}是"
            i = para.index(mk) + 2
            gold.append(shi_gold(para[i:]))
        return lines, gold
    for k, (t, b) in enumerate(entries, 1):
        if style == "shi_para":
            line = f"{SHI[k - 1]}是{t}{b}"
            lines.append(ind + line)
            gold.append(shi_gold(line[2:]))
        elif style in ("paren_line", "half_line"):
            mk = paren(k, style == "half_line")
            head = mk + t.rstrip("。")
            lines.append(ind + head)
            if b:
                lines.append(ind + b)
            gold.append(head)
        elif style in ("paren_runin", "half_runin"):
            mk = paren(k, style == "half_runin")
            tt = t if t.endswith("。") else t + "。"
            lines.append(ind + mk + tt + b)
            gold.append(mk + tt)
        elif style == "num_paren_runin":
            mk = f"（{k}）"
            tt = t if t.endswith("。") else t + "。"
            lines.append(ind + mk + tt + b)
            gold.append(mk + tt)
        elif style.startswith("arabic_runin"):
            mk = arabic(k, style.split("_")[-1] if style.count("_") == 2 else "dot")
            tt = t if t.endswith("。") else t + "。"
            lines.append(ind + mk + tt + b)
            gold.append(mk + tt)
        elif style.startswith("arabic_line"):
            mk = arabic(k, style.split("_")[-1] if style.count("_") == 2 else "dot")
            head = mk + t.rstrip("。")
            lines.append(ind + head)
            if b:
                lines.append(ind + b)
            gold.append(head)
        elif style == "cn_topical":
            head = f"{PAREN[k - 1]}、{t.rstrip('。')}"
            lines.append(ind + head)
            if b:
                lines.append(ind + b)
            gold.append(head)
        else:
            raise ValueError(style)
    return lines, gold

def measures_entries(doc, n_items, facts_per_item):
    s = doc.spec
    themes = list(s["themes"])
    doc.rng.shuffle(themes)
    themes = themes[:n_items]
    entries = []
    held = s["split"] == "held"
    deep = s.get("deep")
    for th in themes:
        options = [t for t in TITLES[th] if t not in doc.titles] or TITLES[th]
        title = doc.rng.choice(options)
        doc.titles.add(title)
        facts = pick_facts(doc, [th], facts_per_item)
        bits = [doc.fact(f) for f in facts]
        narr = [x for x in NARR[th] if x not in doc.titles]
        doc.rng.shuffle(narr)
        for x in narr[:s.get("npi", 4)]:
            doc.titles.add(x)
            bits.insert(doc.rng.randint(0, len(bits)), x)
        pads = [x for x in PAD if x not in doc.titles]
        doc.rng.shuffle(pads)
        for x in pads[:s.get("pad", 0)]:
            doc.titles.add(x)
            bits.insert(doc.rng.randint(0, len(bits)), x)
        if doc.rng.random() < 0.5:
            bits.append(doc.sub(doc.rng.choice(FILLER)))
        traps = [t for t in TRAPS if t not in doc.titles]
        if traps and doc.rng.random() < s.get("trap_rate", 0.4):
            t = doc.rng.choice(traps)
            doc.titles.add(t)
            bits.insert(0, doc.sub(t))
        if deep in ("shi", "num") and len(bits) >= 2:
            # at most four deeper enumerations per item: group the sentences
            size = -(-len(bits) // 4)
            groups = ["".join(bits[i:i + size]) for i in range(0, len(bits), size)]
            mark = (lambda k: f"{SHI[k]}是") if deep == "shi" else (lambda k: f"（{k + 1}）")
            bits = [mark(k) + g for k, g in enumerate(groups)]
        entries.append((title, "".join(bits)))
    return entries

def heading(doc, k, text, style):
    ind = doc.spec.get("head_indent", "")
    if style == "none":
        return ind + text, text
    if style == "dibufen":
        h = f"第{PAREN[k - 1]}部分 {text}"
        return ind + h, h
    h = f"{PAREN[k - 1]}、{text}"
    return ind + h, h

def build(spec):
    rng = random.Random(spec["name"])
    doc = Doc(spec, rng)
    s = spec
    ind = s["indent"]
    L = doc.lines
    # --- chrome above the title
    for line in s.get("top", []):
        L.append(doc.sub(line))
    title_lines = [doc.sub(t) for t in s.get("title_lines", [])]
    L.extend(title_lines)
    for line in s.get("after_title", []):
        L.append(doc.sub(line))
    if s.get("recipient"):
        L.append(s["recipient"])
    pre = s.get("preamble")
    pre_text = doc.sub(PREAMBLES[pre] if isinstance(pre, int) else pre) if pre is not None else None
    if pre_text:
        L.append((s.get("glue", "") or ind) + pre_text)
    # --- parts
    sections = []
    hs = s.get("head_style", "cn")
    for k, (part, htext, istyle, n) in enumerate(s["parts"], 1):
        htext = doc.sub(htext)
        if part == "measures_topical":
            entries = measures_entries(doc, n, s.get("fpi", 2))
            lines, gold = build_items(doc, entries, "cn_topical")
            L.extend(lines)
            sections.append(dict(part="measures", heading="", items=gold))
            continue
        if htext:
            hl, hgold = heading(doc, k - s.get("k_offset", 0), htext, hs if part != "measures_b" else hs)
            if s.get("break_heading") == part:
                cut = len(hl) - 6
                L.append(hl[:cut]); L.append(hl[cut:])
            else:
                L.append(hl)
        else:
            hgold = ""
        if part in ("measures", "measures_b"):
            entries = measures_entries(doc, n, s.get("fpi", 2))
            if s.get("leader_item") and part == "measures":
                lf = [doc.fact(f) for f in rng.sample(LEADER_FACTS, 2)]
                entries.insert(1, ("切实履行推进法治建设第一责任人职责", "".join(lf)))
            lines, gold = build_items(doc, entries, istyle)
            L.extend(lines)
            if part == "measures_b":
                sections[-1]["items"] += gold
            else:
                sections.append(dict(part="measures", heading=hgold, items=gold))
        elif part == "shortcomings":
            its = rng.sample(SHORT_ITEMS, n)
            entries = []
            more = rng.sample(SHORT_MORE, len(SHORT_MORE))
            for k, t in enumerate(its):
                a, b = t.split("。", 1)
                entries.append((a + "。", b + (more[k % len(more)] if rng.random() < 0.6 else "")))
            if istyle == "none":
                body = "".join(t + b for t, b in entries) + rng.choice(SHORT_CAUSES)
                L.append(ind + body)
                gold = []
            else:
                lines, gold = build_items(doc, entries, istyle)
                L.extend(lines)
            sections.append(dict(part="shortcomings", heading=hgold, items=gold))
        elif part == "leader_duty":
            facts = rng.sample(LEADER_FACTS, min(n, len(LEADER_FACTS)))
            bits = [doc.fact(f) for f in facts]
            narr = rng.sample(LEADER_NARR, 2)
            if istyle == "none":
                L.append(ind + "".join([narr[0]] + bits + [narr[1]]))
                gold = []
            else:
                titles = ["加强组织领导。", "带头学法用法。", "推动依法决策。", "强化督促落实。", "带头依法应诉。"]
                entries = [(titles[k], b) for k, b in enumerate(bits)]
                lines, gold = build_items(doc, entries, istyle)
                L.extend(lines)
            sections.append(dict(part="leader_duty", heading=hgold, items=gold))
        elif part == "next_year":
            its = rng.sample(NEXT_ITEMS, n)
            extra = rng.sample(NEXT_EXTRA, len(NEXT_EXTRA))
            entries = []
            for k, t in enumerate(its):
                a, b = t.split("。", 1)
                entries.append((a + "。", b + (extra[k % len(extra)] if rng.random() < 0.7 else "")))
            lines, gold = build_items(doc, entries, istyle)
            L.extend(lines)
            sections.append(dict(part="next_year", heading=hgold, items=gold))
        elif part == "other":
            txt = s.get("other_text", "无。")
            if txt == "FACT":
                txt = doc.fact(OTHER_FACT)
            L.append(ind + doc.sub(txt))
            sections.append(dict(part="other", heading=hgold, items=[]))
    # --- signature and footer
    for line in s.get("sign", []):
        L.append(doc.sub(line))
    for line in s.get("bottom", []):
        L.append(doc.sub(line))
    sep = "\n\n" if s.get("blank") else "\n"
    text = sep.join(L) + "\n"
    return text, sections, doc.qs

STYLE_NAMES = {
    "paren_line": "（一） sub-heading lines", "half_line": "(一) sub-heading lines", "paren_runin": "（一）title。body run-in",
    "half_runin": "(一)title。body run-in", "arabic_runin": "1.title。body run-in", "arabic_runin_dun": "1、title。body run-in",
    "arabic_line": "1. sub-heading lines", "arabic_line_dun": "1、 sub-heading lines", "shi_para": "一是… paragraphs",
    "shi_inline": "一是…；二是… in one paragraph", "num_paren_runin": "（1）title。body run-in", "cn_topical": "topical 一、… headings",
    "none": "no items",
}

def feature_notes(spec, text, sections, qs):
    """Describe, from the spec and the text, what this fixture exercises."""
    styles = []
    for part, _h, st, _n in spec["parts"]:
        if part in ("other",):
            continue
        styles.append(f"{part.replace('_topical', '').replace('_b', ' (second half)')}: {STYLE_NAMES.get(st, st)}")
    notes = ["Parts in order: " + ", ".join(s["part"] for s in sections) + ". Item styles: " + "; ".join(styles) + "."]
    quals = sorted({q["qualifier"] for q in qs})
    kinds = sorted({q["kind"] for q in qs})
    forms = []
    for pat, name in ((r"\d万", "万 multiplier"), (r"[一二两三四五六七八九十]+[次件项名期部个场]", "Chinese numerals"),
                      ("百分之", "百分之…"), ("个百分点", "个百分点 changes"), ("余", "余"), ("多", "多"), ("超", "超/超过"),
                      ("逾", "逾"), ("近", "近"), ("约", "约"), ("左右", "左右"), ("以上", "以上")):
        if any(re.search(pat, q["text"]) for q in qs):
            forms.append(name)
    notes.append(f"{len(qs)} quantities; qualifiers {', '.join(quals)}; kinds {', '.join(kinds)}; forms: {', '.join(forms) or 'plain'}.")
    nq = []
    for pat, name in ((r"〔\d{4}〕\d+号", "document numbers 〔YYYY〕N号"), (r"\d{3,4}-\d{7,8}", "a phone number"),
                      ("ICP备", "ICP/备案 numbers"), ("网站标识码", "网站标识码"), ("浏览次数", "the 浏览次数 page counter"),
                      ("今天是", "the 今天是 date widget"), ("十九届五中全会", "十九届五中全会 / 二十届二中全会"),
                      ("第二次会议", "第二次会议 (ordinal)"), ("三轮巡察", "三轮巡察 / 第三轮巡察"), ("三个科室", "三个科室 (structure)"),
                      ("以2个部门为主线", "以2个部门为主线 (descriptive structure; note shared seed 004 kept a similar 2个部门)"),
                      ("2021—2025年", "the plan period 2021—2025年"), ("1+3+N", "“1+3+N” (name)"), ("第八年", "自2016年起…第八年 (year, ordinal)"),
                      ("十四届区委第五次全会", "十四届区委第五次全会"), ("12345", "the 12345 hotline"), ("八五", "“八五” (name)"),
                      ("三十铺", "the place name 三十铺"), ("九乡", "the place name 九乡"), ("一件事一次办", "“一件事一次办” (name)"),
                      ("最多跑一次", "“最多跑一次” (name)"), ("综合查一次", "“综合查一次” (name)"), ("一起考核", "一起检查、一起考核 (一起 = together, not 1 起)"),
                      ("721", "the “721”工作法 (name)"), ("连续第三年", "连续第三年 (ordinal)"), ("3·15", "“3·15”“4·15”“12·4” (dates)"),
                      ("近三年", "近三年 (a period, not 近 = approx)")):
        if re.search(pat, text):
            nq.append(name)
    if nq:
        notes.append("Not quantities here: " + "; ".join(nq) + "; also years, dates and the next year's plans (which carry no figures).")
    return notes

def main():
    for spec in SPECS:
        text, sections, qs = build(spec)
        if spec.get("halfwidth"):
            # half-width punctuation as in some converted pages (shared seed 004); 。 stays
            tr = str.maketrans("，：；（）", ",:;()")
            text = text.translate(tr)
            for sec in sections:
                sec["heading"] = sec["heading"].translate(tr)
                sec["items"] = [i.translate(tr) for i in sec["items"]]
            for q in qs:
                q["text"] = q["text"].translate(tr)
        out = WILD / spec["split"]
        enc = spec.get("enc", "utf-8")
        fname = spec["name"] + (".gb18030.txt" if enc == "gb18030" else ".txt")
        (out / fname).write_bytes(text.encode(enc))
        gold_notes = [ITEM_NOTE] + spec["notes"] + feature_notes(spec, text, sections, qs)
        gold = dict(file=fname, title=spec["title"], agency=spec["agency"], agency_kind=spec["kind"],
                    year=spec["year"], published=spec["published"], sections=sections, quantities=qs,
                    notes=gold_notes)
        (out / (spec["name"] + ".json")).write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n")
        print(spec["split"], fname, len(text), "chars", len(qs), "quantities")

if __name__ == "__main__":
    main()
