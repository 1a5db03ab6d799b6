# Regenerates the gold JSONs of tests/unseen from the hand annotations below
# (run from this directory). 一是 items: 12 chars after the marker, cut at the
# line end and before the next 一是-marker.
import json, re, pathlib
D = pathlib.Path('.')
def text(f):
    b = (D/f).read_bytes()
    try: return b.decode('utf-8')
    except UnicodeDecodeError: return b.decode('gb18030')
def shi(f, *markers):
    t = text(f); out=[]
    for m in markers:
        i = t.index(m) + 2
        w = t[i:i+12].split('\n')[0]
        m2 = re.search(r'[；;。，,]\s*[一二三四五六七八九十]是', t[i:i+16])
        out.append(w[:m2.start()] if m2 else w)
    return out
def Q(tx, v, u, q='exact', what='', kind='count'):
    return dict(text=tx, value=v, unit=u, qualifier=q, what=what, kind=kind)
ITEM_NOTE = "Item convention (as in shared/corpus): items are the first level below a part only; （一）/(一)/1. items keep the marker and run to the end of the line or through the title's first 。; 一是/二是 items are the 12 characters after the marker."
def gold(name, title, agency, kind, year, published, sections, qs, notes):
    f = name + '.txt'
    t = text(f)
    for q in qs: assert q['text'] in t, (name, q['text'])
    for s in sections:
        if s[1]: assert s[1] in t, (name, s[1])
        for it in s[2]: assert it in t, (name, it)
    d = dict(file=f, title=title, agency=agency, agency_kind=kind, year=year, published=published,
             sections=[dict(part=p, heading=h, items=i) for p,h,i in sections],
             quantities=qs, notes=[ITEM_NOTE]+notes)
    (D/(name+'.json')).write_text(json.dumps(d, ensure_ascii=False, indent=1)+'\n')

n='u01_yuelu_sifaju'
gold(n,'长沙市岳麓区司法局2023年度法治政府建设情况报告','长沙市岳麓区司法局','department',2023,'2024-02-26',[
 ('measures','一、2023年度推进法治政府建设的主要举措和突出成效',['（一）强化行政复议主渠道作用。','（二）规范行政执法行为。','（三）深化公共法律服务。','（四）推进矛盾纠纷多元化解。']),
 ('shortcomings','二、存在的问题和不足',shi(n+'.txt','一是','二是','三是')),
 ('leader_duty','三、党政主要负责人履行推进法治建设第一责任人职责情况',[]),
 ('next_year','四、2024年工作安排',['（一）持续深化行政复议体制改革，推动复议纠错率保持在合理区间。','（二）开展“八五”普法中期评估，组织法治宣传活动不少于50场。','（三）推进公共法律服务体系建设，实现村（社区）法律顾问全覆盖。']),
 ('other','五、其他需要报告的情况',[])],[
 Q('收到行政复议申请286件',286,'件',what='行政复议申请'),Q('受理263件',263,'件',what='受理'),Q('审结251件',251,'件',what='审结'),
 Q('复议纠错率为8.7%',8.7,'%',what='复议纠错率',kind='rate'),Q('培训12期',12,'期',what='行政执法人员培训'),
 Q('参训600余人次',600,'人次','at_least','参训'),Q('评查两次',2,'次',what='行政执法案卷评查'),Q('评查案卷一百二十件',120,'件',what='评查案卷'),
 Q('发现问题41个',41,'个',what='问题'),Q('法律咨询1.2万人次',12000,'人次',what='法律咨询'),Q('法律援助案件近500件',500,'件','approx','法律援助案件'),
 Q('办结率达到98.5%',98.5,'%',what='办结率',kind='rate'),Q('接听来电逾3000个',3000,'个','more_than','接听来电'),
 Q('调解矛盾纠纷3265起',3265,'起',what='调解矛盾纠纷'),Q('调解成功3198起',3198,'起',what='调解成功'),Q('调解成功率97.9%',97.9,'%',what='调解成功率',kind='rate'),
 Q('同比下降12%',12,'%',what='涉法涉诉信访转办件',kind='change'),
 Q('研究法治建设工作6次',6,'次',what='局党组会议专题研究法治建设工作'),Q('讲法治课2次',2,'次',what='讲法治课')],[
 "Web copy wrapped in a cover letter '关于报送《…》的报告' with its own sign-off (长沙市岳麓区司法局 / 2024年2月26日); the report title is repeated below it. title = the report's own title (same as inside 《》). The cover-letter date 2024-02-26 is a sign-off date (published), not the reported year (2023).",
 "next_year quantities (不少于50场) are plans, not quantities.",
 "Not quantities: '（2021－2025年）' (plan period), '第十二条' (article), '12348' hotline, '“八五”' (name)."])

