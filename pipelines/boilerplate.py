"""Page furniture in extracted text: the lines trimmed from a body's edges (headline repeat, editor,
source, share, copyright), the site notices that make a block a footer, and whether a text reads as
an article at all rather than a menu, a link list or a footer.

Patterns only, each holding on Chinese news pages in general: none names a site.
"""

from __future__ import annotations

import re

# Shorter bodies are list pages, stubs or error pages rather than articles: a short Chinese
# news item is one ~80-character paragraph, an English one ~300 characters.
MIN_BODY_CHARS = {"en": 200, "zh-hans": 40, "zh-hant": 40}

_CHARS = re.compile(r"[\W_]+", re.UNICODE)

# Body lines that are page furniture, never article text (matched only on short lines).
_FURNITURE = re.compile(
    r"^(?:[\s【\[(（]*(?:打印|关闭|打印本页|关闭窗口|返回顶部|返回|收藏|纠错|我要纠错|推荐|"
    r"大|中|小|默认|字号|字体)[\s】\])）:：|/]*)+$"
    r"|^[\s【\[]*(?:字号|字体)[:：].*$"
    r"|^[\s【\[]*分享(?:到|至)?[:：]?\s*(?:微信|微博|QQ|朋友圈|空间|豆瓣|\s|$).*$"
    r"|^(?:扫一扫|扫描二维码|微信扫一扫|用微信扫描).*$"
    r"|^(?:上一篇|下一篇|上一条|下一条)[:：].*$"
    r"|^(?:分享让更多人看到|正在加载.*|加载中.*|点击加载更多|展开全文|收起|阅读全文)$"
    r"|^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页$|^.{0,12}(?:上一页|下一页).{0,12}$"
    r"|^[\s\W_]+$"
    r"|^(?:Advertisement|ADVERTISEMENT|Share this article|Share\b.{0,20})$"
)
# Headings that start the related-news block after an article: everything after them goes.
_SECTION_END = re.compile(
    r"^[\s【\[]*(?:相关新闻|相关阅读|相关链接|相关文章|相关报道|相关稿件|延伸阅读|推荐阅读|热点推荐|"
    r"热门推荐|精彩推荐|猜你喜欢|为你推荐|更多精彩|热门文章|热点新闻|图片新闻|最新新闻)[\s】\]:：>》]*$"
)
# Editor / source / byline / view-count lines that sit at the start or end of a body.
_EDGE = re.compile(
    r"^[\s【\[(（]*(?:责任编辑|责编|编辑|审核|审校|校对|终审|初审|复审|二审|三审|编审|监制|值班编辑|"
    r"网络编辑|新媒体编辑|撰稿|作者|记者|通讯员|摄影|摄像|实习生|来源|稿源|文章来源|信息来源|新闻来源|"
    r"本文来源|出处|原标题|发布时间|发布日期|发表时间|浏览次数|阅读次数|点击数|访问量|阅读量|"
    r"【?纠错)\s*[:：].*$"
)
# Bylines and sign-offs: "本报记者 王某 发自北京", "（袁源）", "关注公众号：…".
_BYLINE = re.compile(
    r"^(?=[^，。！？]{0,30}$).*(?:记者|通讯员|编译|特约撰稿).*$|^[（(][^，。！？()（）]{1,12}[)）]$"
    r"|^(?:关注|微信)?公众号[:：].*$|^.{0,30}[（(]?(?:来源|稿源)[:：].*$"
)
_INFO_LINE = re.compile(r"^[\s]*(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[\s\d:：]*).{0,40}$")
# The site's notices — copyright, licence numbers, who runs the site — that make up a footer.
_NOTICE = re.compile(
    r"版权所有|Copyright|©|ICP备|ICP证|公网安备|网站标识码|主办单位|All [Rr]ights [Rr]eserved|"
    r"转载.{0,12}注明|"
    r"未经.{0,10}(?:授权|许可).{0,10}(?:转载|使用)"
)

# A sentence ends in the line: Chinese full stops anywhere, a Latin one before a space or the end.
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s|$|[\"”’])")
_PROSE_SHARE = 0.6  # of an article's characters, at least, in lines that are sentences


def squash(text: str) -> str:
    """Letters and digits only, lower-cased: how headlines and lines are compared."""
    return _CHARS.sub("", text).lower()


def is_notice(text: str) -> bool:
    """A site notice (copyright, ICP licence, site owner): footer text, not article text."""
    return bool(_NOTICE.search(text))


def reads_as_article(text: str, lang: str) -> bool:
    """At least an item's length of sentences, making up most of the text: a menu or link list has
    short lines without sentence ends, a footer has site notices, and neither qualifies."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    total = sum(map(len, lines))
    prose = sum(
        len(line) for line in lines if len(line) >= 10 and _SENTENCE_END.search(line) and not _NOTICE.search(line)
    )
    return prose >= MIN_BODY_CHARS[lang] and prose >= _PROSE_SHARE * total


def _is_title_line(line: str, title: str) -> bool:
    a, b = squash(line), squash(title)
    return bool(a) and len(b) >= 4 and (a == b or (b in a and len(a) <= len(b) * 1.3 + 2))


def _edge_line(line: str) -> bool:
    """A line that is not article text when it opens or closes a body."""
    return len(line) <= 80 and (len(line.strip()) <= 4 or bool(_EDGE.match(line) or _BYLINE.match(line)))


def trim_boilerplate(body: str, title: str) -> str:
    """Drop the headline repeat, info/editor/share/copyright lines at either end, furniture lines
    anywhere, and a trailing related-news section (a heading in the second half, or one followed by
    headlines only) — patterns that hold on any Chinese news page."""
    lines = [line for line in body.split("\n") if line.strip()]
    for count in range(1, min(4, len(lines)) + 1):
        if _is_title_line("".join(lines[:count]), title):
            lines = lines[count:]
            break
    lines = [line for line in lines if not (len(line) <= 60 and _FURNITURE.match(line))]
    for index, line in enumerate(lines):
        if (
            len(line) <= 20
            and _SECTION_END.match(line)
            and (index >= len(lines) / 2 or not any("。" in later for later in lines[index + 1 :]))
        ):
            lines = lines[:index]  # a late heading, or one over headlines only: a short item's sidebar
            break
    while lines and (_edge_line(lines[0]) or _INFO_LINE.match(lines[0])):
        lines = lines[1:]
    while lines and (_edge_line(lines[-1]) or _NOTICE.search(lines[-1])):
        lines = lines[:-1]
    head = [line for line in lines[:3] if not (len(line) <= 40 and (_BYLINE.match(line) or _EDGE.match(line)))]
    tail = [line for line in lines[3:][-3:] if not (len(line) <= 40 and (_BYLINE.match(line) or _EDGE.match(line)))]
    lines = head + lines[3:][:-3] + tail if len(lines) > 6 else lines
    return "\n".join(lines)
