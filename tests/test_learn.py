"""A model learned from labelled examples: one more input to relevance, never alone, never a veto.

`newswatch learn` trains each watch with ``examples`` and stores the model in the models
directory; analysis loads it. A confident model makes a report that names a happening relevant
without a keyword; a low score removes no match; a bad examples file is one line naming the
file and line, exit status 2.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from config import Watch, parse
from pipelines import learn
from pipelines.analyse import analyse, context, learn_models
from pipelines.article import Article
from pipelines.text import segment
from pipelines.watches import CONFIDENT, match

ROOT = Path(__file__).resolve().parent.parent

# Original examples: biotech companies' happenings are relevant, other industries' are not.
# fmt: off
RELEVANT = [
    ("康诺细胞完成3亿元B轮融资", "康诺细胞专注于细胞治疗和基因治疗药物研发，本轮资金将用于抗体药物临床试验和GMP生产基地建设。"),
    ("瑞和基因治疗产线在知识城投产", "瑞和基因的病毒载体和细胞治疗产线投产，可满足多款抗体和基因治疗药物的临床样品生产。"),
    ("安泽抗体药物获批开展临床试验", "安泽生物自主研发的双特异性抗体获得临床试验批件，将用于实体瘤治疗，公司同时推进细胞治疗管线。"),
    ("恒泰疫苗产业化基地开工", "恒泰疫苗基地建设mRNA疫苗和抗体药物生产线，配套细胞培养和基因检测实验室。"),
    ("博康药业创新抗体药物上市申请获受理", "博康药业的抗体药物用于自身免疫疾病治疗，此前已完成三期临床试验，细胞株由公司自主构建。"),
    ("Kanglin Therapeutics raises funds for gene therapy", "The cell and gene therapy developer will use the money "
     "for antibody trials and a viral vector plant."),
]
NOT_RELEVANT = [
    ("芯源半导体完成5亿元C轮融资", "芯源半导体专注于车规级芯片设计，本轮资金将用于晶圆测试和封装产线建设。"),
    ("新能源汽车零部件项目签约落户", "项目主要生产电池壳体和电机控制器，投产后年产值预计超过20亿元。"),
    ("智能家居产业园开园", "园区首批入驻扫地机器人、智能门锁和家电企业，配套建设展示中心和物流仓库。"),
    ("先进材料企业获批省级工程中心", "企业主攻碳纤维复合材料和特种涂料，产品用于航空和轨道交通。"),
    ("光伏组件基地项目开工", "基地建设高效光伏组件和储能电池生产线，年产能达到10吉瓦。"),
    ("Battery maker opens new plant", "The lithium battery plant will supply electric vehicle makers and energy "
     "storage projects."),
]
# fmt: on
# Names a happening (融资 in the headline) with no keyword of the watch below.
UNSEEN = ("启源细胞完成2亿元A轮融资", "启源细胞是一家细胞治疗和基因治疗药物研发企业，资金将用于抗体药物临床试验。")


def _config(tmp_path: Path, examples: str | None = "examples.jsonl", **watch: object) -> object:
    entry = {"name": "biomed", "keywords": ["生物医药"], **watch}
    if examples:
        entry["examples"] = examples
    raw = {"storage": {"database": "news.db"}, "watches": [entry]}
    return parse(raw, tmp_path / "config.toml", {})


def _write_examples(path: Path, lines: list[object] | None = None) -> None:
    if lines is None:
        lines = [{"title": t, "body": b, "lang": "zh-hans", "relevant": True} for t, b in RELEVANT]
        lines += [{"title": t, "body": b, "relevant": False} for t, b in NOT_RELEVANT]
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
        encoding="utf-8",
    )


def _article(title: str, body: str) -> Article:
    return Article(
        url="http://127.0.0.1/a.html",
        source="s",
        title=title,
        published_at=None,
        lang="zh-hans",
        body=body,
        fetched_at="2025-11-18T00:00:00+00:00",
        content_hash="h",
    )


@pytest.mark.slow
def test_a_confident_model_makes_a_report_of_a_happening_relevant_without_a_keyword(tmp_path: Path) -> None:
    _write_examples(tmp_path / "examples.jsonl")
    config = _config(tmp_path)
    assert analyse(_article(*UNSEEN), config)["watches"] == []  # the rules alone: no keyword
    [result] = learn_models(config)
    assert result.path == tmp_path / "news.db.models" / "biomed.npz" and result.path.exists()
    assert (result.examples, result.relevant) == (12, 6)
    model = learn.load(result.path)
    assert learn.score(model, *UNSEEN) >= CONFIDENT
    assert learn.score(model, "锂电池隔膜项目签约落户", "项目生产锂电池隔膜和储能电池材料。") < 0.5
    assert analyse(_article(*UNSEEN), config)["watches"] == ["biomed"]


@pytest.mark.slow
def test_the_model_alone_is_not_evidence_an_article_must_name_a_happening(tmp_path: Path) -> None:
    _write_examples(tmp_path / "examples.jsonl")
    config = _config(tmp_path)
    learn_models(config)
    feature = ("细胞治疗企业的成长观察", "启源细胞是一家细胞治疗和基因治疗药物研发企业，抗体药物临床试验进展顺利。")
    assert learn.score(learn.load(learn.model_path(config, "biomed")), *feature) >= CONFIDENT
    assert analyse(_article(*feature), config)["watches"] == []


def test_a_low_score_removes_no_match_and_vetoes_still_apply() -> None:
    watch = Watch(name="biomed", keywords=("生物医药",), exclude=("招聘",))
    g = context(
        parse({"watches": [{"name": "w", "keywords": ["x"]}]}, Path("/tmp/newswatch-test/config.toml"), {})
    ).gazetteer

    def verdict(title: str, body: str, learned: float | None) -> object:
        t, b = segment(title), segment(body)
        return match(watch, t, b, b, [], g, "park", triggered=True, learned=learned)

    park = ("生物医药产业园开园", "首批企业入驻。")
    assert verdict(*park, learned=0.01) == verdict(*park, learned=None) and not verdict(*park, learned=None).weak
    assert verdict("芯片产业园开园", "首批企业入驻。", learned=None) is None
    assert not verdict("芯片产业园开园", "首批企业入驻。", learned=0.95).weak
    assert verdict("细胞治疗企业招聘启事", "招聘研发人员。", learned=0.99) is None  # exclude still vetoes


def test_a_saved_model_loads_with_the_same_scores(tmp_path: Path) -> None:
    vectors = [learn.features(segment(t), segment(b)) for t, b in RELEVANT + NOT_RELEVANT]
    model = learn.train(vectors, [True] * len(RELEVANT) + [False] * len(NOT_RELEVANT))
    learn.save(model, tmp_path / "m.npz")
    loaded = learn.load(tmp_path / "m.npz")
    assert (loaded.examples, loaded.relevant) == (12, 6)
    for title, body in [UNSEEN, *NOT_RELEVANT]:
        assert learn.score(loaded, title, body) == pytest.approx(learn.score(model, title, body), abs=1e-6)


def test_the_bench_label_format_is_read_for_the_named_watch(tmp_path: Path) -> None:
    path = tmp_path / "labelled.jsonl"
    _write_examples(
        path,
        [
            {"title": "a", "body": "b", "lang": "en", "labels": {"relevant": {"biomed": True, "chips": False}}},
            {
                "title": "c",
                "body": "d",
                "lang": "en",
                "labels": {"relevant": {"chips": True}},
            },  # not labelled for biomed
            "",
            {"title": "e", "body": "f", "relevant": {"biomed": False}},
        ],
    )
    assert [e.relevant for e in learn.read_examples(path, "biomed")] == [True, False]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (['{"title": "a", "body": "b", "relevant": true}', '{"title": "c", body: "d"}'], "examples.jsonl:2: not JSON"),
        (['{"title": "a", "body": "b", "relevant": true}', '["c", "d"]'], "examples.jsonl:2: expected a JSON object"),
        (
            ['{"title": "a", "body": "b", "relevant": true}', "", '{"title": "c", "relevant": false}'],
            "examples.jsonl:3: 'body' must be a string",
        ),
        (['{"title": "a", "body": "b", "relevant": "yes"}'], 'examples.jsonl:1: needs "relevant": true or false'),
        (['{"title": "a", "body": "b", "relevant": true}'], "needs examples labelled relevant and not relevant"),
    ],
    ids=["json", "not-object", "no-body", "label", "one-class"],
)
def test_a_malformed_examples_file_is_one_line_naming_file_and_line(
    tmp_path: Path, lines: list[str], expected: str
) -> None:
    _write_examples(tmp_path / "examples.jsonl", lines)
    (tmp_path / "config.toml").write_text(
        '[[watches]]\nname = "biomed"\nkeywords = ["生物医药"]\nexamples = "examples.jsonl"\n', encoding="utf-8"
    )
    result = run_cli("--config", str(tmp_path / "config.toml"), "learn")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and expected in result.stderr and str(tmp_path) in result.stderr
    assert not (tmp_path / "newswatch.db.models").exists()


@pytest.mark.slow
def test_a_missing_examples_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[[watches]]\nname = "biomed"\nkeywords = ["生物医药"]\nexamples = "nowhere.jsonl"\n', encoding="utf-8"
    )
    result = run_cli("--config", str(tmp_path / "config.toml"), "learn")
    assert result.returncode == 2
    assert result.stderr == f"newswatch: error: {tmp_path / 'nowhere.jsonl'}: examples file not found\n"


@pytest.mark.slow
def test_learn_names_an_unknown_watch_or_one_without_examples(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[[watches]]\nname = "biomed"\nkeywords = ["生物医药"]\n', encoding="utf-8")
    unknown = run_cli("--config", str(tmp_path / "config.toml"), "learn", "--watch", "chips")
    assert unknown.returncode == 2 and "no watch named 'chips'" in unknown.stderr
    bare = run_cli("--config", str(tmp_path / "config.toml"), "learn", "--watch", "biomed")
    assert bare.returncode == 2 and "watch 'biomed' has no examples" in bare.stderr


def test_the_shipped_model_is_the_shipped_watch_s_and_loads() -> None:
    from config import load

    config = load(ROOT / "config.toml", {})
    models = learn.load_models(config)
    assert set(models) == {"biomed-cluster"} and models["biomed-cluster"].examples == 99
    assert config.watches[0].examples == ROOT / "bench" / "quality" / "articles.jsonl"


def test_an_unreadable_model_leaves_the_rules_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = _config(tmp_path, examples=None)
    path = learn.model_path(config, "biomed")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a model")
    assert learn.load_models(config) == {}
    assert "uses its rules alone" in caplog.text
