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
     top=pipe("杭州市临平区市场监督管理局", "11330113MB1D23456T/2024-00418", "临市监〔2024〕12号", "2024-03-18", "2024-03-20", T) + [T],
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