n='u02_beishan_jiedao'
gold(n,'杭州市西湖区北山街道2023年法治政府建设年度报告','杭州市西湖区北山街道','street',2023,'2024-03-18',[
 ('measures','',['一、强化组织领导，夯实法治基础','二、深化依法行政，规范权力运行','三、加强普法宣传，营造法治氛围','四、化解矛盾纠纷，维护社会稳定'])],[
 Q('研究法治工作十一次',11,'次',what='党工委会议专题研究法治工作'),Q('会前学法12次',12,'次',what='会前学法'),
 Q('法治培训两千余人次',2000,'人次','at_least','法治培训'),Q('持证率100%',100,'%',what='综合执法队员持证率',kind='rate'),
 Q('审查各类合同一百二十件',120,'件',what='合同'),Q('修改意见30余条',30,'条','at_least','修改意见'),
 Q('一般程序案件86件',86,'件',what='一般程序案件'),Q('罚没款约42万元',42,'万元','approx','罚没款'),Q('同比增长15%',15,'%',what='罚没款',kind='change'),
 Q('活动40余场',40,'场','at_least','法律进社区、进商户活动'),Q('宣传资料8000余份',8000,'份','at_least','宣传资料'),
 Q('“法律明白人”156名',156,'名',what='法律明白人'),Q('矛盾纠纷352起',352,'起',what='排查化解矛盾纠纷'),
 Q('化解率达99.1%',99.1,'%',what='化解率',kind='rate'),Q('提高3个百分点',3,'个百分点',what='群众满意率',kind='change')],[
 "No statutory headings: only topical 一、…四、 headings. The body after the opening is the measures part (heading ''), its items the four topical headings; the closing '下一步，…' sentence is prose, not a next_year part.",
 "The web line '发布时间：2024-03-18  来源：北山街道  浏览量:1' is page chrome; published = 2024-03-18.",
 "（一）…切实履行推进法治建设第一责任人职责 is inside a topical item: no leader_duty part.",
 "Not quantities: '浏览量:1' (page counter), '“八五”', '“1+5+N”', '“大综合一体化”' (names)."])

