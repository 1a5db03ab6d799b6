# Hand-made specifications of the wild fixtures: one entry per report, naming
# the unit, the province style it imitates, its chrome, title form, heading
# and numbering styles and parts. Places and figures are invented.
GEN = ['xi_thought', 'leadership', 'rules', 'decisions', 'enforcement', 'disputes', 'oversight', 'publicity', 'digital']
UT = {
 'justice': GEN + ['justice', 'justice'], 'market': GEN + ['market', 'market'], 'urban': GEN + ['urban', 'urban'],
 'edu': GEN + ['edu', 'edu'], 'health': GEN + ['health', 'health'], 'env': GEN + ['env', 'env'],
 'safety': GEN + ['safety', 'safety', 'emergency'], 'labor': GEN + ['labor', 'labor'], 'housing': GEN + ['housing', 'emergency'],
 'transport': GEN + ['transport'], 'tax': GEN + ['tax', 'tax'], 'dept': GEN,
 'street': ['xi_thought', 'leadership', 'decisions', 'disputes', 'publicity', 'grassroots', 'grassroots', 'emergency', 'enforcement'],
 'town': ['xi_thought', 'leadership', 'decisions', 'disputes', 'publicity', 'grassroots', 'grassroots', 'emergency', 'oversight'],
 'gov': ['xi_thought', 'gov', 'gov', 'rules', 'decisions', 'enforcement', 'disputes', 'oversight', 'publicity', 'digital', 'emergency'],
 'city': ['xi_thought', 'city', 'city', 'gov', 'rules', 'enforcement', 'disputes', 'oversight', 'publicity', 'digital'],
 'province': ['xi_thought', 'province', 'province', 'rules', 'decisions', 'enforcement', 'oversight', 'publicity'],
}

H_MEAS = {
 'a': "<Y>年度推进法治政府建设的主要举措和成效", 'b': "主要举措和成效", 'c': "<Y>年法治政府建设工作情况",
 'd': "上一年度推进法治政府建设的主要举措和成效", 'e': "<Y>年主要工作成效", 'f': "工作开展情况", 'g': "主要工作情况",
 'h': "<Y>年度法治政府建设亮点工作", 'i': "基本情况和主要成效", 'j': "推进法治政府建设的主要举措和突出成效",
}
H_SHORT = {
 'a': "<Y>年度推进法治政府建设存在的不足和原因", 'b': "存在的不足和原因", 'c': "存在的问题和不足",
 'd': "上一年度推进法治政府建设存在的不足和原因", 'e': "存在的主要问题", 'f': "工作中存在的不足",
}
H_LEAD = {
 'a': "党政主要负责人履行推进法治建设第一责任人职责情况", 'b': "<Y>年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
 'c': "主要负责人履行推进法治建设第一责任人职责情况", 'd': "法治建设责任制工作情况",
 'e': "党政主要负责人履行推进第一责任人职责方面", 'f': "区政府主要负责同志履行推进法治建设第一责任人职责情况",
}
H_NEXT = {
 'a': "<Y1>年度推进法治政府建设的主要安排", 'b': "下一年度推进法治政府建设的主要安排", 'c': "<Y1>年工作安排",
 'd': "下一步工作打算", 'e': "<Y1>年工作计划", 'f': "<Y1>年工作思路", 'g': "下一步工作计划",
}
H_OTHER = {'a': "其他需要报告的情况", 'b': "其他需要说明的情况"}

def parts(layout, m='a', s='a', l='a', n='a', o='a', mi='paren_line', si='shi_inline', li='none', ni='paren_runin', nm=5, ns=3, nl=3, nn=4):
    P = {
     'M': ('measures', H_MEAS[m], mi, nm), 'S': ('shortcomings', H_SHORT[s], si, ns), 'L': ('leader_duty', H_LEAD[l], li, nl),
     'N': ('next_year', H_NEXT[n], ni, nn), 'O': ('other', H_OTHER[o], 'none', 0),
    }
    return [P[c] for c in layout]

def bracket(full, idx, cw, pub, oneline=False):
    rows = [("索引号", idx), ("主题分类", "政府法治"), ("发布机构", full), ("成文日期", cw), ("发布日期", pub)]
    if oneline:
        return [" ".join(f"[ {k} ] {v}" for k, v in rows)]
    return [f"[ {k} ] {v}" for k, v in rows]

def dotlist(full, idx, docno, pub, title):
    return ([f"- [ 索引号 ] {idx}", f"- [ 发文字号 ] {docno}", f"- [ 发布机构 ] {full}", "- [ 主题分类 ] 其他",
             f"- [ 成文日期 ] {pub}", f"- [ 发布日期 ] {pub}", "- [ 有效性 ] 有效", title, f"- 日期：{pub}", "-", "大", "中", "小", "- 分享到 :"])

def pipe(full, idx, docno, cw, pub, title):
    return [f"| 索 引 号 | {idx} | 主题分类 | 法治政府建设 |", f"| 发布机构 | {full} | 文 号 | {docno} |",
            f"| 成文日期 | {cw} | 发布日期 | {pub} |", f"| 标 题: | {title} | ||"]

def source(src, pub, views=None):
    v = f" 浏览次数：{views}" if views else ""
    return [f"来源：{src} 发布时间：{pub} 09:{len(src) * 3 % 60:02d}{v} 【字体：大 中 小】 打印"]

WIDGET = lambda d: [f"今天是：{d} 星期三", "您所在的位置：首页 > 政务公开 > 法治政府建设年度报告"]
CRUMB = ["首页 > 政务公开 > 法定主动公开内容 > 法治政府建设年度报告"]
FOOT_BJ = ["【打印本页】 【关闭窗口】", "主办：<PL>人民政府办公室 网站标识码：1101060021 京ICP备05060933号", "京公网安备 11010602030512号"]
FOOT_CN = ["分享到：", "扫一扫在手机打开当前页", "主办单位：<PL>人民政府办公室  联系电话：0731-84519276", "网站标识码：4301110003  湘ICP备13002045号-1"]
FOOT_SIMPLE = ["【打印正文】", "【关闭】"]

def mk(name, split, ut, full, short, self_, kind, year, pl, sup, parts_, imitates, title=None, title_lines=None,
       agency='FULL', published=None, top=(), after_title=(), recipient=None, preamble=0, sign=(), bottom=(),
       indent="　　", blank=False, enc="utf-8", head_style="cn", fpi=2, notes=(), docno="区政办发", **kw):
    d = dict(name=name, split=split, themes=UT[ut], self_name=full if agency != 'NULL' else self_, short=short,
             self=self_, kind=kind, year=year, pl=pl, sup=sup, parts=parts_, title=title,
             title_lines=title_lines if title_lines is not None else ([title] if title else []),
             agency=(full if agency == 'FULL' else None if agency == 'NULL' else agency), published=published,
             top=list(top), after_title=list(after_title), recipient=recipient, preamble=preamble, sign=list(sign),
             bottom=list(bottom), indent=indent, blank=blank, enc=enc, head_style=head_style, fpi=fpi,
             docno=docno, notes=[f"Imitates {imitates}."] + list(notes))
    d.update(kw)
    return d

