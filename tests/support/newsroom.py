"""A newsroom site on 127.0.0.1 that publishes new articles whenever a test asks, and can hold one
request open: the crash test's source of fresh news for every round of kills."""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.waiting import PATIENCE

# fmt: off
COMPANIES = ["澄泓", "岚舟", "栖桐", "曜衡", "沐川", "知微", "云蔚", "青岑", "启澜", "拓谷", "衡岳",
             "朗峰", "铂宇", "瀚屿", "景禾", "晟源", "览辰", "熠泽", "霁川", "弘睿", "睿屿", "竹溪"]
DISTRICTS = ["黄埔区", "南沙区", "浦东新区", "苏州工业园区", "大兴区", "东湖新技术开发区", "天河区",
             "滨江区", "高新区", "江北新区", "龙华区"]
STORIES = [
    ("{company}等{n}个生物医药项目在{district}集中签约",
     "{day}日，{district}举行生物医药产业项目集中签约活动，{company}生物科技有限公司等{n}个项目现场签约，"
     "计划总投资{amount}亿元，涵盖抗体药物、细胞治疗和体外诊断试剂。",
     "签约项目中，{company}生物科技有限公司将建设年产能两千升的抗体中试平台，预计两年内投产。"),
    ("{district}设立{amount}亿元生物医药产业基金",
     "{district}日前宣布设立规模{amount}亿元的生物医药产业基金，由区属国有资本牵头，联合社会资本共同出资，"
     "重点投向创新药、高端医疗器械和合成生物领域的早期项目。",
     "基金管理人表示，首批拟投项目已完成尽职调查，其中包括{company}医药有限公司的一款小分子新药。"),
    ("{company}医疗器械产业园在{district}开园",
     "{day}日上午，{company}医疗器械产业园在{district}正式开园，首期建成研发楼和标准厂房共十二万平方米，"
     "已有{n}家企业签约入驻，覆盖影像设备、手术机器人和植介入器械。",
     "园区运营方介绍，园内配套建设了洁净车间和第三方检测平台，可为入驻企业缩短注册检验周期。"),
    ("{company}创新药获批开展临床试验",
     "近日，{company}药业有限公司自主研发的1类创新药获得国家药品监督管理局临床试验批准，"
     "拟用于治疗晚期实体瘤，这是该公司今年第{n}个获批临床的在研品种。",
     "该公司位于{district}，研发团队约三百人，累计研发投入超过{amount}亿元。"),
]
# fmt: on


@dataclass(frozen=True)
class Story:
    """One newsroom article: a happening of its own, dated far from every other round's."""

    number: int
    title: str
    published: date
    body: list[str]


def story(number: int) -> Story:
    kind = STORIES[number % len(STORIES)]
    published = date(2026, 1, 5) + timedelta(days=20 * (number // 2) + 9 * (number % 2))
    facts = {
        "company": COMPANIES[number % len(COMPANIES)],
        "district": DISTRICTS[number % len(DISTRICTS)],
        "n": 3 + number % 7,
        "amount": 12 + 7 * number,
        "day": published.day,
    }
    return Story(
        number,
        kind[0].format(**facts),
        published,
        [line.format(**facts) for line in kind[1:]]
        + ["下一步，当地将围绕生物医药全产业链持续优化营商环境，推动更多成果在本地转化落地。"],
    )


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A killed run hangs up mid-answer: expected here."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Newsroom:
    """A list page and its articles; ``publish`` adds articles, ``hold`` keeps one request open."""

    def __init__(self) -> None:
        self.stories: list[Story] = []
        self.requests: list[str] = []
        self.hold_path: str | None = None
        self.held = threading.Event()
        self.release = threading.Event()
        self.server = _QuietServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def let_go(self) -> None:
        """Answer the held request and hold no more."""
        self.hold_path = None
        self.release.set()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    @staticmethod
    def path(s: Story) -> str:
        return f"/xwzx/content/post_{3000 + s.number}.html"

    def publish(self, count: int) -> list[Story]:
        new = [story(len(self.stories) + i) for i in range(count)]
        self.stories += new
        return new

    def page(self, path: str) -> str | None:
        if path == "/xwzx/index.html":
            items = "".join(
                f'<li><a href="{self.path(s)}">{s.title}</a><span>{s.published}</span></li>'
                for s in reversed(self.stories)
            )
            return (
                f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>区内动态_测试区人民政府</title>'
                f'</head><body><div class="nav"><a href="/">首页</a></div><ul class="list">{items}</ul>'
                f"</body></html>"
            )
        for s in self.stories:
            if path == self.path(s):
                paragraphs = "".join(f"<p>{line}</p>" for line in s.body)
                return (
                    f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{s.title}_测试区人民政府</title>'
                    f'</head><body><div class="article"><h1>{s.title}</h1><div class="info">发布时间：'
                    f'{s.published} 10:00　来源：区科技局</div><div class="content">{paragraphs}</div>'
                    f"</div></body></html>"
                )
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        room = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                room.requests.append(self.path)
                if self.path == room.hold_path:
                    room.held.set()
                    room.release.wait(PATIENCE)
                body = room.page(self.path)
                data = (body or "<h1>404</h1>").encode("utf-8")
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
