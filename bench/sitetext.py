"""Original text for the generated portal: vocabulary, sentence templates in the biomedical-cluster
genre, the site's furniture wording, and the ``Writer`` that fills them from one seeded generator."""

from __future__ import annotations

import random

# fmt: off
DISTRICTS = ("黄埔区", "南沙区", "浦东新区", "大兴区", "江宁区", "武进区", "昌平区", "天河区", "江北新区",
             "东湖高新区", "苏州工业园区", "杭州医药港", "成都高新区", "临港新片区", "海口江东新区", "博鳌乐城")
PARKS = ("国际生物岛", "生物医药产业园", "医疗器械产业园", "细胞与基因治疗产业园", "生命科学园", "合成生物创新中心",
         "高端医疗器械创新园", "创新药孵化基地", "生物医药加速器", "中医药产业园", "精准医学产业园", "生物制造产业基地")
BRANDS = ("康瑞", "华济", "博润", "瑞普", "启明", "森泰", "恒康", "远志", "澄源", "百川安", "诺衡", "明德", "泽润",
          "安泰", "和沐", "科昕", "睿健", "盛禾", "同辉", "嘉合", "英泰", "维远", "致和", "清源")
KINDS = ("生物科技有限公司", "医药股份有限公司", "医疗器械有限公司", "基因科技有限公司", "细胞治疗技术有限公司",
         "诊断技术有限公司", "制药有限公司", "生命科学研究院")
PRODUCTS = ("创新药", "单克隆抗体", "mRNA疫苗", "细胞治疗产品", "高端医学影像设备", "体外诊断试剂", "手术机器人",
            "原料药", "基因检测试剂盒", "可降解支架", "中药配方颗粒", "核酸检测仪器", "生物材料", "人工关节")
ROLES = ("区委常委、副区长", "区科技局局长", "区发展和改革局负责人", "园区管委会主任", "企业董事长", "区投资促进局局长",
         "区卫生健康局副局长", "企业总经理", "项目负责人", "区市场监管局负责人")
# fmt: on
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁宋郑谢韩唐冯"
GIVEN = "建华国强立新志明海涛晓东文静丽娟春生卫东振宇子健雨欣嘉怡思远"