SPECS = []
A = SPECS.append

# ---------------------------------------------------------------- dev 1-16
T = "北京市丰台区司法局2023年度法治政府建设年度报告"
A(mk("d01_fengtai_sifaju", "dev", "justice", "北京市丰台区司法局", "区司法局", "我局", "department", 2023, "丰台区", "区委、区政府",
     parts("MSLNO", mi="paren_line", si="shi_inline", li="none", ni="paren_runin", nm=7),
     "a Beijing district department web copy: breadcrumb, '[ 索引号 ]' bracket metadata rows, footer with site ids",
     title=T, published="2024-03-15",
     top=CRUMB + bracket("北京市丰台区司法局", "11110106MB1534210X/2024-00031", "2024-03-12", "2024-03-15"),
     bottom=FOOT_BJ, notes=["published = the [ 发布日期 ] row; 成文日期 2024-03-12 is the drafting date.",
                            "Footer numbers (网站标识码, ICP/公安备案 numbers) are not quantities."]))

T = "宁河区2023年度法治政府建设情况报告"
A(mk("d02_ninghe_qzf", "dev", "gov", "天津市宁河区人民政府", "宁河区", "我区", "district_government", 2023, "宁河", "区委",
     parts("LMSN", l="f", m="a", s="b", n="c", li="none", mi="half_runin", si="shi_para", ni="shi_para", nm=8),
     "a Tianjin district government page: site banner with a stale date widget, title printed twice around a 来源/发布时间 line, leader-duty part first",
     blank=True,
     title=T, published="2024-03-27", preamble=2,
     top=["天津市宁河区人民政府 2019年12月3日星期二", "无障碍 简体| 繁体"],
     after_title=source("宁河区人民政府办公室", "2024-03-27") + [T],
     notes=["The banner date 2019年12月3日 is a site widget, not the report's date; published = 发布时间.",
            "Parts out of statutory order: leader_duty (一、区政府主要负责同志…) comes first, as in several Tianjin district reports; no other part.",
            "agency: the title says only 宁河区; the full name 天津市宁河区人民政府 is stated in the opening sentence."]))

T = "成都市龙泉驿区龙泉街道办事处2023年法治政府建设年度报告"
A(mk("d03_longquan_jd", "dev", "street", "成都市龙泉驿区龙泉街道办事处", "龙泉街道", "我街道", "street", 2023, "龙泉", "区委、区政府",
     parts("MSLN", m="c", s="c", l="a", n="c", mi="shi_para", si="arabic_runin", li="shi_inline", ni="shi_para", nm=6),
     "a Sichuan street office page with a 今天是 date widget and breadcrumb, 一是/二是 paragraphs as items, signature with a month-only date",
     title=T, published=None, top=WIDGET("2024年5月8日"), sign=["成都市龙泉驿区龙泉街道办事处", "2024年2月"],
     notes=["The 今天是 widget date is the visitor's day, not the report's.", "Signature date is month-only (2024年2月): published null.",
            "No 其他需要报告的情况 part."]))

T = "石梁镇人民政府关于2022年度法治政府建设情况的报告"
A(mk("d04_shiliang_zhen", "dev", "town", "石梁镇人民政府", "石梁镇", "我镇", "town", 2022, "石梁", "区委、区政府",
     [("measures_topical", "", "cn_topical", 7)],
     "a Zhejiang town report with only topical headings (一、强化组织领导，…) and no statutory part headings",
     title=T, published="2023-02-21", preamble=1, indent="", after_title=source("柯城区人民政府", "2023-02-21"),
     notes=["No statutory part headings: the whole body is the measures part (heading ''), its items are the topical 一、… lines.",
            "No shortcomings, leader-duty, plans or other parts at all."]))

T = "杭州市临平区市场监督管理局2023年度法治政府建设工作报告"
A(mk("d05_linping_scjgj", "dev", "market", "杭州市临平区市场监督管理局", "区市场监管局", "我局", "department", 2023, "临平区", "区委、区政府",
     parts("MSLNO", m="j", s="c", l="a", n="a", mi="paren_runin", si="paren_runin", li="arabic_runin", ni="paren_runin", nm=7),
     "a Zhejiang department page converted from a table layout: pipe rows with 索引号/发布机构/文号/成文日期/发布日期 and a 标题 row",
     title=T, published="2024-03-20",
     top=pipe("杭州市临平区市场监督管理局", "11330113MB1D23456T/2024-00418", "临市监〔2024〕12号", "2024-03-18", "2024-03-20", T),
     docno="临市监", other_text="无。",
     notes=["published = 发布日期 in the pipe table; the document number 临市监〔2024〕12号 is not a quantity.",
            "The title appears twice (in the 标题 row and as a heading line)."]))

T = "长沙市雨花区教育局2023年度法治政府建设情况报告"
A(mk("d06_yuhua_jyj", "dev", "edu", "长沙市雨花区教育局", "区教育局", "我局", "department", 2023, "雨花区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="none", ni="shi_para", nm=5),
     "a Hunan department copy wrapped in a cover letter (关于报送《…》的报告) with its own recipient and sign-off",
     title=T, published="2024-02-26", preamble=0,
     top=["关于报送《长沙市雨花区教育局2023年度法治政府建设情况报告》的报告", "区委全面依法治区委员会办公室：",
          "　　根据区委依法治区办关于做好年度法治政府建设情况报告工作的通知要求，我局形成了年度报告，现予报送。",
          "　　附件：长沙市雨花区教育局2023年度法治政府建设情况报告", "长沙市雨花区教育局", "2024年2月26日", T],
     notes=["title = the report's own title (as inside 《》 of the cover letter), not the cover letter's title.",
            "published = the cover letter's sign-off date 2024-02-26."]))

T = "深圳市宝安区应急管理局2023年法治政府建设年度报告"
A(mk("d07_baoan_yjgl", "dev", "safety", "深圳市宝安区应急管理局", "区应急管理局", "我局", "department", 2023, "宝安区", "区委、区政府",
     parts("MSLNO", m="c", s="b", l="a", n="a", mi="paren_line", si="shi_inline", li="none", ni="paren_runin", nm=9),
     "a Guangdong department page: breadcrumb, 来源/发布时间 line with a 浏览次数 counter, share/QR footer, deeper 一是 enumerations inside items",
     blank=True,
     title=T, published="2024-03-18", deep="shi", fpi=3, npi=4,
     top=["当前位置：首页 > 政务公开 > 部门信息 > 区应急管理局"], after_title=source("深圳市宝安区应急管理局", "2024-03-18", views=2841),
     bottom=FOOT_CN, notes=["浏览次数 and footer numbers are page chrome, not quantities.",
                            "Measures items are （一） lines; the 一是/二是 inside their bodies are sub-items and not listed."]))

