"""Where an organisation's name starts and ends in running Chinese text: beside verbs, in lists, in
brackets, after roles, and as short names."""

from __future__ import annotations

import pytest

from tests.support.entities import organisations_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("子基金将专门投资西南大学等高校的成果", ["西南大学"]),  # 投资 is the verb, not a school's name
        ("首批资金投向长白医药高新区", []),  # the zone's industry, not a company
        ("基金重点支持投向壮瑶医药等领域", []),  # a people's medicine after a verb jieba reads as a noun
        ("项目填补了彝族医药现代制剂空白", []),
        ("西双版纳全州傣医药企业增至20家", []),
        ("发布《大零号湾科技创新策源功能区扶持办法》", []),  # sci-tech innovation, no company
        ("基金重点投向河南省人民医院的成果", ["河南省人民医院"]),
        ("目前有18家生技公司进驻园区", []),  # a count glued to what is counted
        ("交易完成后康视药业将成为其控股子公司", ["康视药业"]),  # 后 glued to the name after it
        ("首批企业中，心衡医疗科技有限公司的设备已送检", ["心衡医疗科技有限公司"]),  # an adjective heads it
        ("位于科技城的峻和生物刚刚完成融资", ["峻和生物"]),  # a brand jieba cut into characters
        ("本周刚刚开工的京澄生物mRNA疫苗基地", ["京澄生物"]),
        ("与11日开工的渝港生物胰岛素基地分属不同企业", ["渝港生物"]),
        ("发展中药和生物医药产业", []),  # two fields, no brand
        ("成渝地区生物医药产业协同创新联盟在渝揭牌", ["成渝地区生物医药产业协同创新联盟"]),  # named by its region
        ("华北地区医药企业增多", []),
        ("分析：新厂资本开支需时消化", []),  # words of the sentence, not half a brand
        ("本周开工的峡江制药原料药基地", ["峡江制药"]),  # a county's maker, then its product and site
        ("东昌药业的银屑病新药刚于27日获批", ["东昌药业"]),  # 药业 after a county is a maker, as 制药 is
        ("港交所已有60家未盈利生物科技公司上市", ["港交所"]),
        ("11日渝港生物的胰岛素基地开工", ["渝港生物"]),  # a date glued to the name
        ("出资人包括山西省级国有资本运营公司", []),  # a kind of company, by its level
        ("殷康药业申报省级重点实验室", ["殷康药业"]),
        ("嘉宾来自上海诺和康宁生物技术有限公司", ["上海诺和康宁生物技术有限公司"]),
        (
            "甘肃恒瑞药业有限公司、正大天晴药业集团股份有限公司等企业",
            ["甘肃恒瑞药业有限公司", "正大天晴药业集团股份有限公司"],
        ),
        ("本轮由湘江资本领投，和蓉芯资本跟投", ["湘江资本", "蓉芯资本"]),
        ("会上，正大天晴药业集团股份有限公司表示", ["正大天晴药业集团股份有限公司"]),  # a clause's head
        ("衡因控股有限公司附属公司将投资", ["衡因控股有限公司"]),  # a legal form ends the name before it
        ("a lab at the School of Medicine, Fudan University, said", ["School of Medicine, Fudan University"]),
        (
            "with the First Affiliated Hospital of Sun Yat-sen University",
            ["First Affiliated Hospital of Sun Yat-sen University"],
        ),
        ("Germany's Heinsberg Pharma Co., Ltd. will invest", ["Heinsberg Pharma Co., Ltd."]),
        ("Tongzhou's Lianbo Therapeutics raised funds", ["Lianbo Therapeutics"]),  # a possessive first describes
        ("基金管理人为苏州衡岳私募基金管理有限公司。", ["苏州衡岳私募基金管理有限公司"]),  # a role before the name
        ("由宁波甬川股权投资合伙企业（有限合伙）跟投", ["宁波甬川股权投资合伙企业（有限合伙）"]),
        ("遵义医科大学与遵义医科大学附属医院", ["遵义医科大学", "遵义医科大学附属医院"]),  # 遵义 is tagged a verb
        ("与中国药科大学共建中国药科大学泰州研究院", ["中国药科大学", "中国药科大学泰州研究院"]),
        ("由江苏省医疗器械和药品包装检验研究院运营", ["江苏省医疗器械和药品包装检验研究院"]),  # a province heads it
        ("在江苏省推动建设研究院", []),  # a province and the sentence's verbs are no institute
        ("与兰州大学生命学院合作", ["兰州大学生命学院"]),
        ("苏州澜川医疗有限公司队和常州迈科医疗器械有限公司队", ["苏州澜川医疗有限公司", "常州迈科医疗器械有限公司"]),
        ("中山大学（深圳）校区启用", ["中山大学（深圳）"]),
        ("贵州澄岭生物制品有限公司开工。澄岭生物表示", ["贵州澄岭生物制品有限公司"]),
        ("双方将共建抗体药物联合实验室", []),  # a joint lab is described by its field, not named
        ("Qinling Medical Technology and Huaxi Labs signed", ["Qinling Medical Technology", "Huaxi Labs"]),
        ("the Ministry of Science and Technology said", []),  # a ministry is no organisation
        (
            "Linyi Bio-Park Investment and Development Co., Ltd. will build",
            ["Linyi Bio-Park Investment and Development Co., Ltd."],
        ),  # an activity word before "and" runs on to the legal form
        ("listed on the Shenzhen Stock Exchange", ["Shenzhen Stock Exchange"]),
        ("据中国生物技术发展中心统计", ["中国生物技术发展中心"]),  # a development centre is an institution
        ("中标供应商：芜湖康达医用设备有限公司，", ["芜湖康达医用设备有限公司"]),  # 设备: a verbal noun in a name
        ("8月4日，安徽泓肽生物医药科技有限公司宣布", ["安徽泓肽生物医药科技有限公司"]),  # 泓: a brand's character
        ("道路因途经山东康源生物医药有限公司厂区", ["山东康源生物医药有限公司"]),
        ("由中国国际金融香港证券有限公司保荐", ["中国国际金融香港证券有限公司"]),  # 香港 inside the name
        ("台湾保健食品业者菌宝生技股份有限公司表示", ["菌宝生技股份有限公司"]),
        ("也是晋江市首家医疗器械上市公司", []),  # a listed company of a kind, not a name
        ("华北地区医院普遍采购", []),
        (
            "Ferrante Diagnostics SpA, Nordhavn Medical A/S and Altyn Pharm LLP signed",
            ["Ferrante Diagnostics SpA", "Nordhavn Medical A/S", "Altyn Pharm LLP"],
        ),
        (
            "the Zhejiang University College of Biomedical Engineering and Instrument Science said",
            ["Zhejiang University College of Biomedical Engineering and Instrument Science"],
        ),
        (
            "the Second Affiliated Hospital of Zhejiang University School of Medicine said",
            ["Second Affiliated Hospital of Zhejiang University School of Medicine"],
        ),
        ("公司在清远注册成立台康晟医药（清远）有限公司", ["台康晟医药（清远）有限公司"]),  # founding verbs end it
        ("葛康生物是香港上市公司康泽生物控股有限公司的子公司", ["葛康生物", "康泽生物控股有限公司"]),
        ("计划明年内在香港联合交易所有限公司上市", ["香港联合交易所有限公司"]),  # 内在: "in" ends the clause
        (
            "广东省疾病预防控制中心、上海市血液中心和中山大学肿瘤防治中心",
            ["广东省疾病预防控制中心", "上海市血液中心", "中山大学肿瘤防治中心"],
        ),  # public health institutions
        ("华厦眼科在厦门新建急救中心", ["华厦眼科"]),  # a known brand; 新建 (built) is no place
        ("Shares of Abogen Biosciences rose", ["Abogen Biosciences"]),  # a sentence's subject is no name's part
        (
            "贵州金控与长沙城投共同出资，管理人为深圳坪山金控投资有限公司，樟树工业园区福城医药园新增企业",
            ["贵州金控", "长沙城投", "深圳坪山金控投资有限公司"],
        ),  # state investors' short forms, not where a longer name ends; an industry word before 园
        (
            "China Resources Sanjiu Medical & Pharmaceutical and Johnson & Johnson signed",
            ["China Resources Sanjiu Medical & Pharmaceutical", "Johnson & Johnson"],
        ),  # two fields of one name
        (
            "Central South University's Xiangya Hospital signed",
            ["Central South University", "Xiangya Hospital"],
        ),  # a university and its hospital, though the known list keys the hospital under the university's name
        (
            "WuXi Biologics and Sinopharm's China National Biotec Group signed",
            ["WuXi Biologics", "Sinopharm", "China National Biotec Group"],
        ),  # the owner's possessive before a name after "and"
        (
            "无锡医学影像产业联盟、澳门药剂师公会和菏泽医学专科学校",
            ["无锡医学影像产业联盟", "澳门药剂师公会", "菏泽医学专科学校"],
        ),  # alliances, guilds and schools
        ("两家企业组成战略联盟，园区成立企业党建联盟", []),  # a kind of alliance, no name
        ("北京航空航天大学生物与医学工程学院教授", ["北京航空航天大学生物与医学工程学院"]),  # 生物 alone is a field
        ("建有化学药和多肽药物研发实验室和国际化质量检测中心", []),  # labs described by their field
        ("华南理工大学设计学院团队完成", ["华南理工大学设计学院"]),  # a school of a university is one name
        ("苏州大学放射医学与防护学院的专家", ["苏州大学放射医学与防护学院"]),
        ("中国科学技术大学生命科学与医学部教授", ["中国科学技术大学生命科学与医学部"]),
        ("沈阳药科大学生命科学与生物制药学院与企业", ["沈阳药科大学生命科学与生物制药学院"]),
        ("中国药科大学合作建设生物药工艺研究院", ["中国药科大学"]),  # what the university does, not its school
        ("复旦大学生命科学学院和上海医学院", ["复旦大学生命科学学院", "上海医学院"]),  # two schools
        ("Researchers at the Chinese University of Hong Kong said", ["Chinese University of Hong Kong"]),
        (
            "It is run by Sanya Yazhou Bay Science and Technology City Development and Construction Co., Ltd.",
            ["Sanya Yazhou Bay Science and Technology City Development and Construction Co., Ltd."],
        ),  # a registered name of eleven words
        (
            "Nanjing Hengyin Biotech, a subsidiary of Hong Kong-listed Hengyin Holdings, said",
            ["Nanjing Hengyin Biotech", "Hengyin Holdings"],
        ),  # a holding company and its operating company are two
        ("Lingnan Biologics Holdings broke ground. Lingnan Biologics said", ["Lingnan Biologics Holdings"]),
        ("Meridian Cellworks Pte. Ltd., a Singapore-founded developer", ["Meridian Cellworks Pte. Ltd."]),
        (
            "Baili-Bio, another Chengdu drugmaker, and Lumora Surgical, a Singaporean maker of scopes, said",
            ["Baili-Bio", "Lumora Surgical"],
        ),  # a kind of company after the name
        ("Li Ming, a developer at the firm, said; Asia, the company said", []),  # a person, a region
        (
            "Shenzhen-based Medray Medical Device will build a plant. It will invest more.",
            ["Medray Medical Device"],
        ),  # a name that does what companies do, without its description; a pronoun names none
        (
            "中国银行牵头，中国银行常州分行参与，中国银行股份有限公司常州分行表示支持",
            ["中国银行", "中国银行股份有限公司常州分行"],
        ),  # a bank and its branch, which is one however written
        ("国家开发银行江苏省分行提供贷款，国开行江苏分行负责人说", ["国家开发银行江苏省分行"]),
        ("中国人民财产保险股份有限公司广州市分公司牵头", ["中国人民财产保险股份有限公司广州市分公司"]),
        ("原中国银行保险监督管理委员会发文，中国银行业协会表示", ["中国银行业协会"]),  # a regulator, the sector
        (
            "led by China Merchants Bank Shenzhen Branch and Bank of China",
            ["China Merchants Bank Shenzhen Branch", "Bank of China"],
        ),
        ("该公司在上海设立分公司，药明康德业绩增长", ["药明康德"]),
        ("相关专利转让给澜山药业，继本周禾岷生物上市后", ["澜山药业", "禾岷生物"]),  # 给 and 本周 are no name's
        ("保健食品厂绿萃生技股份有限公司开幕", ["绿萃生技股份有限公司"]),  # a factory before the name
        ("这是本周杭州第二项医院与企业之间的合作，杭州市第一人民医院参与", ["杭州市第一人民医院"]),
        (
            "China Resources Sanjiu Medical & Pharmaceutical Co., Ltd. signed",
            ["China Resources Sanjiu Medical & Pharmaceutical Co., Ltd."],
        ),  # two fields of one name
        ("安图生物、瑞衡影像等企业将建设研发中心", ["安图生物", "瑞衡影像"]),  # listed with a company it names
        ("园区聚集了生物医药、医疗器械等企业", []),  # a list of fields
        ("安图生物、和睿生物等企业", ["安图生物", "和睿生物"]),  # 和 inside a name does not split the list
        ("迈瑞医疗、联影和鱼跃等企业参展", ["迈瑞医疗", "联影", "鱼跃"]),
        ("本次融资由国中资本、盈科资本联合领投", ["国中资本", "盈科资本"]),  # items of one form, one found
        ("以岭、神威、石药等企业加大研发投入", ["以岭", "神威", "石药"]),  # a noun listed among companies
        ("由国资平台牵头，江中、济民可信、仁和等江西本地药企出资", ["江中", "济民可信", "仁和"]),
        ("同日，母基金与启明创投、礼来亚洲基金等6家机构签约", ["启明创投", "礼来亚洲基金"]),
        ("复旦大学、高校、医院等机构参与", ["复旦大学"]),  # kinds of institution name none
        ("渝康微创、锐声影像等首批入驻企业将进场", ["渝康微创", "锐声影像"]),  # unknown brands listed as companies
        ("华东、华南等企业参与", []),  # regions
        ("医疗器械和生物制药企业参与", []),  # fields of one form
        ("澄因生物病毒载体平台等项目将于明年启动", ["澄因生物"]),  # an unknown brand ends at its field
        ("与本周开工的天中药业原料药基地分属不同企业", ["天中药业"]),
        ("本周在开发区开工的澜津医药生物药基地", ["澜津医药"]),  # a product after the field is no part of the name
        ("3日，振和药业（嘉善）有限公司生产基地开工", ["振和药业（嘉善）有限公司"]),  # 振 / 和: a brand cut apart
        ("将在高新区设立知行生物科技有限公司", ["知行生物科技有限公司"]),
        ("医疗器械（中国）有限公司相关负责人发言", []),  # a field and a unit's place name no company
        (
            "临汾经开区生物医药产业投资基金合伙企业（有限合伙）成立",
            ["临汾经开区生物医药产业投资基金合伙企业（有限合伙）"],
        ),
        ("据悉，前两天括苍药业宣布扩产", ["括苍药业"]),  # a time before the name
        ("台康生技与国立阳明交通大学签约", ["台康生技", "国立阳明交通大学"]),  # jieba glued 与 to the name before
        ("团队来自国立成功大学", ["国立成功大学"]),  # a Taiwan university's official name, though 成功 reads as a verb
        ("专利转让给禾研生技股份有限公司", ["禾研生技股份有限公司"]),  # 给 / 禾: a preposition, not a name's character
        ("此前以涟钛医疗为代表的企业", ["涟钛医疗"]),
        ("此前以宝康医疗为代表的企业", ["宝康医疗"]),  # jieba glued 以 to the name
        ("但鲸澜生物随后宣布扩产", ["鲸澜生物"]),  # jieba glued "but" to the name
        ("自贡高新区与四川蜀阀流体控制科技有限公司签约", ["四川蜀阀流体控制科技有限公司"]),  # a verb inside the name
        ("四川推动智能控制科技有限公司发展", []),  # a place, then a verb: no brand starts there
        (
            "11日晚，暨阳医药控股有限公司公告",
            ["暨阳医药控股有限公司"],
        ),  # a conjunction starts no clause: 暨阳 is a name
        ("宏喆生技在台湾的证券柜台买卖中心上柜", ["宏喆生技", "证券柜台买卖中心"]),  # Taiwan's OTC exchange
        ("该公司为证券柜台买卖中心上柜公司", ["证券柜台买卖中心"]),  # an exchange's listed company is no name
        (
            "在香港上市的飞云医药控股有限公司公告，旗下浙江飞云生物制药有限公司获批",
            ["飞云医药控股有限公司", "浙江飞云生物制药有限公司"],
        ),
        ("生物药委托开发制造业者穗康生技股份有限公司公布营收", ["穗康生技股份有限公司"]),  # 业者 says what it is
        ("澳门燕窝零售商金禧燕窝有限公司宣布开业", ["金禧燕窝有限公司"]),  # a trader's kind, then its name
        ("本地乳品生产商港滋乳品有限公司扩产", ["港滋乳品有限公司"]),  # 生产商, not 生产 / 商港
        ("向客户供应哈药集团股份有限公司的产品", ["哈药集团股份有限公司"]),  # a verb before a group jieba knows
        ("产品已进入欧洲多国医院和江西两省部分医院", []),  # where, how many: no hospital's name
        ("全国哨点医院监测显示流感上升，新台币及欧美医疗支出变化", []),
        ("北京医院与中日友好医院牵头", ["北京医院", "中日友好医院"]),  # a place alone still names one
        (
            "创新药研发商朗程生物科技有限公司与外科器械商天昊医疗签约",
            ["朗程生物科技有限公司", "天昊医疗"],
        ),  # 商 glued on
        ("由保荐人华泰联合证券有限责任公司保荐，创业板新股江澜医疗上市", ["华泰联合证券有限责任公司", "江澜医疗"]),
        (
            "合资企业上药罗伦茨医疗器械（上海）有限公司经中诚信国际信用评级有限责任公司评定",
            ["上药罗伦茨医疗器械（上海）有限公司", "中诚信国际信用评级有限责任公司"],
        ),
        ("今年以来密州药业扩产", ["密州药业"]),
        ("主办方重庆市医疗器械行业协会表示", ["重庆市医疗器械行业协会"]),  # a role before the name
        ("秦岭本草中药饮片基地开工", ["秦岭本草"]),  # 本草 ends a Chinese-medicine maker's name; its product, its base
        ("参源本草等企业入驻", ["参源本草"]),
        ("《本草纲目》记载的药材", []),
        ("与珠海横琴澳康本草药业有限公司签约。澳康本草将提供场地", ["珠海横琴澳康本草药业有限公司"]),  # one company
        ("推动澄江医药产业发展，不设医药招商环节", []),  # a place's industry; a verb before the field
        ("港股海御医药旗下公司入驻", ["海御医药"]),  # the listing describes the company
        (
            "Zhejiang Tiansong Medical Instrument and Germany's Leuter Medizintechnik will invest",
            ["Zhejiang Tiansong Medical Instrument", "Leuter Medizintechnik"],
        ),
        ("Jiangsu Institute for Medical Device Testing certified it", ["Jiangsu Institute for Medical Device Testing"]),
        (
            "Chengdu Chiyuan Intelligent Equipment and Beijing Tiantan Orthopedics signed; Advanced Materials grew",
            ["Chengdu Chiyuan Intelligent Equipment", "Beijing Tiantan Orthopedics"],
        ),  # a field ends a registered name after its place and brand, not after an adjective
        (
            "German surgical instrument maker Karlsen Medizintechnik and US drugmaker Pfizer said on Monday",
            ["Karlsen Medizintechnik", "Pfizer"],
        ),  # a kind of company before a name without a suffix
        ("the firm Chairman Li said the company Monday", []),  # titles and days are no names
        (
            "Eye-device maker Mingjing raises funds. Jiangsu Mingjing Ophthalmic Technology Co said",
            ["Jiangsu Mingjing Ophthalmic Technology Co"],
        ),  # a short name in the headline is the company named in full
        (
            "German medtech firm Brennhof: Brennhof Medizintechnik GmbH and Brennhof Medical (Beijing) Co., Ltd.",
            ["Brennhof Medizintechnik GmbH", "Brennhof Medical (Beijing) Co., Ltd."],
        ),  # a parent and its subsidiary, each with its registered name
        ("一家德国生物技术公司与本地医疗科技公司签约", []),  # a description, not a name
        ("本次签约的是宠物食品制造商安诺生物科技有限公司", ["安诺生物科技有限公司"]),  # what a company is, before it
        ("首单来自美国CDMO康博生物", ["康博生物"]),
        ("港资汇鼎资本领投，科大初创晶禾医疗获天使轮融资", ["汇鼎资本", "晶禾医疗"]),
        ("公司并在香港科学园设实验室", []),  # a place, then what is set up there
        ("上周五博定生物宣布完成B轮融资", ["博定生物"]),  # a weekday is a time, not a name's
        ("近日，我区筑源生物完成8亿元融资", ["筑源生物"]),  # a portal's "our district" glued to the name
        ("傣医药过去多以医院制剂的形式存在", []),  # 多以: "mostly as", no name
        ("其中2家为医药和医疗器械企业", []),  # a count and a copula before a bare field
        ("开工仪式上，芪源药业与代县签订协议", ["芪源药业"]),  # a character jieba's dictionary lacks
        ("国立阳明交通大学附设医院今日表示", ["国立阳明交通大学附设医院"]),  # Taiwan's affiliated hospital
        ("（中央社讯）财团法人国家卫生研究院今天宣布", ["财团法人国家卫生研究院"]),  # a dateline's bracket
        ("复星医药（集团）股份有限公司公告", ["复星医药（集团）股份有限公司"]),
        ("工研院今（25）日与昕澈医电股份有限公司签约", ["工研院", "昕澈医电股份有限公司"]),  # a date glued
        (
            "是次上市引入中国太平洋人寿保险股份有限公司为基石投资者",
            ["中国太平洋人寿保险股份有限公司"],
        ),  # 上市 is a verb
        ("产品上市后学校还可按销售额提成", []),
        ("发起设立海口普利澜创创业投资合伙企业（有限合伙）", ["海口普利澜创创业投资合伙企业（有限合伙）"]),
        ("由宣城经开新材料产业投资基金合伙企业（有限合伙）出资", ["宣城经开新材料产业投资基金合伙企业（有限合伙）"]),
        ("新药需经医院药事委员会评审", []),
        (
            "由县属国有企业濉溪县建设投资控股集团有限公司出资",
            ["濉溪县建设投资控股集团有限公司"],
        ),  # ends at its legal form
        ("与宁夏六盘本草药业有限公司签约", ["宁夏六盘本草药业有限公司"]),  # a brand jieba read as a number
        ("平凉市崆峒区甘肃陇原丹参药业有限公司投产", ["甘肃陇原丹参药业有限公司"]),  # an address, then the province
        ("线路由阿尔山市文化旅游部门联合内蒙古国际蒙医医院推出", ["内蒙古国际蒙医医院"]),  # 联合: "together with"
        ("景林资产管理香港有限公司跟投", ["景林资产管理香港有限公司"]),  # the unit's seat before its legal form
        ("公司与香港有限公司签约", []),  # a seat and a legal form name no one
        ("工研院生医与医材研究所开发的技术", ["工研院生医与医材研究所"]),  # two fields of one institute
        ("绿萃生技与财团法人食品工业发展研究所合作", ["绿萃生技", "财团法人食品工业发展研究所"]),  # a foundation, named
        ("公司在张江药谷设研发中心", []),
        (
            "抗体药企北京宸亦生物医药股份有限公司今日上市",
            ["北京宸亦生物医药股份有限公司"],
        ),  # 宸 / 亦: a brand cut apart
        ("华冀生物制药完成融资", ["华冀生物制药"]),  # a brand's field and 制药 end its name
        ("江苏暨阳生物制药获批", ["江苏暨阳生物制药"]),  # a place, then 暨阳 (Jiangyin's old name), not "and"
        ("该市生物制药产业发展迅速", []),
        ("梧州制药扩产项目开工", ["梧州制药"]),  # a city's maker told by its place
        ("江西制药规模突破千亿", []),  # a province's industry
        ("上周宣布投资的宏澈医材导管项目", ["宏澈医材"]),  # Taiwan's medical-materials maker, told by its brand
        ("园区以智慧农业、生技医材与高值医材产业为主", []),  # fields, no one's name
        ("陕西汉康医用材料有限公司投产。汉康医材负责人介绍", ["陕西汉康医用材料有限公司"]),  # one company, told short
    ],
)
def test_organisation_boundaries_beside_verbs_lists_brackets_and_short_names(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


def test_a_funds_own_words_name_no_partnership() -> None:
    assert "创业投资合伙企业（有限合伙）" not in organisations_in("苏州清源启航创业投资合伙企业（有限合伙）跟投")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("该公司是港越本草控股有限公司的全资子公司。", ["港越本草控股有限公司"]),  # 港 / 越: a brand cut apart
        ("他指出，稳价人华泰金融控股（香港）有限公司可在上市后30日内稳价", ["华泰金融控股（香港）有限公司"]),
        ("柜买生技指数小跌0.3%，穗康生技股份有限公司收盘小涨", ["穗康生技股份有限公司"]),  # an index, no company
        ("分析员：留意透皮贴剂基地资本开支压力", []),  # a capital expenditure, no investor
        ("财团法人工业技术研究院（工研院）今天宣布", ["财团法人工业技术研究院"]),  # one body, told short after
        ("11月3日，峡江制药原料药及制剂基地项目开工。", ["峡江制药"]),  # a county's maker, its products, its base
        ("市民关心的本地企业暨阳生物日前获批上市的新药", ["暨阳生物"]),  # said what it is: a company, once is enough
        (
            "北京市金杜律师事务所、天健会计师事务所（特殊普通合伙）分别担任发行人律师和审计机构",
            ["北京市金杜律师事务所", "天健会计师事务所（特殊普通合伙）"],
        ),  # law and accounting firms, with the partnership's kind
        ("是次配售由配售代理国泰君安证券（香港）有限公司负责", ["国泰君安证券（香港）有限公司"]),  # a role
        ("项目距香港科技大学（广州）约3公里", ["香港科技大学（广州）"]),  # 距: "away from"
        ("本轮由高瓴创投领投，光源资本担任独家财务顾问", ["高瓴创投", "光源资本"]),  # a firm by its role
        ("。风险资本跟投意愿下降", []),  # capital of a kind
        ("药明系午后拉升 恒瑞、信达、复星翻红", ["恒瑞", "信达", "复星"]),  # known companies told short in a list
        ("北京、上海、广州等地", []),
        ("公司建有安全性评价实验室和组培实验室", []),  # facilities named by their work
        ("湖北省胚胎干细胞研究重点实验室揭牌", ["湖北省胚胎干细胞研究重点实验室"]),  # a province names it
        ("订单来自台湾医院和东南亚医院", []),  # hospitals of a region
        ("北京医院和天津医院合作", ["北京医院", "天津医院"]),  # a city's hospital is one
        (
            "公司与大西洋银行、中国银行澳门分行及澳门国际银行签署银团贷款协议",
            ["大西洋银行", "中国银行澳门分行", "澳门国际银行"],
        ),  # banks known by name, and a branch by its bank
        ("广西北部湾银行提供贷款。项目也获得商业银行贷款", ["广西北部湾银行"]),  # a kind of bank is none
        (
            "江苏润湖生物制药有限公司投资15亿元。该公司是润湖医药控股有限公司的全资子公司。常州大学与江苏润湖生物制药有限公司签约",
            ["江苏润湖生物制药有限公司", "润湖医药控股有限公司", "常州大学"],
        ),  # named again after its parent: still once
        ("华中科技大学同济医学院附属协和医院与企业签约。协和医院表示", ["华中科技大学同济医学院附属协和医院"]),
        ("中南大学湘雅医院与中南大学签约", ["中南大学湘雅医院", "中南大学"]),  # a hospital and its university
        ("澳门大学中华医药研究院昨日签约。澳大中华医药研究院表示", ["澳门大学中华医药研究院"]),  # 澳大 = 澳门大学
        ("天津医大总医院牵头，天津医科大学总医院表示", ["天津医科大学总医院"]),
        ("北大医院与北京大学人民医院合作", ["北大医院", "北京大学人民医院"]),  # two of a university's hospitals
        ("台湾上柜助听器厂聆康科技股份有限公司今日宣布", ["聆康科技股份有限公司"]),  # a maker's kind before the name
        ("徐汇区国有企业上海汇滨科创投资有限公司出资", ["上海汇滨科创投资有限公司"]),  # an owner's kind
        ("卫福部核准植承生医股份有限公司进驻", ["植承生医股份有限公司"]),  # 核准, which jieba tags a noun
        ("中国科学院新疆理化技术研究所参与", ["中国科学院新疆理化技术研究所"]),  # 理化 inside a name, not a verb
    ],
)
def test_a_registered_brand_a_role_an_index_and_a_foundations_short_name(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "湖北竟陵纺织服饰有限公司投产。竟陵纺织服饰与上周上市的竟陵药业没有关联",
            ["湖北竟陵纺织服饰有限公司", "竟陵药业"],
        ),  # one brand, two trades: namesakes
        (
            "楚珍药业公告，全资子公司蕲春楚珍中药科技有限公司投产。湖北楚珍药业股份有限公司营收增长",
            ["湖北楚珍药业股份有限公司", "蕲春楚珍中药科技有限公司"],
        ),  # the parent told short is the parent, not its subsidiary of another trade
        (
            "津康药业公告，向子公司天津津康生物技术有限公司增资，资金来自控股股东津康医药集团有限公司",
            ["津康药业", "天津津康生物技术有限公司", "津康医药集团有限公司"],
        ),  # a listed maker, its subsidiary and its parent: three trades, three companies
        ("维湃药业研发的新药获批。杭州维湃制药有限公司负责生产", ["维湃药业", "杭州维湃制药有限公司"]),  # 药业 ≠ 制药
        (
            "瑞序医药披露定增结果。无锡瑞序生物医药股份有限公司表示",
            ["无锡瑞序生物医药股份有限公司"],
        ),  # one of its trades
        (
            "安泽生物开工。四川安泽生物制品有限公司是安泽医药集团股份有限公司的子公司",
            ["四川安泽生物制品有限公司", "安泽医药集团股份有限公司"],
        ),
        ("瑞兴生技董事会通过议案。瑞兴生物科技股份有限公司表示", ["瑞兴生物科技股份有限公司"]),  # 生技 = 生物科技
        (
            "澄沣医药（2938.HK）晚间公告，全资子公司深圳澄沣生物医药有限公司与丹麦药企签约",
            ["澄沣医药", "深圳澄沣生物医药有限公司"],
        ),  # the parent named before its subsidiary's mark is not the subsidiary
        (
            "瑞岚生物新药获批。瑞岚医药控股有限公司公告，旗下苏州瑞岚生物医药有限公司研发的新药获批",
            ["苏州瑞岚生物医药有限公司", "瑞岚医药控股有限公司"],
        ),  # the parent is the holding company: 瑞岚生物 is the subsidiary told short
        ("衡因控股附属公司斥资12亿元建基地。衡因控股有限公司昨日公布", ["衡因控股有限公司"]),  # 附属公司 as 子公司
        ("瑞宠医疗完成融资。成都瑞宠动物医院管理有限公司表示", ["成都瑞宠动物医院管理有限公司"]),  # a hospital chain
    ],
)
def test_one_brands_companies_told_apart_by_trade_and_by_a_subsidiarys_mark(text: str, expected: list[str]) -> None:
    assert organisations_in(text) == expected