n='u03_wuhou_scjgj'
gold(n,'成都市武侯区市场监督管理局2023年法治政府建设年度报告','成都市武侯区市场监督管理局','department',2023,None,[
 ('measures','一、2023年主要工作成效',['(一)深入学习贯彻习近平法治思想。','(二)切实履行推进法治建设第一责任人职责','(三)深化“放管服”改革。','(四)严格规范公正文明执法。','(五)强化普法宣传。']),
 ('shortcomings','二、存在的不足和原因',['（一）执法力量与市场主体快速增长不相匹配，基层市场监管所人均监管市场主体超过２０００户。','（二）部分执法人员运用新技术开展非现场监管的能力不足。']),
 ('next_year','三、2024年工作计划',['(一)持续提升执法规范化水平，开展案卷评查不少于２次。','(二)深化信用监管，推进“双随机、一公开”监管全覆盖。','(三)加强法治宣传，落实“谁执法谁普法”普法责任制。'])],[
 Q('法治专题学习８次',8,'次',what='法治专题学习'),Q('旁听庭审２次',2,'次',what='旁听庭审'),Q('研究法治工作５次',5,'次',what='专题会议研究法治工作'),
 Q('新增市场主体１．２万户',12000,'户',what='新增市场主体'),Q('较上年增长２１．３%',21.3,'%',what='告知承诺制办理事项',kind='change'),
 Q('违法案件６３８件',638,'件',what='违法案件'),Q('罚没款１２８０．６万元',1280.6,'万元',what='罚没款'),Q('同比下降１２%',12,'%',what='罚没款',kind='change'),
 Q('市场主体３２００余户次',3200,'户次','at_least','随机抽查市场主体'),Q('公示率１００%',100,'%',what='抽查结果公示率',kind='rate'),
 Q('主题宣传活动２０多场',20,'场','at_least','主题宣传活动'),Q('投诉举报近９０００件',9000,'件','approx','消费者投诉举报'),
 Q('挽回经济损失３５０万元左右',350,'万元','approx','挽回经济损失'),Q('超过２０００户',2000,'户','more_than','人均监管市场主体')],[
 "Sub-headings use half-width (一) in measures and next_year, full-width （一） in shortcomings; digits are full-width (folded by the parser, kept as written in text).",
 "(二)切实履行推进法治建设第一责任人职责 is an item of the measures part, not a leader_duty part; the report has no leader_duty and no other part (three statutory parts).",
 "超过２０００户 in shortcomings is a stated fact (workload per person), kept as a quantity.",
 "Not quantities: '（2021-2025年）', '自2015年以来' (years), '“３·１５”', '“４·２６”' (named days), next_year '不少于２次' (plan)."])

n='u04_futian_qzf'
gold(n,'深圳市福田区人民政府法治政府建设年度报告','深圳市福田区人民政府','district_government',2023,'2024-03-25',[
 ('leader_duty','一、区政府主要负责同志履行推进法治建设第一责任人职责情况',[]),
 ('measures','二、2023年法治政府建设主要举措和成效',['（一）持续优化法治化营商环境。','（二）提升行政决策水平。','（三）规范行政执法。','（四）化解行政争议。']),
 ('shortcomings','三、存在的不足和原因',shi(n+'.txt','一是法','二是行')),
 ('next_year','四、2024年工作安排',shi(n+'.txt','一是深','二是持','三是加')),
 ('other','五、其他需要报告的情况',[])],[
 Q('会前学法14次',14,'次',what='区政府常务会议会前学法'),Q('研究法治政府建设工作4次',4,'次',what='专题研究法治政府建设工作'),
 Q('新增商事主体超过3.6万户',36000,'户','more_than','新增商事主体'),Q('重大行政决策事项11项',11,'项',what='重大行政决策事项'),
 Q('行政处罚案件约1.5万宗',15000,'宗','approx','行政处罚案件'),Q('罚没金额3.5亿元',3.5,'亿元',what='罚没金额'),
 Q('行政复议案件1236件',1236,'件',what='行政复议案件'),Q('出庭应诉率100%',100,'%',what='行政机关负责人出庭应诉率',kind='rate'),
 Q('办结率达99.2%',99.2,'%',what='12345热线诉求办结率',kind='rate')],[
 "Web copy: a site date widget '今天是：2024年5月8日 星期三' (not the report's date), a breadcrumb and a metadata table (索引号, 发布机构, 成文日期, 发布日期). published = 发布日期 2024-03-25.",
 "The title names no year; the reported year 2023 comes from the measures heading and the opening.",
 "Parts out of order: leader_duty comes first.",
 "亿元 is kept as a unit like 万元 (value 3.5, unit 亿元).",
 "Not quantities: '福府〔2023〕12号' (document number), '排名第5' (rank), '第三批' (ordinal), '“1+5+N”' (name), '12345热线' (hotline), '（2021-2025年）'."])