T = "2024年度月河街道法治政府建设情况报告"
A(mk("d08_yuehe_jd", "dev", "street", "湖州市吴兴区月河街道办事处", "月河街道", "我街道", "street", 2024, "月河", "区委、区政府",
     parts("MSLNO", m="b", s="c", l="a", n="b", mi="arabic_line_dun", si="paren_runin", li="none", ni="arabic_runin", nm=4),
     "a Zhejiang street report whose title puts the year before the unit and whose parts are numbered 第一部分…第五部分",
     title=T, published="2025-02-20", preamble=2, head_style="dibufen", indent="",
     sign=["湖州市吴兴区月河街道办事处", "二〇二五年二月二十日"],
     notes=["Part headings use 第一部分 … 第五部分 instead of 一、…; stored with that numbering.",
            "Measures items numbered 1、 2、 on lines of their own.", "published = the Chinese-numeral signature date 二〇二五年二月二十日."]))

TL = ["南京市江宁区人民政府关于2023年度法治政府", "建设情况的报告"]
A(mk("d09_jiangning_qzf", "dev", "gov", "南京市江宁区人民政府", "江宁区", "我区", "district_government", 2023, "江宁", "市委、市政府",
     [("measures", "主要成效", "paren_runin", 4), ("measures_b", "主要做法", "paren_runin", 4),
      ("shortcomings", H_SHORT['c'], "shi_inline", 3), ("leader_duty", H_LEAD['a'], "none", 3), ("next_year", H_NEXT['c'], "paren_runin", 4)],
     "a Jiangsu district government report whose title is broken over two lines and whose measures come in two halves (主要成效 / 主要做法)",
     title="".join(TL), title_lines=TL, published="2024-03-25", recipient="市委、市政府：", preamble=1,
     top=bracket("南京市江宁区人民政府", "11320115MB0X12345A/2024-00077", "2024-03-22", "2024-03-25", oneline=True),
     notes=["Metadata is one line of bracket pairs ([ 发布机构 ] … [ 成文日期 ] … [ 发布日期 ] …); published = 发布日期.",
            "The title is split over two lines by conversion; title = the joined string.",
            "Measures split into 一、主要成效 and 二、主要做法: one measures section (heading = the first), items from both halves; so parts are numbered 一 to 五 with measures twice.",
            "No other part."]))

T = "成都市成华区人力资源和社会保障局2022年度法治政府建设情况报告"
A(mk("d10_chenghua_rsj", "dev", "labor", "成都市成华区人力资源和社会保障局", "区人社局", "我局", "department", 2022, "成华区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="b", n="a", mi="paren_line", si="shi_para", li="none", ni="shi_inline", nm=7),
     "a Word-converted department report with unnumbered part headings (like shared seed 000) and Word's [bookmark: _GoBack] glued to the first sentence",
     title=T, published=None, head_style="none", deep="num", glue="[bookmark: _GoBack]", other_text="无其他需要报告的情况。",
     notes=["Part headings carry no numbering at all; each stands on a line of its own.",
            "Measures items （一）… contain deeper （1）（2） enumerations, which are not items.",
            "The first body line starts with Word chrome '[bookmark: _GoBack]'."]))

T = "武汉市洪山区卫生健康局2023年度法治政府建设情况报告"
A(mk("d11_hongshan_wjj", "dev", "health", "武汉市洪山区卫生健康局", "区卫生健康局", "我局", "department", 2023, "洪山区", "区委、区政府",
     parts("MSLNO", m="a", s="b", l="a", n="a", mi="arabic_runin", si="shi_inline", li="shi_inline", ni="arabic_runin", nm=7, nl=4),
     "a Hubei department web copy saved in GB18030, with 1. run-in items and in-paragraph 一是/二是 leader-duty items",
     title=T, published="2024-03-08", enc="gb18030", top=CRUMB, after_title=source("洪山区卫生健康局", "2024-03-08"),
     notes=["Encoded in GB18030 (file name ends .gb18030.txt).", "Leader duty enumerates 一是…四是 in one paragraph: items by the 12-character rule."]))

A(mk("d12_null_huanjing", "dev", "env", "我局", "我局", "我局", "department", 2022, "云州市", "市委、市政府",
     parts("MSN", m="f", s="e", n="d", mi="paren_line", si="shi_para", ni="shi_para", nm=6),
     "a three-part prefecture-level department report (工作开展情况 / 存在的主要问题 / 下一步工作打算) that never names itself",
     title="2022年度法治政府建设情况报告", agency="NULL", published=None, preamble=3,
     notes=["agency null: the text only says 我局 (an environment bureau, from its content); no name of the unit occurs.",
            "Three parts only: measures, shortcomings, next_year (no leader-duty or other part)."]))

T = "徐沟镇2023年法治政府建设情况汇报"
A(mk("d13_xugou_zhen", "dev", "town", "清徐县徐沟镇人民政府", "徐沟镇", "我镇", "town", 2023, "徐沟", "县委、县政府",
     parts("MLSN", m="b", l="e", s="c", n="a", mi="paren_line", li="arabic_runin", si="paren_line", ni="shi_para", nm=6, nl=4),
     "a Shanxi town report styled like shared seed 002: title '…情况汇报', leader duty second, two-space indents and blank lines",
     title=T, published=None, preamble=0, indent="  ", blank=True,
     notes=["Parts out of statutory order: measures, leader_duty, shortcomings, next_year; no other part.",
            "agency: the title says only 徐沟镇; the opening sentence names 清徐县徐沟镇人民政府.",
            "Lines carry two leading ASCII spaces (stored stripped); paragraphs separated by blank lines."]))

TL = ["昆明市官渡区城市管理局", "2023年法治政府建设年度报告"]
A(mk("d14_guandu_cgj", "dev", "urban", "昆明市官渡区城市管理局", "区城市管理局", "我局", "department", 2023, "官渡区", "区委、区政府",
     parts("MSLNO", m="e", s="b", l="a", n="c", mi="half_runin", si="shi_inline", li="none", ni="half_runin", nm=7),
     "a Yunnan department PDF conversion: agency on its own line above the title, a part heading broken across two lines, half-width (一) markers",
     title=TL[1], title_lines=TL, published="2024-01-31", break_heading="leader_duty", sign=["昆明市官渡区城市管理局", "2024年1月31日"],
     notes=["The agency stands on its own line above the title; title = the second line only.",
            "The leader-duty heading is broken across two lines by PDF conversion; heading = the joined line.",
            "published = the signature date 2024-01-31 (no web date)."]))

