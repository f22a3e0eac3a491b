"""Where a Chinese organisation's name ends after a weak form (…生物, …医药, …制药): a brand's field ends
it, a noun or a park's form after it carries the phrase on (医药产业, 通化医药高新区). Reading the name
back from its form is ``pipelines.chinese_organizations``.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.cuts import split_brand
from pipelines.name_words import FUNCTION_CHARS, INDUSTRY_WORDS, NOUNLIKE_AFTER
from pipelines.park_forms import FORMS as PARK_FORMS
from pipelines.text import is_chinese, known_word, tag

# Characters jieba leaves alone after an industry word that make it a park's name (福城医药 / 园).
_PARK_TAILS = {"园", "园区", "城", "新城", "港", "谷", "岛", "小镇"}

# A city's or county's maker told by its place (梧州制药, 永昌本草, 东昌药业), where a province's is its industry (江西制药).
PLACE_MAKERS = ("制药", "本草", "药业")


def ends_name(tokens: Sequence[str], i: int) -> bool:
    """A weak form ends a name when what follows is not another noun (医药产业, 生物技术) nor a
    park's form (通化医药高新区: the zone's industry)."""
    before = tokens[i - 1] if i else ""
    brand = split_brand(tokens, i - 1) or (
        len(before) == 2
        and is_chinese(before)
        and tag(before) is None
        and not known_word(before)
        and not {before[0], before[-1]} & (FUNCTION_CHARS | {"不"})
        and before not in INDUSTRY_WORDS
    )
    maker = tag(before) in _BRAND_TAGS or (tag(before) == "ns" and tokens[i] in PLACE_MAKERS)
    if maker and _product_then_site(tokens, i + 1):
        return True  # 秦岭 本草 / 中药饮片 基地, 峡江 制药 / 原料药 基地: a maker's base, told by its product
    for nxt in tokens[i + 1 : i + 3]:
        if nxt.isspace():
            continue
        if nxt.endswith(PARK_FORMS) or nxt in _PARK_TAILS:
            return False
        if nxt in _MARKET_TAILS or (tokens[i].endswith("资本") and nxt in _CAPITAL_TAILS):
            return False  # 柜买 生技 指数, 基地 资本 开支: a market's index or sector, a capital expenditure
        if nxt == "创新" and tokens[i].endswith("科技"):
            return False  # 大零号湾 科技 创新 策源功能区: sci-tech innovation, no company's field
        t = tag(nxt)
        if brand and t is not None and nxt not in _NAME_GOES_ON:
            return True  # a brand jieba does not know ends at its field: 澄因生物 / 病毒载体平台
        return (t is None and not is_chinese(nxt)) or (t is not None and t not in NOUNLIKE_AFTER)
    return True


_BRAND_TAGS = {"nr", "nrt", "nrfg", "nz"}
_MARKET_TAILS = {"指数", "类股", "板块", "概念股", "股"}
_CAPITAL_TAILS = {"支出", "开支", "市场", "运作", "开销"}
_SITES = {"基地", "项目", "工厂", "生产线", "产线", "厂房", "新厂"}


def _product_then_site(tokens: Sequence[str], k: int) -> bool:
    """Nouns, then a site (中药饮片 基地, 原料药 及 制剂 基地, 中药 提取 及 配方 颗粒 基地): what a company
    makes, then where it makes it."""
    for n, word in enumerate(tokens[k : k + 7]):
        if word in _SITES:
            return n > 0 and tag(tokens[k]) == "n"
        if word not in _PRODUCT_JOINS and tag(word) not in {"n", "vn", "v"}:
            return False
    return False


_PRODUCT_JOINS = {"及", "和", "与", "、"}


# Words that carry a company's name on after its field (澄海生物 医药, 恒泰医药 科技).
_NAME_GOES_ON = (
    "医药",
    "制药",
    "科技",
    "技术",
    "工程",
    "生物",
    "材料",
    "器械",
    "医疗",
    "药业",
    "股份",
    "控股",
    "集团",
    "产业",
    "健康",
    "科学",
    "实业",
    "发展",
)
