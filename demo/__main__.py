"""`make demo`: serve the bundled demo sites on 127.0.0.1, run the main job on them, show the result.

Everything runs offline: the sites are the project's own fixture websites, the database and the
digest are written under .demo/ (started afresh each time, so the demo always shows a first run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from demo.serve import serve_sites

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".demo"
TEMPLATE = Path(__file__).resolve().parent / "config.toml"


def newswatch(*args: str, capture: bool = False) -> str:
    """Run the real command line, as a user would, in a child process."""
    command = [sys.executable, "-m", "cli", "--config", str(WORK / "config.toml"), *args]
    print(f"\n$ newswatch {' '.join(args)}", flush=True)
    result = subprocess.run(
        command,
        cwd=ROOT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE if capture else None,
    )
    if result.returncode != 0:
        raise SystemExit(f"demo: `newswatch {' '.join(args)}` exited with status {result.returncode}")
    return result.stdout or ""


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir()
    with serve_sites() as sites:
        text = TEMPLATE.read_text(encoding="utf-8")
        for name, site in sites.items():
            text = text.replace(f"__BASE_{name}__", site.url)
        text = text.replace("__ROOT__", str(ROOT))
        (WORK / "config.toml").write_text(text, encoding="utf-8")
        print("demo sites on 127.0.0.1:")
        for name, site in sites.items():
            print(f"  {name:10} {site.url}")
        newswatch("learn")
        newswatch("run", "--no-digest")
        newswatch("sources", "list")
        newswatch("articles", "--limit", "10")
        newswatch("events")
        newswatch("digest", "--dry-run", "--format", "text")
        html = newswatch("digest", "--dry-run", "--format", "html", capture=True)
    digest = WORK / "digest.html"
    digest.write_text(html, encoding="utf-8")
    print(f"\nThe HTML digest a team would receive: {digest}")
    print(f"The database (open it in Datasette or sqlite3): {WORK / 'newswatch.db'}")
    print(
        f"Browse it in the web app:  .venv/bin/newswatch --config {WORK / 'config.toml'} serve  (then open http://127.0.0.1:8080/)"
    )


if __name__ == "__main__":
    main()