T = "西安市雁塔区交通运输局2024年法治政府建设情况报告"
A(mk("d15_yanta_jtj", "dev", "transport", "西安市雁塔区交通运输局", "区交通运输局", "我局", "department", 2024, "雁塔区", "区委、区政府",
     parts("MSLNO", m="b", s="b", l="c", n="b", o="b", mi="paren_runin", si="shi_inline", li="none", ni="paren_runin", nm=6),
     "a Chongqing/Shaanxi-style page whose metadata is a dash list of '[ 索引号 ]' rows followed by 日期 and a 大 中 小 font switch",
     title=T, title_lines=[], published="2025-02-12", docno="雁交发",
     top=dotlist("西安市雁塔区交通运输局", "11610113MB2961544K/2025-00004", "雁交发〔2025〕3号", "2025-02-12", T), other_text="本年度无其他需要报告的事项。",
     notes=["The title occurs inside the chrome (between the metadata list and the 日期 row) and is not repeated.",
            "Other part is titled 其他需要说明的情况 (a local variant)."]))

T = "国家税务总局济南市历城区税务局2023年度法治政府建设情况报告"
A(mk("d16_licheng_tax", "dev", "tax", "国家税务总局济南市历城区税务局", "区税务局", "我局", "department", 2023, "历城区", "市税务局",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="shi_inline", ni="shi_para", nm=7, nl=4),
     "a Shandong tax bureau (vertically managed) page with bracket metadata rows; superior is the city tax bureau, not the district",
     title=T, published="2024-03-28", deep="shi", top=bracket("国家税务总局济南市历城区税务局", "11370100MB28501234/2024-00009", "2024-03-26", "2024-03-28"),
     notes=["Measures items （一） with deeper 一是/二是 inside (not listed)."]))

# ------------------------------------------------- alternating held / dev
T = "江西省司法厅2023年度法治政府建设情况报告"
A(mk("h01_jiangxi_sft", "held", "province", "江西省司法厅", "省司法厅", "我厅", "department", 2023, "江西", "省委、省政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="paren_runin", li="shi_inline", ni="paren_runin", nm=8, nl=4),
     "a province-level department page with a pipe metadata table, long measures part", title=T, published="2024-03-29",
     top=pipe("江西省司法厅", "000014349/2024-00112", "赣司发〔2024〕6号", "2024-03-27", "2024-03-29", T), docno="赣司发", fpi=3))

T = "江州市人民政府关于2022年度法治政府建设情况的报告"
A(mk("d17_jiangzhou_szf", "dev", "city", "江州市人民政府", "江州市", "我市", "district_government", 2022, "江州", "省委、省政府",
     parts("MSN", m="c", s="c", n="c", mi="paren_runin", si="shi_inline", ni="paren_runin", nm=10, nn=6),
     "a city government report to the province (Hubei/Jiangsu style): 一、2022年工作情况 / 二、存在的问题 / 三、2023年工作安排, long, with a 来源 line",
     title=T, published="2023-02-21", recipient="省委、省人民政府：", fpi=3, npi=4, after_title=source("江州市司法局", "2023-02-21"),
     notes=["A city government: agency_kind district_government (the enum's only government kind).",
            "Three parts only (measures, shortcomings, next_year)."]))

T = "北京市朝阳区望京街道办事处2023年度法治政府建设年度报告"
A(mk("h02_wangjing_jd", "held", "street", "北京市朝阳区望京街道办事处", "望京街道", "我街道", "street", 2023, "望京", "区委、区政府",
     parts("MSLNO", m="d", s="d", l="b", n="b", mi="paren_line", si="shi_inline", li="none", ni="shi_para", nm=6),
     "a Beijing street office web copy with bracket metadata and a signature at the end", title=T, published="2024-03-20",
     top=CRUMB + bracket("北京市朝阳区望京街道办事处", "11110105MB0K62234Y/2024-00018", "2024-03-19", "2024-03-20"),
     sign=["北京市朝阳区望京街道办事处", "2024年3月19日"], bottom=FOOT_BJ,
     notes=["published = [ 发布日期 ] (2024-03-20), not the signature date 2024-03-19."]))

T = "岚天乡人民政府2024年法治政府建设情况报告"
A(mk("d18_lantian_xiang", "dev", "town", "重庆市城口县岚天乡人民政府", "岚天乡", "我乡", "town", 2024, "岚天", "县委、县政府",
     parts("MSLNO", m="a", s="b", l="a", n="a", mi="paren_line", si="shi_para", li="none", ni="paren_runin", nm=6),
     "a Chongqing township page with a dash-list '[ 索引号 ]' metadata block, a document number, 大/中/小 font switch and a share line",
     halfwidth=True,
     blank=True,
     title=T, title_lines=[], published="2025-02-18", docno="岚天委文",
     top=dotlist("重庆市城口县岚天乡人民政府", "11500229MB1A33333X/2025-00006", "岚天委文〔2025〕4号", "2025-02-18", T),
     notes=["A 乡 (township): agency_kind town.", "agency from the 发布机构 row and the opening sentence (the title omits 重庆市城口县)."]))

T = "北辰区2023年度法治政府建设情况报告"
A(mk("h03_beichen_qzf", "held", "gov", "天津市北辰区人民政府", "北辰区", "我区", "district_government", 2023, "北辰", "区委",
     parts("LMSNO", l="f", m="a", s="b", n="c", li="shi_para", mi="half_runin", si="shi_inline", ni="shi_para", nm=7, nl=4),
     "a Tianjin district report opening with the leader-duty part, with a 今天是 widget", title=T, published=None, preamble=2,
     top=WIDGET("2024年6月12日"), notes=["Leader duty first; no web publishing date (published null)."], blank=True))

T = "北京市海淀区城市管理委员会2023年法治政府建设年度情况报告"
A(mk("d19_haidian_cgw", "dev", "urban", "北京市海淀区城市管理委员会", "区城市管理委", "我委", "department", 2023, "海淀区", "区委、区政府",
     parts("MSNO", m="a", s="a", n="a", mi="paren_line", si="shi_inline", ni="paren_runin", nm=6),
     "a Beijing 委 report where leader duty is only a sub-item of the measures part ((二)切实履行推进法治建设第一责任人职责), not a part",
     blank=True,
     title=T, published="2024-03-22", leader_item=True, top=CRUMB + bracket("北京市海淀区城市管理委员会", "11110108MB0L41111P/2024-00025", "2024-03-21", "2024-03-22"),
     notes=["（二）切实履行推进法治建设第一责任人职责 is an item of measures, not the leader_duty part: no leader_duty section.",
            "Self-reference 我委."]))