n='u05_qidu_zhen'
gold(n,'苏州市吴江区七都镇2023年法治政府建设工作情况汇报','苏州市吴江区七都镇','town',2023,None,[
 ('measures','一、2023年工作开展情况',['1.加强法治学习。','2.推进依法决策。','3.化解矛盾纠纷。','4.开展普法宣传。','5.规范行政执法。']),
 ('shortcomings','二、存在的问题',shi(n+'.txt','一是部','二是村')),
 ('next_year','三、下一步工作打算',shi(n+'.txt','一是持','二是健'))],[
 Q('专题学习6次',6,'次',what='习近平法治思想专题学习'),Q('法治培训8场',8,'场',what='镇村干部法治培训'),Q('参训人员480余人次',480,'人次','at_least','参训人员'),
 Q('审议重大事项23项',23,'项',what='重大事项'),Q('法律意见书40余份',40,'份','at_least','法律意见书'),
 Q('矛盾纠纷416起',416,'起',what='受理矛盾纠纷'),Q('调解成功409起',409,'起',what='调解成功'),
 Q('控制在5件以内',5,'件','up_to','信访积案数量'),Q('不超过2%',2,'%','up_to','重复信访率','rate'),
 Q('主题活动25场',25,'场',what='主题活动'),Q('覆盖群众约1.1万人',11000,'人','approx','覆盖群众'),
 Q('行政处罚案件63件',63,'件',what='行政处罚案件'),Q('罚没款28.5万元',28.5,'万元',what='罚没款'),
 Q('合格率100%',100,'%',what='执法案卷合格率',kind='rate'),Q('检查90余次',90,'次','at_least','“双随机、一公开”检查')],[
 "Three-part report: work done (一、2023年工作开展情况), problems (二、存在的问题), next steps (三、下一步工作打算). No leader_duty, no other part.",
 "Title is '…情况汇报'. Recipient '吴江区委依法治区办'.",
 "next_year '98%以上' is a target, not a quantity."])

n='u06_jinshui_fgw'
gold(n,'2023年度法治政府建设情况报告','郑州市金水区发展和改革委员会','department',2023,None,[
 ('measures','一、推进法治政府建设情况',['（一）严格规范性文件管理。','（二）落实公平竞争审查。','（三）加强价格监督。','（四）推进社会信用体系建设。','（五）深化“放管服”改革。']),
 ('shortcomings','一、存在的问题和不足',['（一）法治工作力量薄弱，缺少法律专业人员。','（二）法治宣传形式较为单一，覆盖面不够广。']),
 ('leader_duty','三、法治建设责任制工作情况',[]),
 ('next_year','四、下一年度工作思路',['（一）持续加强规范性文件合法性审核。','（二）深化公平竞争审查制度落实。']),
 ('other','五、其他需要报告的情况',[])],[
 Q('规范性文件及政策措施7件',7,'件',what='规范性文件及政策措施'),Q('合法性审核率100%',100,'%',what='合法性审核率',kind='rate'),
 Q('政策措施32件',32,'件',what='公平竞争审查政策措施'),Q('政策文件3件',3,'件',what='清理政策文件'),
 Q('价格监督检查4次',4,'次',what='价格监督检查'),Q('信用承诺1.3万余条',13000,'条','at_least','信用承诺'),
 Q('提高5个百分点',5,'个百分点',what='信用修复办结率',kind='change'),Q('项目备案216个',216,'个',what='企业投资项目备案'),
 Q('网上办理率达到100%',100,'%',what='网上办理率',kind='rate'),Q('汇报3次',3,'次',what='专题听取法治工作汇报')],[
 "The title names no agency; the unit names itself once, in the opening sentence (郑州市金水区发展和改革委员会), then only 我委.",
 "Two '一、' in a row: the shortcomings heading is numbered 一、 by mistake (then 三、 follows).",
 "leader duty titled '法治建设责任制工作情况'; next year '下一年度工作思路'; other followed by just '无'.",
 "Not quantities: '1个工作日' (a time limit), '2023年度'."])

