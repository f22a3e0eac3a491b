"""Whether an English word is a Chinese name spelt in pinyin (Lanfeng, Yuanhe, Chengtai): the brand of a
Chinese company named in English, where an English word (Capital, Medicine) is a name's field."""

from __future__ import annotations

import re
from functools import lru_cache

# fmt: off
_SYLLABLES = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha
chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui
cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er
fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha
hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong
jiu ju juan jue jun ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le
lei leng li lia lian liang liao lie lin ling liu long lou lu lv luan lue lun luo ma mai man mang mao me mei men meng mi
mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu
nv nuan nue nuo o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin
qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen
seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su
suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen
weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu
yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua
zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
""".split())
# fmt: on
# Spellings English words seldom have and pinyin often does; without one, "Medicine" (me-di-ci-ne) is English.
_PINYIN_MARKS = re.compile("zh|x|q|ao|ou|ai|ei|ui|ang|eng|ing|ong|ian|uan|iao|iu|ua|uo|ue")


def romanised(word: str, marked: bool = True) -> bool:
    """Two or more pinyin syllables and, if ``marked``, a spelling of pinyin's own (Lanfeng, Yuanhe, Hengrui;
    Hanhe only where the words around say a brand follows)."""
    w = word.lower()
    return w.isascii() and w.isalpha() and (not marked or bool(_PINYIN_MARKS.search(w))) and (_syllables(w) or 0) >= 2


@lru_cache(maxsize=4096)
def _syllables(w: str) -> int | None:
    """The fewest pinyin syllables ``w`` splits into, None if it does not."""
    if not w:
        return 0
    counts = [
        n + 1 for k in range(1, min(6, len(w)) + 1) if w[:k] in _SYLLABLES and (n := _syllables(w[k:])) is not None
    ]
    return min(counts, default=None)