T = "广州市番禺区市场监督管理局2023年度法治政府建设年度报告"
A(mk("h04_panyu_scjgj", "held", "market", "广州市番禺区市场监督管理局", "区市场监管局", "我局", "department", 2023, "番禺区", "区委、区政府",
     parts("MSLNO", m="j", s="b", l="a", n="a", mi="arabic_runin_dun", si="arabic_runin", li="none", ni="arabic_runin_dun", nm=7),
     "a Guangdong department page with 1、 run-in items, 来源 line and share/QR footer", title=T, published="2024-03-15",
     after_title=source("广州市番禺区市场监督管理局", "2024-03-15", views=936), bottom=FOOT_CN))

TL = ["北京市通州区教育委员会", "2022年法治政府建设年度情况报告"]
A(mk("d20_tongzhou_jw", "dev", "edu", "北京市通州区教育委员会", "区教委", "我委", "department", 2022, "通州区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="b", n="a", mi="paren_line", si="shi_inline", li="shi_inline", ni="shi_para", nm=7),
     "a Beijing 教委 report styled like shared seed 001: agency on its own first line, unnumbered part headings",
     title=TL[1], title_lines=TL, published=None, head_style="none", preamble=0,
     notes=["Agency on its own line, title on the next; title = the second line.", "Unnumbered part headings."]))

T = "连江口镇2022年度法治政府建设年度报告"
A(mk("h05_lianjiangkou_zhen", "held", "town", "英德市连江口镇人民政府", "连江口镇", "我镇", "town", 2022, "连江口", "市委、市政府",
     parts("MSN", m="b", s="c", n="d", mi="paren_line", si="shi_para", ni="shi_para", nm=6),
     "a Guangdong town report in three parts with a 来源 line", title=T, published="2023-03-06", preamble=0,
     after_title=source("英德市连江口镇", "2023-03-06"), notes=["Three parts; the unit names itself fully only in the opening sentence."]))

T = "上海市普陀区卫生健康委员会2023年度法治政府建设情况报告"
A(mk("d21_putuo_wjw", "dev", "health", "上海市普陀区卫生健康委员会", "区卫生健康委", "我委", "department", 2023, "普陀区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="half_runin", si="shi_inline", li="none", ni="half_runin", nm=7),
     "a Shanghai 委 report saved in GB18030 with half-width (一) run-in items", title=T, published=None, enc="gb18030",
     sign=["上海市普陀区卫生健康委员会", "2024年2月"], notes=["GB18030 file; signature month-only → published null."]))

T = "清泉县人民政府关于2023年度法治政府建设工作的报告"
A(mk("h06_qingquan_xzf", "held", "gov", "清泉县人民政府", "清泉县", "我县", "district_government", 2023, "清泉", "市委、市政府",
     parts("MSN", m="f", s="e", n="d", mi="paren_runin", si="shi_inline", ni="shi_inline", nm=7),
     "a Gansu county government report in three parts (工作开展情况 / 存在的问题 / 下一步打算) with a recipient line",
     title=T, published="2024-01-08", recipient="市委、市政府：", sign=["清泉县人民政府", "2024年1月8日"]))

T = "文峰区生态环境分局2023年法治政府建设工作情况报告"
A(mk("d22_wenfeng_sthj", "dev", "env", "安阳市生态环境局文峰分局", "文峰分局", "我局", "department", 2023, "文峰区", "区委、区政府",
     parts("LMSN", l="c", m="c", s="c", n="e", li="shi_para", mi="paren_line", si="shi_inline", ni="paren_runin", nm=6, nl=4),
     "a Henan department report opening with 一、切实履行推进法治建设第一责任人职责 and then the year's work",
     title=T, published="2024-04-01", preamble=1, after_title=source("安阳市生态环境局", "2024-04-01"),
     notes=["The title uses a colloquial name (文峰区生态环境分局); the opening names the unit 安阳市生态环境局文峰分局, which is the agency.",
            "Leader duty first (一、主要负责人履行…), then measures; no other part."]))

T = "重庆市渝北区司法局关于2024年法治政府建设情况的报告"
A(mk("h07_yubei_sfj", "held", "justice", "重庆市渝北区司法局", "区司法局", "我局", "department", 2024, "渝北区", "区委、区政府",
     parts("MSLNO", m="a", s="c", l="a", n="a", mi="shi_para", si="shi_inline", li="none", ni="shi_para", nm=8),
     "a Chongqing department report whose measures enumerate 一是…八是 paragraphs, with a one-line bracket metadata block",
     title=T, published="2025-02-06", top=bracket("重庆市渝北区司法局", "11500112MB1P30000K/2025-00011", "2025-02-05", "2025-02-06", oneline=True)))

T = "北京市大兴区住房和城乡建设委员会2023年度法治政府建设年度报告"
A(mk("d23_daxing_zjw", "dev", "housing", "北京市大兴区住房和城乡建设委员会", "区住房城乡建设委", "我委", "department", 2023, "大兴区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="none", ni="paren_runin", nm=8),
     "a Beijing 住建委 PDF copy whose shortcomings heading is broken over two lines", title=T, published="2024-03-26",
     break_heading="shortcomings", after_title=["来源：大兴区住房和城乡建设委员会  日期：2024-03-26 10:02 打印 【字体："],
     notes=["Chrome line in the style of shared seed 004 ('来源:… 日期:… 打印 【字体:'); published = its date.",
            "The shortcomings heading is broken across two lines; heading = the joined line."]))

T = "观澜街道2023年法治政府建设年度报告"
A(mk("h08_guanlan_jd", "held", "street", "深圳市龙华区观澜街道办事处", "观澜街道", "我街道", "street", 2023, "观澜", "区委、区政府",
     parts("MSLNO", m="c", s="c", l="a", n="c", mi="paren_runin", si="paren_runin", li="shi_inline", ni="paren_runin", nm=7),
     "a Shenzhen street page with breadcrumb, 来源 line, share/QR footer", title=T, published="2024-03-12", preamble=2,
     top=["当前位置：首页 > 政务公开 > 街道信息 > 观澜街道"], after_title=source("龙华区观澜街道办事处", "2024-03-12", views=517), bottom=FOOT_CN, blank=True))

