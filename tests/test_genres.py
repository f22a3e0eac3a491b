"""Genres that report no happening (job ads, market talk, commentary, appointments, promotion tours…)
and headlines that name none (features, reviews, proposals): articles that talk about an industry."""

from __future__ import annotations

from pipelines.event_types import event_type, genre, triggered
from pipelines.text import segment


def test_genres_that_report_no_happening() -> None:
    assert genre(segment("诚聘医药代表"), segment("")) == "job ad"
    assert genre(segment("医疗器械产业园办首场专场招聘会 20家企业提供岗位500余个"), segment("")) == "job ad"
    assert genre(segment("Science Park biotech fair draws 2,000 job seekers"), segment("")) == "job ad"
    assert genre(segment("医药板块午后跳水"), segment("")) == "market"
    assert genre(segment("营收增速放缓：康瑞药业三季报透露了什么"), segment("")) == "market"  # results talk
    assert genre(segment("康晉醫藥第三季度純利跌一成"), segment("")) == "market"
    assert genre(segment("瑞興生技9月營收年增21% 大陸擴產案仍在評估"), segment("")) == "market"  # results first
    assert (
        genre(
            segment("Ashworth Therapeutics posts wider third-quarter loss, says upfront will extend runway"),
            segment(""),
        )
        == "market"
    )
    assert genre(segment("瑞興生技擴產案開工 9月營收年增21%"), segment("")) is None  # the happening first
    assert genre(segment("广澜生物三日累涨近18% 公司回复：扬州基地投产前不贡献收入"), segment("")) == "market"
    assert genre(segment("江澜医疗上市首日中一签浮盈约1.64万元"), segment("")) == "market"  # a subscription's gain
    assert genre(segment("江澜医疗登陆创业板 首日收涨114.5%"), segment("")) is None  # the listing is the news
    assert genre(segment("冀港医药股价两日回吐近一成"), segment("")) == "market"  # gains given back
    assert genre(segment("皖清生物次日跌穿开市价"), segment("")) == "market"
    assert genre(segment("苍洱医药连跌两日"), segment("")) == "market"
    assert genre(segment("禾澄医药连跌两日 分析师：扩产利好已反映"), segment("")) == "market"  # not the expansion
    assert genre(segment("Hengtai Shares Give Back Gains as Analysts Weigh Cost of Plant"), segment("")) == "market"
    assert genre(segment("Hong Kong biotech stocks slip as new listings cool"), segment("")) == "market"
    assert genre(segment("疫苗板块午后走弱 诺岚生物开工利好未能延续"), segment("")) == "market"  # a sector's day
    assert (
        genre(segment("大行上调嘉澍目标价至7.2港元 指新厂投产改善毛利"), segment("")) == "market"
    )  # a broker's target
    assert genre(segment("Chaihe Medical gives back part of debut gain"), segment("")) == "market"
    assert genre(segment("渝澄药业新药获批 券商上调目标价"), segment("")) is None  # the approval first
    assert genre(segment("Hengtai Lists on the Stock Exchange of Hong Kong"), segment("")) is None
    assert genre(segment("中医药大学获批新增中药制药等4个本科专业"), segment("")) == "education"
    assert genre(segment("Henan Cancer Hospital opens biliary tract cancer clinic"), segment("")) == "health service"
    assert genre(segment("Ximing Biotech raises US$50 million to take RNA drugs to clinic"), segment("")) is None
    assert genre(segment("Sino Biologics posts higher net profit"), segment("")) == "market"
    assert genre(segment("和睿生物首日挂牌 股价高开"), segment("")) is None  # a listing is news
    assert genre(segment("澄朗生物上市第三日 股价高位震荡"), segment("")) == "market"  # a later trading day is not
    assert genre(segment("Changnan Bio slips on second day as biotech debuts cool"), segment("")) == "market"
    assert genre(segment("Expo enters second day with 300 exhibitors"), segment("")) == "trade show"  # not market
    assert genre(segment("川港医药升势放缓 分析：新厂2028年后方见贡献"), segment("")) == "market"
    assert genre(segment("翠港药业建厂后股价回软"), segment("")) == "market"
    assert genre(segment("中医药博览会下周开幕 不安排项目集中签约"), segment("")) == "promotion"  # a signing denied
    assert genre(segment("Herb fair draws buyers, but no deals signed"), segment("")) == "promotion"
    assert genre(segment("中医药文化周开幕 不设项目签约环节"), segment("")) == "promotion"
    assert genre(segment("医疗展下月登场 主办方：不设投资签约环节"), segment("")) == "promotion"
    assert genre(segment("密州药业开工新基地次日涨停 机构称产能释放仍需时日"), segment("")) == "market"
    assert genre(segment("贺州学院举办开放日 明年新增制药工程和康复治疗学专业"), segment("")) == "education"
    assert genre(segment("Baokang Medical gives back gains on second day of trading"), segment("")) == "market"
    assert genre(segment("高新区赴上海推介生物医药产业 40家企业现场洽谈"), segment("")) == "promotion"
    assert genre(segment("Biotech park pitches to investors at Tokyo roadshow"), segment("")) == "promotion"
    assert genre(segment("推介会上集中签约12个生物医药项目"), segment("")) is None  # a signing at a promotion
    assert genre(segment("医药产业园成立党建联盟 企业党组织结对共建"), segment("")) == "party work"
    assert genre(segment("某县赴沪举办生物医药产业招商推介会"), segment("")) == "promotion"  # 推介会, one word
    assert genre(segment("Biomedical forum draws investors, no deals announced"), segment("")) == "promotion"
    assert genre(segment("国庆假期本澳药房营业安排公布"), segment("")) == "notice"
    assert genre(segment("某市前三季度地区生产总值增长5.8%"), segment("")) == "statistics"
    assert genre(segment("Hong Kong biotech stocks extend rally"), segment("")) == "market"
    assert genre(segment("舟山来港推介海洋经济 未有项目签约"), segment("")) == "promotion"  # a signing denied
    assert genre(segment("醫藥股午後回落 兩隻個股跌幅居前"), segment("")) == "market"
    assert genre(segment("推介会后两周 三明高新区签下首个医用敷料项目"), segment("")) is None  # 签下 is a signing
    assert genre(segment("某医专举办校园开放日 药学专业扩招"), segment("")) == "education"
    assert genre(segment("岭澳中药续升 分析：新厂三年后才见效"), segment("")) == "market"  # the rise goes on
    assert genre(segment("亳州药市冬季行情：白芍价格小幅回落"), segment("")) == "market"  # a herb market's prices
    assert genre(segment("桐江药业第二个交易日跌破首日收市价"), segment("")) == "market"
    assert genre(segment("《某经开区支持医疗器械产业发展八条措施》政策解读"), segment("")) == "explainer"
    assert genre(segment("某市人民医院东区院区投入使用 新增床位900张"), segment("")) == "health service"  # a campus
    assert genre(segment("生命健康小镇公交首末站启用"), segment("")) == "notice"
    assert genre(segment("Talent flats next to the biomedical park go on sale"), segment("")) == "advertisement"
    assert genre(segment("醫藥股午後走弱 某H股跌逾3%"), segment("")) == "market"
    assert genre(segment("萬泰生物股價兩日漲近一成 分析師提示追高風險"), segment("")) == "market"
    assert genre(segment("三生製藥兩日飆近兩成 券商：首付款已反映於股價"), segment("")) == "market"  # a move in tenths
    assert genre(segment("某高新区前10月规上工业增加值增长9.8%"), segment("")) == "statistics"
    assert genre(segment("某药企授权海外药企口服新药 首付2.5亿美元"), segment("")) is None  # an upfront payment
    assert genre(segment("人才公寓首付两成起"), segment("")) == "advertisement"


