"""Extraction in worker processes, so it uses every core without stalling the fetch loop.

trafilatura and jieba hold the GIL for milliseconds per page; in the reactor's process they
would stop downloads while they run. Workers start from a fork server (never a fork of the
threaded crawler), and are replaced when one crashes or hangs on a hostile page. The fork
server loads jieba and the shipped dictionaries once (``pipelines.preload``) and every worker
shares those pages; a worker's initializer adds only its config's words and watches. A few
pages per worker wait in the queue, so a worker goes on while the crawler's thread is busy
(parsing a list page, saving a batch); the time limit, counted from hand-over, is far above
the few pages' time a page can wait.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from config import Config
from pipelines.article import Article, Page

log = logging.getLogger(__name__)

EXTRACT_TIMEOUT = 10.0  # seconds one page may take before its worker is replaced
QUEUED_PER_WORKER = 3
# Allocations (less frees) between two collections of the youngest objects; Python's default is 700.
GC_YOUNG_LIMIT = 10_000
T = TypeVar("T")


class ExtractionFailed(Exception):
    """A page crashed or hung its worker twice, or no worker could start; the message says which."""


def _warm_worker(config: Config, crawler_pid: int) -> None:
    # Ctrl-C reaches the whole process group; the crawler stops gracefully and needs its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(crawler_pid,), name="exit-with-crawler", daemon=True).start()
    from pipelines.process import init_worker

    init_worker(config)
    collect_less()


def collect_less() -> None:
    """Collect cyclic garbage less often in a crawl's processes, and never look at what is loaded.

    A page allocates thousands of short-lived lists and element proxies, freed by their reference
    counts; at Python's default a collection ran every few hundred of them and scanned everything
    loaded so far (the crawler's Scrapy and Twisted, a worker's config words): ~4 % of a page's
    CPU in the crawler, ~1.5 % in a worker. What is loaded now is never garbage, so it is frozen.
    """
    gc.freeze()
    gc.set_threshold(GC_YOUNG_LIMIT)


def _exit_with(pid: int) -> None:
    """End this worker as soon as the crawler process ends, however it ends (SIGKILL, OOM killer).

    A worker holds both ends of its task queue, so it would wait on it forever, and keep the fork
    server alive with it: every killed run would leave a warm jieba process behind.
    """
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux 5.3+: look once a second
        while _alive(pid):
            time.sleep(1.0)
    else:
        select.select([handle], [], [])
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        pass
    return True


def _ready() -> int:
    return os.getpid()


def _extract(page: Page) -> Article:
    # Imported here, in the worker: the crawler's own process never loads trafilatura or jieba.
    from pipelines.process import process_page

    return process_page(page)


class ExtractorPool:
    """``process_page`` in a process pool that starts on first use and survives bad workers."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.workers = config.crawl.workers or os.cpu_count() or 1
        self._executor: asyncio.Future[ProcessPoolExecutor] | None = None
        self._slots = asyncio.Semaphore(self.workers * QUEUED_PER_WORKER)

    def _start(self) -> ProcessPoolExecutor:
        """Start and warm every worker (in a thread: the fork server imports the extraction stack)."""
        executor = ProcessPoolExecutor(
            self.workers, mp_context=_context(), initializer=_warm_worker, initargs=(self.config, os.getpid())
        )
        for started in [executor.submit(_ready) for _ in range(self.workers)]:
            started.result()
        return executor

    def _running(self) -> asyncio.Future[ProcessPoolExecutor]:
        if self._executor is None:
            self._executor = asyncio.get_running_loop().run_in_executor(None, self._start)
        return self._executor

    async def process(self, page: Page) -> Article:
        """``pipelines.process.process_page(page)`` in a worker; Skip and page errors propagate."""
        async with self._slots:
            try:
                executor = await self._running()
            except BrokenProcessPool as exc:
                raise ExtractionFailed(f"extraction workers could not start: {exc}") from None
            reason = ""
            for _ in range(2):  # a page that only shared a pool with a hostile one gets a second go
                try:
                    future = asyncio.wrap_future(executor.submit(_extract, page))
                    return await asyncio.wait_for(future, EXTRACT_TIMEOUT)
                except TimeoutError:
                    reason = f"extraction took longer than {EXTRACT_TIMEOUT:.0f} s"
                except BrokenProcessPool:
                    reason = "extraction crashed its worker process"
                self._replace(executor, f"{page.url}: {reason}")
                executor = await self._running()
            raise ExtractionFailed(reason)

    def _replace(self, executor: ProcessPoolExecutor, why: str) -> None:
        current = self._executor
        if current is None or not current.done() or current.exception() or current.result() is not executor:
            return  # another page already replaced this pool
        log.warning("restarting extraction workers: %s", why)
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.kill()  # no public way to stop a stuck worker before Python 3.14
        executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    async def close(self) -> None:
        """Stop the workers. The fork server stays: clustering runs in a process forked from it
        (``run_warm``); whoever ran the crawl stops it (``stop_fork_server``)."""
        if self._executor is None:
            return
        try:
            executor = await self._executor
        except BrokenProcessPool:
            return
        await asyncio.get_running_loop().run_in_executor(None, executor.shutdown)


def _context() -> Any:
    """The fork-server context whose server has loaded and frozen the shared state."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipelines.preload"])
    return context


def run_warm(config: Config, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` in one process forked from the workers' fork server, with the analysis
    tables loaded as a worker has them. After a crawl that costs a fork instead of seconds of
    loading and ~160 MB in the calling process; the process ends with the caller, however the
    caller ends, and an exception in it is raised here."""
    with ProcessPoolExecutor(
        1, mp_context=_context(), initializer=_warm_worker, initargs=(config, os.getpid())
    ) as executor:
        return executor.submit(function, *args).result()


def stop_fork_server() -> None:
    """End the fork server (and the ~170 MB of shared state it holds) once no worker is left: it
    waits for the last one to close its pipe. The next pool, if any, starts a new one.

    ``_stop`` is private: multiprocessing has no public way to stop its fork server.
    """
    from multiprocessing import forkserver

    forkserver._forkserver._stop()  # type: ignore[attr-defined]  # private, so typeshed leaves it out