T = "零陵区应急管理局2023年法治政府建设报告"
A(mk("d24_lingling_yjj", "dev", "safety", "永州市零陵区应急管理局", "区应急管理局", "我局", "department", 2023, "零陵区", "区委、区政府",
     parts("MSLNO", m="j", s="b", l="a", n="b", mi="paren_line", si="shi_para", li="none", ni="paren_runin", nm=8),
     "a Hunan department page with a pipe table (索引号/发文机关/发文日期/文号) whose 发文日期 cell is empty",
     blank=True,
     title=T, published=None, preamble=1,
     top=["| 索引号: | 4311020001/2024-00311 | 分类: | |", "| 发文机关: | 永州市零陵区应急管理局 | 发文日期: | |", "| 名称: | |||", "| 文号 : | |||", "永州市零陵区应急管理局"],
     notes=["The pipe table's date cells are empty: published null.", "The agency stands alone on the line above the title (and in 发文机关)."]))

T = "杭州市滨江区人力资源和社会保障局2022年法治政府建设年度报告"
A(mk("h09_binjiang_rsj", "held", "labor", "杭州市滨江区人力资源和社会保障局", "区人力社保局", "我局", "department", 2022, "滨江区", "区委、区政府",
     parts("MSLNO", m="c", s="b", l="a", n="a", mi="paren_line", si="num_paren_runin", li="none", ni="num_paren_runin", nm=7),
     "a Zhejiang department report with (1) items in the shortcomings and plan parts and deeper 1. items in measures",
     title=T, published="2023-02-17", deep="num", after_title=source("杭州市滨江区人力资源和社会保障局", "2023-02-17")))

T = "望亭镇2023年法治政府建设工作情况汇报"
A(mk("d25_wangting_zhen", "dev", "town", "苏州市相城区望亭镇人民政府", "望亭镇", "我镇", "town", 2023, "望亭", "区委、区政府",
     parts("MSLN", m="g", s="e", l="a", n="d", mi="paren_line", si="shi_inline", li="none", ni="shi_para", nm=7),
     "a Jiangsu town report titled '…工作情况汇报' with 主要工作情况 / 存在的主要问题 / 下一步工作打算", title=T, published=None, preamble=0,
     recipient="区委全面依法治区委员会办公室：", notes=["No other part; title '…工作情况汇报'."]))

T = "国家税务总局厦门市集美区税务局2023年度法治政府建设情况报告"
A(mk("h10_jimei_tax", "held", "tax", "国家税务总局厦门市集美区税务局", "区税务局", "我局", "department", 2023, "集美区", "市税务局",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_runin", si="shi_inline", li="shi_inline", ni="shi_para", nm=7),
     "a Fujian tax bureau page with a pipe metadata table", title=T, published="2024-03-21", docno="厦集税发",
     top=pipe("国家税务总局厦门市集美区税务局", "XM10211-0100-2024-00017", "厦集税发〔2024〕9号", "2024-03-20", "2024-03-21", T)))

TL = ["青岛市崂山区人民政府关于2022年度法治政府建设", "情况的报告"]
A(mk("d26_laoshan_qzf", "dev", "gov", "青岛市崂山区人民政府", "崂山区", "我区", "district_government", 2022, "崂山", "市委、市政府",
     parts("MSLNO", m="a", s="a", l="f", n="a", mi="paren_runin", si="shi_inline", li="shi_inline", ni="paren_runin", nm=9, nl=4),
     "a Shandong district government report with its title split over two lines and a recipient line",
     blank=True,
     title="".join(TL), title_lines=TL, published=None, recipient="市委、市政府：", other_text="FACT",
     notes=["Title split over two lines; title = joined.", "The other part reports rectification of 督察 findings with a count."]))

T = "西山区教育体育局2023年法治政府建设工作报告"
A(mk("h11_xishan_jtj", "held", "edu", "昆明市西山区教育体育局", "区教育体育局", "我局", "department", 2023, "西山区", "区委、区政府",
     parts("MSN", m="f", s="e", n="g", mi="paren_line", si="shi_para", ni="shi_para", nm=6),
     "a Yunnan department report in three parts with the full name only in the opening", title=T, published=None, preamble=2))

T = "上海市静安区曹家渡街道办事处2024年度法治政府建设情况报告"
A(mk("d27_caojiadu_jd", "dev", "street", "上海市静安区曹家渡街道办事处", "曹家渡街道", "我街道", "street", 2024, "曹家渡", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="arabic_runin", si="arabic_runin", li="none", ni="arabic_runin", nm=7),
     "a Shanghai street report with 1. run-in items in every part", title=T, published="2025-03-14",
     after_title=["发布日期：2025-03-14  浏览次数：312"], notes=["浏览次数 is a page counter, not a quantity."]))

T = "南宁市青秀区交通运输局2023年度法治政府建设工作报告"
A(mk("h12_qingxiu_jtj", "held", "transport", "南宁市青秀区交通运输局", "区交通运输局", "我局", "department", 2023, "青秀区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="none", ni="paren_runin", nm=6),
     "a Guangxi department report saved in GB18030", title=T, published=None, enc="gb18030"))

A(mk("d28_shushan_fgw", "dev", "dept", "合肥市蜀山区发展和改革委员会", "区发展改革委", "我委", "department", 2023, "蜀山区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="none", ni="paren_runin", nm=7),
     "an Anhui department page with no title line at all: the unit is named only by the 发布机构 row",
     title=None, published="2024-03-19", preamble=3, recipient="区委、区政府：",
     top=bracket("合肥市蜀山区发展和改革委员会", "11340104MB1E45678C/2024-00046", "2024-03-18", "2024-03-19"),
     notes=["No title line: title null; agency from [ 发布机构 ] only (the body says 我委).", "Self-reference 我委."]))

T = "子陵铺镇2023年度法治政府建设情况报告"
A(mk("h13_zilingpu_zhen", "held", "town", "荆门市东宝区子陵铺镇人民政府", "子陵铺镇", "我镇", "town", 2023, "子陵铺", "区委、区政府",
     [("measures_topical", "", "cn_topical", 8)],
     "a Hubei town report with only topical 一、…八、 headings", title=T, published=None, preamble=1,
     notes=["No statutory headings: one measures part (heading '') whose items are the topical lines."]))

T = "福州市鼓楼区市场监督管理局2024年度法治政府建设情况报告"
A(mk("d29_gulou_scjgj", "dev", "market", "福州市鼓楼区市场监督管理局", "区市场监管局", "我局", "department", 2024, "鼓楼区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="arabic_runin", ni="paren_runin", nm=8, nl=4),
     "a Fujian department report with deeper 一是 items inside measures and 1. run-in leader-duty items",
     title=T, published="2025-03-05", deep="shi", after_title=source("福州市鼓楼区市场监督管理局", "2025-03-05"), fpi=3))

