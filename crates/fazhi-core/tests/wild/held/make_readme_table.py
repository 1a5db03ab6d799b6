#!/usr/bin/env python3
"""Writes the fixture tables (dev in ../README.md, held in TABLE.md) from the gold files."""
import json, pathlib, re
W = pathlib.Path(__file__).resolve().parent.parent
PROV = [("北京", "Beijing"), ("天津", "Tianjin"), ("上海", "Shanghai"), ("重庆", "Chongqing"), ("岚天", "Chongqing"), ("磁器口", "Chongqing"),
        ("成都", "Sichuan"), ("绵阳", "Sichuan"), ("眉山", "Sichuan"), ("东坡", "Sichuan"), ("杭州", "Zhejiang"), ("湖州", "Zhejiang"),
        ("月河", "Zhejiang"), ("宁波", "Zhejiang"), ("石梁", "Zhejiang"), ("温州", "Zhejiang"), ("南京", "Jiangsu"), ("宁海路", "Jiangsu"),
        ("苏州", "Jiangsu"), ("望亭", "Jiangsu"), ("江州", "Hubei/Jiangsu (fictional city)"), ("长沙", "Hunan"), ("开福", "Hunan"),
        ("永州", "Hunan"), ("零陵", "Hunan"), ("湖南", "Hunan"), ("深圳", "Guangdong"), ("观澜", "Guangdong"), ("广州", "Guangdong"),
        ("英德", "Guangdong"), ("连江口", "Guangdong"), ("石鼓", "Guangdong"), ("武汉", "Hubei"), ("荆门", "Hubei"), ("子陵铺", "Hubei"),
        ("恩施", "Hubei"), ("昆明", "Yunnan"), ("西山区", "Yunnan"), ("宜良", "Yunnan"), ("九乡", "Yunnan"), ("西安", "Shaanxi"),
        ("济南", "Shandong"), ("青岛", "Shandong"), ("江西", "Jiangxi"), ("婺川", "Jiangxi"), ("徐沟", "Shanxi"), ("安阳", "Henan"),
        ("文峰", "Henan"), ("郑州", "Henan"), ("福州", "Fujian"), ("厦门", "Fujian"), ("南宁", "Guangxi"), ("桂林", "Guangxi"),
        ("七星", "Guangxi"), ("广西", "Guangxi"), ("合肥", "Anhui"), ("六安", "Anhui"), ("三十铺", "Anhui"), ("燕平", "Hebei (fictional city)"),
        ("石家庄", "Hebei"), ("沈阳", "Liaoning"), ("皇姑", "Liaoning"), ("西宁", "Qinghai"), ("清泉", "Gansu (fictional county)"),
        ("临泽", "Gansu"), ("白沙乡", "Guizhou/Yunnan"), ("宁河", "Tianjin"), ("北辰", "Tianjin"), ("江宁", "Jiangsu"), ("崂山", "Shandong"),
        ("云州", "— (fictional city)"), ("泸州", "Sichuan"), ("九龙镇", "Sichuan"), ("曲靖", "Yunnan"), ("麒麟", "Yunnan"), ("常州", "Jiangsu"), ("武进", "Jiangsu"), ("双峰", "Hunan"), ("望月湖", "Hunan"), ("甘肃", "Gansu"), ("无锡", "Jiangsu"), ("临潭", "Gansu"), ("淄博", "Shandong"), ("云岭省", "— (fictional province)"), ("天河", "Guangdong"), ("湖里", "Fujian"), ("双流", "Sichuan"), ("武侯", "Sichuan"), ("贵阳", "Guizhou"), ("南明", "Guizhou"), ("仓前", "Zhejiang"), ("金牛", "Sichuan"), ("桥头", "Zhejiang"), ("秀洲", "Zhejiang"), ("平阳", "Zhejiang"), ("临江市", "— (fictional city)"), ("漯河", "Henan"), ("源汇", "Henan")]

def unit(g, text):
    a = g["agency"] or ""
    for k, v in (("街道", "street office"), ("乡人民政府", "township"), ("镇", "town"), ("县人民政府", "county government"),
                 ("省人民政府", "province government"), ("市人民政府", "city government"), ("区人民政府", "district government"), ("省", "province department"), ("自治区", "province department")):
        if k in a:
            return v
    if g["agency_kind"] == "street":
        return "street office"
    return {"department": "department", "district_government": "district government", "town": "town"}[g["agency_kind"]]

def table(split):
    rows = ["| fixture | unit kind | province style | features |", "|---|---|---|---|"]
    for f in sorted(W.glob(f"{split}/*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        t = (f.parent / g["file"]).read_bytes()
        t = t.decode("gb18030") if g["file"].endswith(".gb18030.txt") else t.decode("utf-8")
        where = next((v for k, v in PROV if k in (g["agency"] or "") + (g["title"] or "") + t[:400]), "—")
        imit = next(n for n in g["notes"] if n.startswith("Imitates"))
        imit = re.sub(r"^Imitates (an? )?", "", imit).split(". Written by hand")[0].rstrip(".")
        hand = " (hand-written)" if "Written by hand" in " ".join(g["notes"]) else ""
        parts = ", ".join(s["part"] for s in g["sections"])
        rows.append(f"| {f.parent.name}/{f.stem} | {unit(g, t)} | {where} | {imit}{hand}; parts: {parts}; {len(g['quantities'])} quantities |")
    return "\n".join(rows) + "\n"

def main():
    """Rewrites the dev table at the end of ../README.md and held/TABLE.md."""
    readme = W / "README.md"
    text = readme.read_text(encoding="utf-8")
    head = text[:text.index("## Fixtures")]
    head += "## Fixtures (dev/ only; held/ has its own table in held/TABLE.md)\n\n"
    readme.write_text(head + table("dev"), encoding="utf-8")
    (W / "held" / "TABLE.md").write_text(
        "# Held-out fixtures (do not read while developing the parser)\n\n" + table("held"), encoding="utf-8")

if __name__ == "__main__":
    main()