n='u07_shibei_qzf'
gold(n,'青岛市市北区人民政府关于2023年度法治政府建设情况的报告','青岛市市北区人民政府','district_government',2023,None,[
 ('measures','一、主要成效',['（一）法治化营商环境持续优化。','（二）依法行政水平稳步提升。','（一）坚持党的领导。','（二）严格落实行政执法“三项制度”。','（三）全面推进政务公开。']),
 ('shortcomings','三、存在的不足和原因',['（一）基层行政执法规范化水平仍需提高，个别执法人员程序意识不强。','（二）法治宣传教育的精准度不够，新媒体普法作用发挥不充分。']),
 ('leader_duty','四、党政主要负责人履行推进法治建设第一责任人职责情况',[]),
 ('next_year','五、下一年度推进法治政府建设的主要安排',['（一）持续深化“放管服”改革，打造一流法治化营商环境。','（二）全面提升行政执法质量，开展执法案卷评查。']),
 ('other','六、其他需要报告的情况',[])],[
 Q('市场主体总量突破30万户',300000,'户','more_than','市场主体总量'),Q('可办率达98%以上',98,'%','at_least','政务服务事项网上可办率','rate'),
 Q('行政复议案件721件',721,'件',what='行政复议案件'),Q('调解和解结案156件',156,'件',what='直接纠错和调解和解结案'),
 Q('研究法治政府建设工作9次',9,'次',what='专题研究法治政府建设工作'),Q('执法信息4.8万条',48000,'条',what='公示执法信息'),
 Q('政府信息1.2万余条',12000,'条','at_least','主动公开政府信息'),Q('依申请公开89件',89,'件',what='依申请公开')],[
 "GB18030-encoded.",
 "Title split over two lines by conversion: '青岛市市北区人民政府关于2023年度法治政府' / '建设情况的报告'.",
 "Measures split in two headings, 一、主要成效 then 二、主要做法: one measures section (heading = the first), items from both halves.",
 "突破30万户: 突破 ('broke through') is a strict lower bound, like 超过 → more_than.",
 "Not quantities: '三项制度' (name), '无一' (none)."])

n='u08_xuhui_ccyx'
gold(n,'上海市徐汇区城市运行管理中心2023年度法治政府建设情况汇报','上海市徐汇区城市运行管理中心','department',2023,None,[
 ('measures','一、2023年度法治政府建设亮点工作',['1.依法推进“一网统管”。','2.创新普法宣传方式。','3.健全内部制度体系。','4.依法处置城市运行事件。']),
 ('shortcomings','二、存在的不足',['1.部分工作人员法治意识有待进一步增强。','2.数据共享中的个人信息保护制度还不够完善。']),
 ('leader_duty','三、主要负责人履行法治建设第一责任人职责情况',[]),
 ('next_year','四、2024年工作思路',['1.深化“一网统管”法治保障，完善工单办理规范。','2.加强干部法治培训，全年组织培训不少于4场。']),
 ('other','五、其他需要报告的情况',[])],[
 Q('工单26.8万件',268000,'件',what='12345市民服务热线工单'),Q('按时办结率99.6%',99.6,'%',what='按时办结率',kind='rate'),
 Q('提升2.1个百分点',2.1,'个百分点',what='市民满意率',kind='change'),Q('法治手册》3000册',3000,'册',what='《城市运行法治手册》'),
 Q('内部管理制度十一项',11,'项',what='内部管理制度'),Q('修订5项',5,'项',what='修订'),
 Q('城市运行事件4300余起',4300,'起','at_least','处置城市运行事件'),Q('缩短约15%',15,'%','approx','联动处置时间','change'),
 Q('会前学法6次',6,'次',what='中心主任办公会会前学法'),Q('旁听庭审1次',1,'次',what='旁听庭审')],[
 "Measures titled '…亮点工作'; title '…情况汇报'; self-reference 我中心.",
 "Not quantities: '浏览量:1' (page counter), '12345' (hotline), '3月15日' (date), '为期一月' (duration of a rule/campaign), '第三批' (ordinal)."])