# fmt: off
TITLES = (
    "{district}{park}{n}个生物医药项目集中签约 总投资{amount}亿元",
    "{company}{product}项目在{district}开工建设",
    "{district}出台支持生物医药产业高质量发展若干措施",
    "总规模{amount}亿元的{district}生物医药产业基金正式设立",
    "{district}{park}揭牌运营 首批{n}家企业入驻",
    "{company}自主研发的{product}获批上市",
    "{company}完成{amount}亿元新一轮融资 将扩建{district}生产基地",
    "{district}举办{year}年生物医药产业创新发展大会",
    "{district}{n}家企业入选省级专精特新“小巨人”名单",
    "{district}召开生物医药产业集群推进会 部署下阶段重点工作",
    "{company}{product}产业化基地在{district}竣工投产",
    "关于印发《{district}促进医疗器械产业发展实施方案》的通知",
    "{district}与{company}签署战略合作协议 共建{park}",
    "{district}组织开展生物医药企业服务月活动",
)
# fmt: on
LEADS = (
    "{month}月{day}日，{district}{park}举行重点项目集中签约仪式，{n}个生物医药项目现场签约，计划总投资{amount}亿元。",
    "近日，{company}位于{district}的{product}项目正式开工，项目建成后预计年产值可达{amount}亿元。",
    "为加快培育生物医药产业集群，{district}日前印发新一轮产业扶持政策，从研发、转化、生产、应用等环节给予全链条支持。",
    "{month}月{day}日上午，{district}{park}揭牌仪式在园区综合服务中心举行，标志着园区正式进入运营阶段。",
    "记者从{district}获悉，由区属国资牵头发起的生物医药产业基金已完成备案，基金首期规模{amount}亿元。",
    "日前，{company}研发的{product}通过国家药品监督管理局审评，成为{district}今年获批的第{n}个创新产品。",
    "{year}年{district}生物医药产业创新发展大会{month}月{day}日开幕，来自高校、医院和企业的{n}百余名代表参会。",
)
# fmt: off
SENTENCES = (
    "据介绍，本次签约项目涵盖创新药研发、高端医疗器械、细胞与基因治疗等多个细分领域。",
    "项目总用地面积约{n}万平方米，将建设研发中心、中试平台和规模化生产车间。",
    "{role}{person}表示，将持续优化营商环境，为企业提供全生命周期服务。",
    "“我们看中的是这里完整的产业链和高效的政务服务。”{company}负责人{person}说。",
    "截至目前，{district}已集聚生物医药企业{n}百余家，其中上市企业{m}家。",
    "去年，全区生物医药产业实现产值{amount}亿元，同比增长{pct}%。",
    "下一步，{district}将围绕产业链关键环节精准招商，力争引进一批龙头企业和重大项目。",
    "园区内已建成公共技术服务平台{m}个，可为入驻企业提供检测、注册申报和临床试验对接等服务。",
    "该项目计划于{year}年底前完成主体结构建设，力争次年投产。",
    "根据措施，对首次获得药品注册证书的企业，最高给予{m}千万元奖励。",
    "对新建符合标准的生产线，按设备投资额的{pct}%给予补贴，单个项目最高不超过{m}千万元。",
    "政策明确，支持企业开展多中心临床试验，对进入三期临床的创新药给予分阶段资助。",
    "基金将重点投向早中期创新药和医疗器械项目，单个项目投资额一般不超过基金规模的{pct}%。",
    "基金采取“母基金加直投”的方式运作，吸引社会资本共同参与产业培育。",
    "会上，{n}家金融机构与园区企业签订授信协议，意向授信额度{amount}亿元。",
    "活动现场还发布了{district}生物医药产业地图和重点企业需求清单。",
    "与会专家围绕新药研发、成果转化和临床资源共享等话题进行了深入交流。",
    "据了解，{product}此前在国内多家三甲医院完成了临床试验，各项指标均达到预期。",
    "产品上市后，将有效填补国内相关领域空白，降低患者用药负担。",
    "{company}成立于{year2}年，是一家专注于{product}研发和生产的高新技术企业。",
    "本轮融资由多家知名投资机构联合领投，资金将主要用于产品管线推进和产能扩充。",
    "企业负责人介绍，新基地投产后，{product}年产能将提升至原来的{m}倍。",
    "近年来，{district}坚持把生物医药作为战略性新兴产业重点培育，产业规模持续扩大。",
    "区里建立了重点项目“一项目一专班”机制，全程跟踪协调项目建设中遇到的问题。",
    "在审批服务方面，{district}推行“拿地即开工”模式，项目从签约到开工最快只需{m}个月。",
    "园区还与周边高校和科研院所共建联合实验室，推动科研成果就地转化。",
    "人才方面，对引进的高层次人才给予安家补贴、子女入学和医疗保障等支持。",
    "此次入选企业主要分布在医疗器械、生物制药和医药研发外包等领域。",
    "截至{month}月底，{district}累计培育国家级专精特新“小巨人”企业{n}家。",
    "会议要求，各部门要压实责任，倒排工期，确保年度目标任务按期完成。",
    "会议通报了前三季度生物医药产业运行情况，分析了当前面临的形势和挑战。",
    "服务月期间，相关部门将组织政策宣讲、银企对接、人才招聘等{n}场专题活动。",
    "工作人员将深入企业走访调研，现场收集并协调解决企业反映的困难和诉求。",
    "本方案自印发之日起施行，有效期{m}年。",
    "各相关单位要结合实际认真贯彻落实，执行中遇到的问题请及时向区科技局反映。",
    "方案提出，到{year3}年，全区医疗器械产业规模力争突破{amount}亿元。",
    "同时，将加快建设医疗器械检验检测公共服务平台，缩短产品注册周期。",
    "双方将在产业招商、平台建设、人才培养等方面开展深度合作。",
    "根据协议，{company}将在{park}设立区域总部和研发中心。",
    "业内人士认为，随着一批重大项目落地，区域生物医药产业集群效应将进一步显现。",
    "{person}介绍，园区目前已签约入驻企业{n}家，预计年内入驻率将超过{pct}%。",
    "在建项目现场，施工人员正在有序开展基坑支护和桩基施工作业。",
    "按照计划，项目一期将于明年{month}月投入使用，二期同步启动规划设计。",
    "下阶段，园区将围绕生物药、化学药和医疗器械三大方向完善产业配套。",
)
NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进黄埔", "新闻中心", "政策文件", "政策解读", "规划计划",
       "财政信息", "人事信息", "统计数据", "营商环境", "招商引资", "产业发展", "科技创新", "人才服务", "民生保障",
       "教育信息", "医疗卫生", "生态环境", "城市建设", "交通出行", "应急管理", "公共资源", "政府采购", "信用信息",
       "专题专栏", "视频新闻", "图片新闻")
