"""The throughput benchmark keeps working: a 50-page run stores every page and reports figures that
add up (what was stored over the time it took; no speed is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the throughput benchmark, end to end

ROOT = Path(__file__).resolve().parent.parent


def test_throughput_bench_runs_end_to_end_on_50_pages(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "throughput.py"),
            "--pages",
            "50",
            "--quick",
            "--json",
            "--concurrency",
            "8",
            "--keep",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    phases = result["phases"]
    a, rerun, b, c = phases["a"], phases["rerun"], phases[result["b"]], phases["c"]
    assert a["articles"] == 50 and a["missing"] == 0  # newswatch stored every generated article
    assert rerun["articles"] == 0  # the re-run found nothing new
    assert b["articles"] == 50 and c["articles"] == 50
    for phase in (a, rerun, b, c):  # the rate is what was stored over the time it took (rounded figures)
        assert phase["seconds"] > 0
        assert phase["pages_per_s"] == pytest.approx(phase["articles"] / phase["seconds"], rel=0.01, abs=0.1)
    assert a["pages_per_s"] > 0 and rerun["pages_per_s"] == 0
    assert result["targets"]["stored_all"]["met"] is True
    assert result["ratios"]["rerun"] == pytest.approx(rerun["seconds"] / a["seconds"], rel=0.02, abs=0.002)
    assert a["peak_rss_mb"] > 0 and len(a["core_busy"]) == result["cores"]
    assert 0 < result["targets"]["memory_mb"]["value"] == pytest.approx(a["peak_pss_mb"], abs=0.1)
    assert set(result["ratios"]) == {"a/b", "a/c", "rerun"}
    assert all(value > 0 for value in result["ratios"].values())
    assert (tmp_path / "bench.db").exists() and (tmp_path / "config.toml").exists()


@pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(), reason="Debian's /usr/bin/chromium is not installed (.ci/run installs it)"
)
def test_render_bench_runs_and_a_known_cookie_costs_at_most_one_render(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "throughput.py"), "--render", "--json", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    renders = [run["browser_renders"] for run in result["runs"].values()]
    assert renders == [1, 0, 1, 0]  # cold, cookie known, cookie expired, nothing new
    assert [run["new_articles"] for run in result["runs"].values()] == [20, 20, 20, 0]
    assert all(run["failures"] == 0 and run["peak_pss_mb"] > 0 for run in result["runs"].values())
    assert result["targets"]["renders_with_cookie"]["met"] and result["targets"]["stored_all"]["met"]