def test_features_reviews_and_proposals_name_no_happening() -> None:
    lead = segment("去年6月，细胞谷正式开园，首批企业签约入驻。")  # background, not this report's news
    assert triggered(segment("细胞谷这一年：一份生物医药成绩单"), lead) is False
    assert triggered(segment("代表建议加快医疗器械审评"), segment("")) is False
    assert triggered(segment("Deputies call for more support for medical device makers"), segment("")) is False
    assert triggered(segment("周年庆上签约5个医疗器械项目"), segment("")) is True  # a signing on an anniversary
    assert triggered(segment("细胞谷新一批企业签约入驻"), lead) is True
    assert genre(segment("黄埔区生物医药产业园开园"), segment("园区首批企业入驻。")) is None


def test_an_industry_alliance_founded_is_a_happening_and_a_party_building_one_is_not() -> None:
    assert triggered(segment("湖北省高端医疗器械产业创新联盟成立"), segment("")) is True
    assert triggered(segment("大灣區臨床研究與轉化聯盟橫琴成立"), segment("")) is True
    assert (
        triggered(segment("Clinical research alliance for Greater Bay Area launched in Hengqin"), segment("")) is True
    )
    assert event_type(segment("湘雅医院牵头成立医疗器械临床评价创新联盟"), segment(""), segment("")) == "other"
    assert triggered(segment("生物医药产业园成立党建联盟"), segment("")) is False
    assert triggered(segment("医疗器械产业创新联盟秘书长谈行业趋势"), segment("")) is False