A(mk("h14_null_jiedao", "held", "street", "我街", "我街", "我街", "street", 2023, "街道", "区委、区政府",
     parts("MSLN", m="c", s="c", l="a", n="d", mi="paren_line", si="shi_inline", li="none", ni="shi_para", nm=6),
     "a street office report that never names itself (only 我街 / 街道)", title="2023年法治政府建设工作报告", agency="NULL",
     published=None, preamble=3, notes=["agency null: the text only says 我街; agency_kind street."]))

TL = ["燕平市人民政府", "关于2023年度法治政府建设情况的报告"]
A(mk("d30_yanping_szf", "dev", "city", "燕平市人民政府", "燕平市", "我市", "district_government", 2023, "燕平", "省委、省政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_runin", si="paren_runin", li="shi_inline", ni="paren_runin", nm=10, nl=4, nn=6),
     "a Hebei city government report titled over two lines (agency line + 关于… line) with parts numbered 第一部分…",
     title="".join(TL), title_lines=TL, published="2024-03-29", head_style="dibufen", recipient="省委、省政府：", fpi=3,
     sign=["燕平市人民政府", "2024年3月29日"],
     notes=["Title over two lines where the first is the agency and the second begins with 关于: one title, joined.", "City government: agency_kind district_government."]))

T = "婺川县人民政府2022年度法治政府建设情况报告"
A(mk("h15_wuchuan_xzf", "held", "gov", "婺川县人民政府", "婺川县", "我县", "district_government", 2022, "婺川", "市委、市政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="shi_inline", ni="paren_runin", nm=9, nl=4),
     "a Jiangxi county government report with bracket metadata", title=T, published="2023-03-30",
     top=bracket("婺川县人民政府", "014507231/2023-00045", "2023-03-28", "2023-03-30"), fpi=3))

T = "七星区应急管理局2022年度法治政府建设情况报告"
A(mk("d31_qixing_yjj", "dev", "safety", "桂林市七星区应急管理局", "区应急管理局", "我局", "department", 2022, "七星区", "区委、区政府",
     parts("MSN", m="f", s="e", n="d", mi="arabic_line", si="shi_para", ni="shi_para", nm=5, ns=2, nn=3),
     "a short Guangxi three-part department report with 1. sub-heading lines", title=T, published=None, preamble=2, fpi=1, npi=2,
     notes=["Short (about 1 500 characters)."]))

T = "宁波市鄞州区卫生健康局2023年度法治政府建设情况报告"
A(mk("h16_yinzhou_wjj", "held", "health", "宁波市鄞州区卫生健康局", "区卫生健康局", "我局", "department", 2023, "鄞州区", "区委、区政府",
     [("measures_topical", "", "cn_topical", 7)],
     "a Zhejiang department copy wrapped in a cover letter, with topical headings only",
     title=T, published="2024-02-23",
     top=["关于报送《宁波市鄞州区卫生健康局2023年度法治政府建设情况报告》的报告", "区委依法治区办：",
          "　　现将我局2023年度法治政府建设情况报告报送，请审阅。", "宁波市鄞州区卫生健康局", "2024年2月23日"],
     notes=["Cover letter with sign-off (published 2024-02-23); the report itself has only topical headings."]))

T = "湖南省生态环境厅2023年度法治政府建设情况报告"
A(mk("d32_hunan_sthjt", "dev", "province", "湖南省生态环境厅", "省生态环境厅", "我厅", "department", 2023, "湖南", "省委、省政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="shi_inline", ni="paren_runin", nm=8, nl=4, nn=6),
     "a long province-level department report (我厅)", title=T, published="2024-03-27", fpi=3, npi=5, pad=2, deep="shi",
     after_title=source("湖南省生态环境厅", "2024-03-27"),
     notes=["Province department: agency_kind department, self-reference 我厅."]))

T = "绵阳市涪城区综合行政执法局2023年法治政府建设年度报告"
A(mk("h17_fucheng_zfj", "held", "urban", "绵阳市涪城区综合行政执法局", "区综合执法局", "我局", "department", 2023, "涪城区", "区委、区政府",
     parts("MSLNO", m="c", s="c", l="a", n="c", mi="shi_para", si="shi_para", li="none", ni="shi_para", nm=7),
     "a Sichuan department report that enumerates with 一是… paragraphs in every part", title=T, published=None))

T = "三十铺镇2023年法治政府建设情况报告"
A(mk("d33_sanshipu_zhen", "dev", "town", "六安市金安区三十铺镇人民政府", "三十铺镇", "我镇", "town", 2023, "三十铺", "区委、区政府",
     parts("MSLNO", m="a", s="b", l="a", n="a", mi="paren_line", si="shi_inline", li="none", ni="paren_runin", nm=7),
     "an Anhui town whose very name contains a Chinese numeral (三十铺), a trap for numeral reading",
     halfwidth=True,
     title=T, published="2024-03-15", preamble=0, after_title=source("三十铺镇人民政府", "2024-03-15"),
     notes=["三十铺 is a place name, not 30 of anything."]))

T = "皇姑区民政局2023年法治政府建设工作报告"
A(mk("h18_huanggu_mzj", "held", "dept", "沈阳市皇姑区民政局", "区民政局", "我局", "department", 2023, "皇姑区", "区委、区政府",
     parts("MSLN", m="a", s="c", l="c", n="c", mi="half_line", si="shi_inline", li="none", ni="half_runin", nm=6),
     "a Liaoning department report with half-width (一) sub-heading lines", title=T, published=None, preamble=1))

T = "磁器口街道2023年度法治政府建设情况报告"
A(mk("d34_ciqikou_jd", "dev", "street", "重庆市沙坪坝区磁器口街道办事处", "磁器口街道", "我街道", "street", 2023, "磁器口", "区委、区政府",
     parts("MSLN", m="a", s="a", l="a", n="a", mi="paren_runin", si="shi_inline", li="none", ni="shi_para", nm=7),
     "a Chongqing street page with dash-list metadata (title inside the block)", title=T, title_lines=[], published="2024-02-27",
     top=dotlist("重庆市沙坪坝区磁器口街道办事处", "11500106MB1C22222W/2024-00003", "磁街文〔2024〕7号", "2024-02-27", T), docno="磁街文", preamble=1))

T = "开福区2024年法治政府建设情况报告"
A(mk("h19_kaifu_qzf", "held", "gov", "长沙市开福区人民政府", "开福区", "我区", "district_government", 2024, "开福", "市委、市政府",
     parts("LMSNO", l="f", m="a", s="b", n="c", li="shi_para", mi="paren_runin", si="shi_inline", ni="paren_runin", nm=8, nl=4),
     "a Hunan district report opening with the leader-duty part", title=T, published="2025-03-21", preamble=2,
     after_title=source("开福区司法局", "2025-03-21")))