n='u09_jiangan_zfb'
gold(n,'武汉市江岸区人民政府办公室2023年法治政府建设年度报告','武汉市江岸区人民政府办公室','department',2023,None,[
 ('measures','一、基本情况和主要成效',shi(n+'.txt','一是严','二是深','三是认','四是加')),
 ('shortcomings','二、存在的问题和不足',shi(n+'.txt','一是对','二是法')),
 ('leader_duty','三、党政主要负责人履行推进法治建设第一责任人职责情况',[]),
 ('next_year','四、2024年工作安排',shi(n+'.txt','一是进','二是推','三是持')),
 ('other','五、其他需要报告的情况',[])],[
 Q('规范性文件9件',9,'件',what='规范性文件'),Q('合同协议76份',76,'份',what='合同协议'),Q('审核意见120余条',120,'条','at_least','审核意见'),
 Q('政府信息5200余条',5200,'条','at_least','主动公开政府信息'),Q('依申请公开申请137件',137,'件',what='依申请公开申请'),
 Q('按期答复率100%',100,'%',what='按期答复率',kind='rate'),Q('人大代表建议58件',58,'件',what='人大代表建议'),Q('政协委员提案91件',91,'件',what='政协委员提案'),
 Q('办结率100%',100,'%',what='办结率',kind='rate'),Q('提高1.5个百分点',1.5,'个百分点',what='代表委员满意率',kind='change'),
 Q('会前学法12次',12,'次',what='区政府常务会议会前学法'),Q('参考率达到100%',100,'%',what='网上学法考试参考率',kind='rate'),
 Q('研究法治工作5次',5,'次',what='办务会研究法治工作')],[
 "An 办公室 of the district government is a department (self-reference 我办), not the district government.",
 "Measures '基本情况和主要成效' enumerates with 一是…四是 each on its own line: 12-character items."])

n='u10_guanyang_zhen'
gold(n,'巫山县官阳镇法治政府建设年度报告','巫山县官阳镇','town',2023,None,[
 ('measures','一、主要工作情况',['（一）深化法治宣传教育。','（二）推进基层依法治理。','（三）化解矛盾纠纷。','（四）规范行政执法。','（五）加强法治队伍建设。']),
 ('shortcomings','二、存在的不足和原因',['（一）镇村干部法治素养参差不齐，依法决策意识有待提升。','（二）法治宣传载体单一，群众参与度不高。']),
 ('next_year','三、下一步工作打算',['（一）2024年，我镇将继续深化“八五”普法，开展法治宣传活动不少于40场。','（二）加强镇村法律顾问队伍建设。']),
 ('other','四、其他需要报告的情况',[])],[
 Q('活动36场',36,'场',what='法治宣传“进村入户”活动'),Q('宣传资料3500余份',3500,'份','at_least','宣传资料'),
 Q('受教育群众超过6000人次',6000,'人次','more_than','受教育群众'),Q('示范村1个',1,'个',what='市级民主法治示范村'),
 Q('审核合同24份',24,'份',what='审核合同'),Q('法律咨询二百余次',200,'次','at_least','法律咨询'),
 Q('矛盾纠纷92起',92,'起',what='排查矛盾纠纷'),Q('调解成功89起',89,'起',what='调解成功'),Q('调解成功率96.7%',96.7,'%',what='调解成功率',kind='rate'),
 Q('同比下降18%',18,'%',what='信访总量',kind='change'),Q('行政处罚案件17件',17,'件',what='行政处罚案件'),
 Q('合计4.6万元',4.6,'万元',what='罚款金额'),Q('法治培训5期',5,'期',what='法治培训'),Q('300人左右',300,'人','approx','培训人员'),
 Q('参考率100%',100,'%',what='学法考试参考率',kind='rate')],[
 "The title names no year and the line under it is the drafting month '（2024年1月）' (not the reported year, and not a full date: published null). The year 2023 comes from the opening '2023年以来'.",
 "Also mentions 2021-2025 (plan period), 自2015年以来 (start year) and 2024 (plans) — none is the reported year.",
 "No leader_duty part."])