def test_commentary_results_and_appointments_report_no_happening() -> None:
    column = segment("Opinion: China's licensing boom is real, but the upfront money tells the story")
    assert genre(column, segment("")) == "commentary"  # a column on a deal joins no event of it either
    assert genre(segment("Opinion: what biopharma parks need next"), segment("")) == "commentary"
    assert genre(segment("券商研报：中国创新药对外授权首付款今年已超55亿美元"), segment("")) == "commentary"
    said = segment("Kestrel's margin squeeze to persist as new plant ramps up, analysts say")
    assert genre(said, segment("")) == "commentary"
    assert (
        triggered(segment("At a biotech forum, bankers say the 18A pipeline is the fullest since 2021"), segment(""))
        is False
    )
    assert genre(segment("Kestrel raises US$50 million as analysts cheer"), segment("")) is None  # the round first
    assert genre(segment("Kestrel Biosciences Reports Third Quarter 2026 Financial Results"), segment("")) == "market"
    hire = segment("Fangda Partners adds Hong Kong capital markets partner from Davis Polk")
    assert genre(hire, segment("")) == "personnel"
    assert genre(segment("某生物医药集团任命新任总裁"), segment("")) == "personnel"
    assert genre(segment("山西黄芪收购价小幅上涨 配方颗粒企业投产带动需求"), segment("")) == "market"  # a crop's price


def test_rankings_of_schools_forums_fairs_stores_warnings_advice_and_interviews_report_no_happening() -> None:
    assert genre(segment("2026中国大学医学学科排名发布 川大位居前列"), segment("")) == "education"
    assert genre(segment("Chinese universities climb in global pharmacy subject ranking"), segment("")) == "education"
    assert genre(segment("长江生物医药学术论坛在汉举行"), segment("")) == "conference"
    assert genre(segment("生物医药产业论坛举行 集中签约8个项目"), segment("")) is None  # a signing at a forum
    assert genre(segment("第十届医疗器械博览会展馆布局公布"), segment("")) == "trade show"
    assert genre(segment("Korean drugmaker picks Sinopharm as China partner at import expo"), segment("")) is None
    assert genre(segment("益澜大药房第300家门店在长沙开业"), segment("")) == "retail"  # a store's opening
    assert genre(segment("Cross-border supplement store opens in free trade zone"), segment("")) == "retail"
    assert genre(segment("澜岳生物發盈警 股價急挫9%"), segment("")) == "market"
    assert genre(segment("警惕“创新药原始股”骗局"), segment("")) == "warning"
    assert genre(segment("Q&A: a chief scientist on China's race for an obesity pill"), segment("")) == "commentary"
    assert genre(segment("药企董事长：西部生物科技估值仍有折让"), segment("")) == "commentary"
    assert genre(segment("市医院牵头组建医联体 12家县医院加入"), segment("")) == "health service"
    assert genre(segment("內地醫院排行榜出爐 華西醫院專科聲譽居前"), segment("")) == "health service"
    assert genre(segment("Xi'an hosts national immunology congress"), segment("")) == "conference"
    assert genre(segment("Two universities top new biomedical engineering ranking"), segment("")) == "education"
    assert genre(segment("家用血压计怎么选？医生提醒认准注册证"), segment("")) == "advice"


def test_cosmetics_stores_property_meetings_and_science_weeks_report_no_biomedical_happening() -> None:
    assert genre(segment("岚芷生物完成2亿元B轮融资 主打植物提取护肤品"), segment("")) == "cosmetics"  # decides
    assert genre(segment("合成生物美妆原料项目签约高新区 总投资5亿元"), segment("")) == "cosmetics"
    assert genre(segment("Skincare brand Velune opens plant in Hangzhou"), segment("")) == "cosmetics"
    assert genre(segment("Pharmacy chain opens 40 stores in rural Guizhou"), segment("")) == "retail"
    assert genre(segment("Herbal tea maker opened 12 shops in Foshan"), segment("")) == "retail"
    assert genre(segment("Fujian hospital tops ranking of TCM hospitals"), segment("")) == "health service"
    assert genre(segment("南沙新盘主打「康养社区」 均价每平方米5.2万元"), segment("")) == "advertisement"
    assert genre(segment("澜颐药业股东周年大会 主席称暂无收购计划"), segment("")) == "commentary"
    assert genre(segment("Biomedicine institute opens labs to the public for science week"), segment("")) == "education"
    assert genre(segment("岚芷生物完成2亿元B轮融资 加码抗体新药"), segment("")) is None  # a drug maker's round