DEPARTMENTS = ("区发展和改革局", "区科技局", "区工业和信息化局", "区财政局", "区人力资源和社会保障局",
               "区规划和自然资源分局", "区住房和城乡建设局", "区交通运输局", "区商务局", "区卫生健康局",
               "区市场监督管理局", "区统计局", "区投资促进局", "区政务服务数据管理局", "区应急管理局",
               "区生态环境分局", "区文化广电旅游体育局", "区教育局", "区民政局", "区司法局")
CSS_RULES = ("margin:0;padding:0", "font-size:14px;color:#333", "line-height:28px", "float:left;width:{w}px",
             "background:#f5f5f5;border:1px solid #ddd", "text-align:center", "overflow:hidden;height:{w}px",
             "color:#0b4ea2;text-decoration:none", "display:block;padding:0 {h}px")
# fmt: on


# The site's notice, at the foot of each short item's page (in the desktop and again in the
# mobile footer): longer than the item and as full of punctuation as prose.
NOTICE = (
    "本网站由{site}主办，网站所登载的文字、图片、音视频等信息，除注明转载来源的以外，版权均归{site}所有。",
    "凡本网站注明“来源：{site}网站”的作品，未经书面授权，任何单位和个人不得转载、摘编、镜像或以其他方式使用；"
    "已获授权的，应在授权范围内使用，并注明“来源：{site}网站”，违者本网站将依法追究其法律责任。",
    "本网站转载的其他媒体稿件，目的在于传递更多信息，并不意味着赞同其观点或证实其内容的真实性；"
    "如对稿件内容或版权有疑问，请在作品发布之日起三十日内与本网站联系。",
    "主办单位：{site}办公室　承办单位：区政务服务数据管理局　地址：广州市黄埔区开创大道二号　邮编：510530　"
    "联系电话：020-82110000",
    "网站标识码：4401120001　粤ICP备2025000000号　粤公网安备 44011202000000号",
    "为获得更好的浏览效果，建议使用1920×1080分辨率，Chrome、Edge、Firefox等浏览器浏览本网站。",
)


class Writer:
    """Fills the templates from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def slots(self, article: dict[str, object] | None = None) -> dict[str, object]:
        """Fresh figures and people; places, company and product from ``article`` when given."""
        r = self.rng
        fresh: dict[str, object] = {
            "district": r.choice(DISTRICTS),
            "park": r.choice(PARKS),
            "company": f"{r.choice(DISTRICTS)[:2]}{r.choice(BRANDS)}{r.choice(KINDS)}",
            "product": r.choice(PRODUCTS),
            "role": r.choice(ROLES),
            "person": r.choice(SURNAMES) + "".join(r.sample(GIVEN, 2)),
            "n": r.randint(3, 60),
            "m": r.randint(2, 9),
            "pct": r.randint(5, 40),
            "amount": round(r.uniform(1.5, 320), 1),
            "year": r.choice((2024, 2025)),
            "year2": r.randint(2008, 2021),
            "year3": r.choice((2027, 2030)),
            "month": r.randint(1, 12),
            "day": r.randint(1, 28),
        }
        if article:
            fresh.update({k: article[k] for k in ("district", "park", "company", "product")})
        return fresh

    def short_item(self) -> tuple[str, list[str]]:
        """A title and a one- or two-paragraph item of roughly 40–160 characters: a lead, and half
        the time one or two more sentences, as portals post brief notices and meeting reports."""
        about = self.slots()
        title = self.rng.choice(TITLES).format(**about)
        paragraphs = [self.rng.choice(LEADS).format(**about)]
        if self.rng.random() < 0.5:
            count = self.rng.randint(1, 2)
            paragraphs.append("".join(s.format(**self.slots(about)) for s in self.rng.sample(SENTENCES, count)))
        return title, paragraphs

    def article(self, target_bytes: int) -> tuple[str, list[str]]:
        """A title and paragraphs of 2–5 sentences about one place and company, a lead first,
        until the body reaches ``target_bytes``."""
        about = self.slots()
        title = self.rng.choice(TITLES).format(**about)
        paragraphs = [self.rng.choice(LEADS).format(**about)]
        size = len(paragraphs[0].encode())
        while size < target_bytes:
            count = self.rng.randint(2, 5)
            para = "".join(s.format(**self.slots(about)) for s in self.rng.sample(SENTENCES, count))
            paragraphs.append(para)
            size += len(para.encode())
        return title, paragraphs