print('ok')

n='u11_siming_cgj'
gold(n,None,'厦门市思明区城市管理行政执法局','department',2023,'2024-03-01',[
 ('measures','一、２０２３年法治政府建设工作情况',['（一）抓好学法用法。','（二）规范执法行为。','（三）加强普法宣传。']),
 ('leader_duty','二、党政主要负责人履行推进第一责任人职责方面',[]),
 ('shortcomings','三、存在的不足和原因',shi(n+'.txt','一是部','二是执')),
 ('next_year','四、2024年工作思路',shi(n+'.txt','一是深','二是加','三是持')),
 ('other','五、其他需要报告的情况',[])],[
 Q('集体学法10次',10,'次',what='理论学习中心组集体学法'),Q('法律知识培训两千余人次',2000,'人次','at_least','法律知识培训'),
 Q('通过率百分之九十五',95,'%',what='执法资格考试通过率',kind='rate'),Q('违法案件1,326件',1326,'件',what='违法案件'),
 Q('罚没款突破500万元',500,'万元','more_than','罚没款'),Q('同比减少8.6%',8.6,'%',what='罚没款',kind='change'),
 Q('行政许可事项4000余件',4000,'件','at_least','行政许可事项'),Q('按时办结率100%',100,'%',what='按时办结率',kind='rate'),
 Q('活动60余场',60,'场','at_least','“城管进社区”活动'),Q('宣传册约5000份',5000,'份','approx','宣传册'),
 Q('专题汇报4次',4,'次',what='法治工作专题汇报')],[
 "No title: the web copy starts with a metadata table (索引号, 发布机构, 成文日期, 发布日期), then the recipient and '现将我局2023年度法治政府建设情况报告如下'. title=null; the agency is named only by the 发布机构 row; year 2023 from the opening.",
 "The measures heading carries full-width digits (２０２３).",
 "Parts out of order: leader_duty (二、) before shortcomings (三、).",
 "The shortcomings heading is run-in: '三、存在的不足和原因。一是…；二是…' on one line; heading stored without the 。, its items are the 一是/二是 on that same line.",
 "Not quantities: '排名第2' (rank), '第十二条' (article)."])

n='u12_xiaobailou_jd'
gold(n,'2023年法治政府建设情况汇报','天津市和平区小白楼街道办事处','street',2023,None,[
 ('measures','2023年主要工作',shi(n+'.txt','一是强','二是推','三是化','四是深')),
 ('shortcomings','存在的不足',shi(n+'.txt','一是基','二是普')),
 ('leader_duty','党政主要负责人履行推进法治建设第一责任人职责情况',[]),
 ('next_year','2024年工作打算',shi(n+'.txt','一是持','二是推进矛','三是深化“')),
 ('other','其他需要报告的情况',[])],[
 Q('习近平法治思想8次',8,'次',what='专题学习习近平法治思想'),Q('法治讲座3场',3,'场',what='法治讲座'),
 Q('合同及文件45件',45,'件',what='审查合同及文件'),Q('矛盾纠纷128起',128,'起',what='受理矛盾纠纷'),Q('调处成功125起',125,'起',what='调处成功'),
 Q('调处成功率97.7%',97.7,'%',what='调处成功率',kind='rate'),Q('提升4.5个百分点',4.5,'个百分点',what='诉求办结率',kind='change'),
 Q('活动十二场',12,'场',what='“八五”普法进楼宇活动'),Q('覆盖居民近3000人',3000,'人','approx','覆盖居民'),
 Q('研究法治工作4次',4,'次',what='专题会议研究法治工作')],[
 "Agency on its own line above the title; title '…情况汇报' without the agency.",
 "All five part headings are unnumbered lines of their own; measures titled '2023年主要工作', next year '2024年工作打算'.",
 "Not quantities: '12345' (hotline), '“八五”' (name)."])