T = "天津市西青区水务局2023年度法治政府建设情况报告"
A(mk("d35_xiqing_swj", "dev", "dept", "天津市西青区水务局", "区水务局", "我局", "department", 2023, "西青区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="paren_line", li="none", ni="paren_line", nm=7),
     "a Tianjin department report with （一） sub-heading lines in every part", title=T, published="2024-02-28",
     sign=["天津市西青区水务局", "2024年2月28日"], notes=["published = the signature date."]))

T = "东坡区太和镇2023年法治政府建设年度报告"
A(mk("h20_taihe_zhen", "held", "town", "眉山市东坡区太和镇人民政府", "太和镇", "我镇", "town", 2023, "太和", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_para", li="none", ni="shi_para", nm=7),
     "a Sichuan town page with a 今天是 widget and breadcrumb", title=T, published=None, preamble=1, top=WIDGET("2024年4月17日"), halfwidth=True))

T = "恩施市司法局2022年度法治政府建设情况报告"
A(mk("d36_enshi_sfj", "dev", "justice", "恩施市司法局", "市司法局", "我局", "department", 2022, "恩施市", "市委、市政府",
     parts("MSNO", m="a", s="a", n="a", mi="paren_line", si="shi_inline", ni="paren_runin", nm=10, nn=6),
     "a long Hubei county-level city department report where leader duty is a measures sub-item only",
     halfwidth=True,
     title=T, published="2023-03-21", leader_item=True, fpi=4, npi=6, pad=3, after_title=source("恩施市司法局", "2023-03-21"),
     notes=["（二）切实履行推进法治建设第一责任人职责 is an item of measures, not a part.", "Long report."]))

T = "广西壮族自治区市场监督管理局2023年法治政府建设年度报告"
A(mk("h21_guangxi_scjgj", "held", "province", "广西壮族自治区市场监督管理局", "自治区市场监管局", "我局", "department", 2023, "广西", "自治区党委、自治区人民政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="shi_inline", ni="paren_runin", nm=8, nl=4, nn=6),
     "a long province-level (autonomous region) department report with pipe metadata", title=T, published="2024-03-28", fpi=4, npi=6, pad=3, blank=True,
     top=pipe("广西壮族自治区市场监督管理局", "000014349/2024-01821", "桂市监发〔2024〕15号", "2024-03-26", "2024-03-28", T), docno="桂市监发"))

T = "北京市东城区和平里街道办事处2024年度法治政府建设年度报告"
A(mk("d37_hepingli_jd", "dev", "street", "北京市东城区和平里街道办事处", "和平里街道", "我街道", "street", 2024, "和平里", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="paren_line", si="shi_inline", li="none", ni="paren_runin", nm=7),
     "a Beijing street office page with bracket metadata and an other part that reports rectified 督察 findings",
     blank=True,
     title=T, published="2025-03-18", other_text="FACT",
     top=CRUMB + bracket("北京市东城区和平里街道办事处", "11110101MB0D77777U/2025-00012", "2025-03-17", "2025-03-18"), bottom=FOOT_BJ,
     notes=["The other part is not 无: it reports a count of rectified 督察 findings (a quantity)."]))

T = "郑州市金水区住房和城乡建设局2023年度法治政府建设情况报告"
A(mk("h22_jinshui_zjj", "held", "housing", "郑州市金水区住房和城乡建设局", "区住房城乡建设局", "我局", "department", 2023, "金水区", "区委、区政府",
     parts("MSLNO", m="a", s="b", l="a", n="a", mi="arabic_line", si="shi_inline", li="none", ni="arabic_runin", nm=7),
     "a Henan department report with 1. sub-heading lines", title=T, published=None))

T = "九乡彝族回族乡人民政府2023年法治政府建设工作报告"
A(mk("d38_jiuxiang_xiang", "dev", "town", "宜良县九乡彝族回族乡人民政府", "九乡", "我乡", "town", 2023, "九乡", "县委、县政府",
     parts("MSN", m="f", s="e", n="d", mi="paren_line", si="shi_inline", ni="shi_para", nm=6),
     "a Yunnan ethnic township (its name 九乡 contains a numeral) in three parts", title=T, published=None, preamble=0,
     notes=["九乡 is a place name, not 9 townships."]))

T = "西宁市城中区生态环境局2023年度法治政府建设情况报告"
A(mk("h23_chengzhong_sthj", "held", "env", "西宁市城中区生态环境局", "区生态环境局", "我局", "department", 2023, "城中区", "区委、区政府",
     parts("MSLNO", m="c", s="c", l="a", n="c", mi="paren_runin", si="shi_inline", li="none", ni="paren_runin", nm=7),
     "a Qinghai department report saved in GB18030", title=T, published=None, enc="gb18030"))

T = "天津市南开区城市管理委员会2022年度法治政府建设情况报告"
A(mk("d39_nankai_cgw", "dev", "urban", "天津市南开区城市管理委员会", "区城市管理委", "我委", "department", 2022, "南开区", "区委、区政府",
     parts("MSLNO", m="a", s="a", l="a", n="a", mi="half_runin", si="shi_inline", li="none", ni="shi_para", nm=7),
     "a Tianjin 城管委 page with a stale banner date and a 来源/发布时间 line", title=T, published="2023-03-30",
     top=["天津市南开区人民政府 2019年10月31日 星期四"], after_title=source("南开区城市管理委员会", "2023-03-30")))

T = "宁海路街道2023年法治政府建设情况报告"
A(mk("h24_ninghailu_jd", "held", "street", "南京市鼓楼区宁海路街道办事处", "宁海路街道", "我街道", "street", 2023, "宁海路", "区委、区政府",
     parts("MSLNO", m="b", s="c", l="a", n="c", mi="paren_runin", si="paren_runin", li="none", ni="paren_runin", nm=6),
     "a Jiangsu street report with unnumbered part headings and a signature", title=T, published="2024-02-29", head_style="none",
     preamble=0, sign=["南京市鼓楼区宁海路街道办事处", "2024年2月29日"]))

T = "广州市黄埔区人民政府2023年法治政府建设年度报告"
A(mk("d40_huangpu_qzf", "dev", "gov", "广州市黄埔区人民政府", "黄埔区", "我区", "district_government", 2023, "黄埔", "市委、市政府",
     parts("MSLNO", m="a", s="a", l="f", n="a", mi="paren_line", si="shi_inline", li="shi_inline", ni="paren_runin", nm=11, nl=5, nn=7),
     "a long Guangdong district government report with a pipe metadata table", title=T, published="2024-03-29", fpi=4, npi=6, pad=3, deep="shi",
     top=pipe("广州市黄埔区人民政府", "007482943/2024-00208", "穗埔府报〔2024〕12号", "2024-03-27", "2024-03-29", T), docno="穗埔府报"))
