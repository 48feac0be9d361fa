"""Load: N candidates at once doing whole interviews against the real server, per configuration.

Each configuration starts `interviewer serve` as a subprocess (rate limit off, so this measures
the app and not the limiter): SQLite with 1 worker, a throwaway PostgreSQL (tests/postgres.py)
with each of --workers, and PostgreSQL with 1 worker and the OpenAI provider pointed at the
tests' fake model server answering after --latency-ms. N candidates (asyncio, each with its own
httpx client, arriving over a second) each register, then do --rounds interviews back to back
with no think time: start, answer every question, finalize, read the report. A warm-up round
of a few candidates per worker runs first and is not counted.

Per configuration it prints p50/p95/p99 per route, errors by route and status, answers per
second, and the CPU of the server's process tree per answer (/proc utime+stime of the uvicorn
parent, its workers and their formula workers, plus cutime+cstime, which hold children that
exited). A bare FastAPI app with one JSON GET route, served by uvicorn the same way and hit at
the same concurrency, is the floor: the ratios say how far above it the app is.

    .venv/bin/python bench/load.py [--candidates 20] [--workers 1,2] [--latency-ms 200]
    .venv/bin/python bench/load.py --profile     # in-process, where the answer route's CPU goes
    .venv/bin/python bench/load.py --baseline 2f1a61d,f9d427c   # earlier code, same run

The client runs on the same machine and takes its share of the CPUs ("client"), and so does
anything else running there ("other processes"): on a busy machine the rates and latencies
mean little, the CPU per answer still something.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import functools
import inspect
import json
import logging
import os
import pstats
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import baseline  # noqa: E402
from bench.candidates import (  # noqa: E402
    ANSWER_ROUTE,
    BARE_ROUTE,
    Answers,
    Recorder,
    candidate,
    crowd,
    hammer,
    percentile,
)

SERVE = Path(sys.executable).parent / "interviewer"
TICKS = os.sysconf("SC_CLK_TCK")
WARM_UP = 4

bare_app = FastAPI()


@bare_app.get("/ping")
async def ping() -> dict[str, str]:
    return {"status": "ok"}


# measuring


def _stat(pid: int | str) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from 3 (state) on


def process_tree(root: int) -> dict[int, tuple[int, float]]:
    """Each process under root (root included): its parent and its CPU seconds, utime+stime
    plus cutime+cstime, where the CPU of children that exited and were reaped ends up."""
    found: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(entry.name)) is not None:
            found[int(entry.name)] = (int(fields[1]), sum(int(v) for v in fields[11:15]) / TICKS)
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, (parent, _) in found.items() if parent == pid]
        tree.update(children)
        frontier.extend(children)
    return {pid: found[pid] for pid in tree if pid in found}


def tree_cpu_seconds(root: int) -> float:
    return sum(cpu for _, cpu in process_tree(root).values())


def cpu_by_child(root: int) -> dict[int, float]:
    """CPU seconds of each direct child's subtree (for uvicorn with workers: per worker)."""
    tree = process_tree(root)
    totals: dict[int, float] = {}
    for pid, (_, cpu) in tree.items():
        top = pid
        while top in tree and tree[top][0] != root:
            top = tree[top][0]
        if top in tree and top != root:
            totals[top] = totals.get(top, 0.0) + cpu
    return totals


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Figures:
    label: str
    recorder: Recorder
    wall_s: float
    server_cpu_s: float
    client_cpu_s: float
    others: float
    """CPUs the machine's other processes used meanwhile, on average."""
    db_cpu_s: float | None = None
    worker_cpu_s: list[float] = field(default_factory=list)
    model_calls: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.recorder.samples)

    @property
    def units(self) -> int:
        """Answers for the app, requests for the bare endpoint: what CPU is divided by."""
        return self.recorder.answers or self.requests

    def per_unit_ms(self, seconds: float) -> float:
        return seconds * 1000 / self.units

    def p(self, route: str, share: float) -> float:
        return percentile(self.recorder.latencies()[route], share)


# servers


class Server:
    """A server subprocess in its own session, its output in a log file, stopped by its pid."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path, health: str) -> None:
        self.log = log
        self.health = health
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**os.environ, **env},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, *, workers: int = 1, timeout_s: float = 90) -> None:
        """Healthy, every worker started (one answering /healthz is not all of them), and idle."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            started = self.log.read_text().count("Application startup complete")
            try:
                if started >= workers and httpx.get(self.health, timeout=1).status_code == 200:
                    self.settle(deadline)
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server not ready after {timeout_s} s: {self.log.read_text()[-2000:]}")

    def settle(self, deadline: float) -> None:
        """Wait until the server uses (almost) no CPU: imports, model loads, prefetches done."""
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self.cpu_seconds()
            if now - before < 0.03:
                return
            before = now

    def cpu_seconds(self) -> float:
        return tree_cpu_seconds(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def serve_app(port: int, workers: int, env: dict[str, str], log: Path) -> Server:
    command = [str(SERVE), "serve", "--port", str(port)]
    if workers > 1:  # a baseline from before `serve --workers` runs one worker only
        command += ["--workers", str(workers)]
    server = Server(command, env, log, f"http://127.0.0.1:{port}/healthz")
    server.wait_ready(workers=workers)
    return server


def serve_bare(port: int, log: Path) -> Server:
    """The floor: the same uvicorn defaults as `interviewer serve` (log level info, so an access
    log line per request), one JSON route, no middleware, no database."""
    command = [sys.executable, "-m", "uvicorn", "bench.load:bare_app", "--port", str(port)]
    server = Server(command, {}, log, f"http://127.0.0.1:{port}/ping")
    server.wait_ready()
    return server


class FakeModel:
    """tests/llm/fake_server.py in a subprocess (its CPU is not the app's), every reply delayed."""

    def __init__(self, latency_ms: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve-fake-model", str(latency_ms / 1000)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None and self.process.stdin is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        self.url = f"http://127.0.0.1:{int(self.stdout.readline())}/v1"

    def calls(self) -> Counter[str]:
        self.stdin.write("\n")
        self.stdin.flush()
        return Counter(json.loads(self.stdout.readline()))

    def stop(self) -> None:
        self.stdin.close()
        self.process.wait(timeout=10)


def fake_model_main(delay_s: float) -> None:
    """The fake model server's process: prints its port, then its calls per purpose per line in."""
    import socketserver

    socketserver.TCPServer.request_queue_size = 128  # its listen backlog; the default is 5
    from tests.llm.fake_server import FakeModelServer

    server = FakeModelServer().start()
    server.delay = delay_s
    print(server.port, flush=True)
    for _ in sys.stdin:
        print(json.dumps(Counter(server.purposes())), flush=True)
    server.stop()


def create_database(postgres: Any, name: str) -> str:
    import psycopg

    admin = postgres.url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return str(postgres.database_url(name))


def postmaster_pid(postgres: Any) -> int:
    return int((Path(postgres.data_dir) / "postmaster.pid").read_text().split()[0])


# configurations


@dataclass(frozen=True)
class Config:
    label: str
    database: str
    workers: int
    fake_model: bool = False
    source: Path | None = None
    """An earlier revision's src/ (--baseline), put first on the server's PYTHONPATH."""


def configurations(workers: list[int], latency_ms: float, *, postgres: bool) -> list[Config]:
    """The last one is the fake model's, on PostgreSQL when there is one."""
    found = [Config("SQLite, 1 worker", "sqlite", 1)]
    if not postgres:
        return [
            *found,
            Config(f"SQLite, 1 worker, fake model {latency_ms:g} ms", "sqlite", 1, True),
        ]
    found += [Config(f"PostgreSQL, {w} worker{'s' * (w > 1)}", "postgresql", w) for w in workers]
    found.append(
        Config(f"PostgreSQL, 1 worker, fake model {latency_ms:g} ms", "postgresql", 1, True)
    )
    return found


def with_baseline(wanted: list[Config], revisions: list[str], folder: Path) -> list[Config]:
    """Each configuration on each earlier revision's code and then on the current code, one
    right after the other, so that all of them meet the same machine. A revision from before
    `serve --workers` runs the one-worker configurations only."""
    sources: list[tuple[str, Path, bool]] = []
    for revision in revisions:
        source = baseline.unpack(revision, folder / f"baseline-{revision}")
        hidden = baseline.hide_new_dependencies(revision, source)
        name = baseline.describe(revision).split(" ", 1)[0]
        print(f"baseline: {baseline.describe(revision)}; without {', '.join(hidden) or 'nothing'}")
        has_workers = "--workers" in (source / "interviewer" / "cli.py").read_text()
        sources.append((name, source, has_workers))
    paired: list[Config] = []
    for config in wanted:
        for name, source, has_workers in sources:
            if config.workers == 1 or has_workers:
                paired.append(replace(config, label=f"{config.label}, at {name}", source=source))
        paired.append(config)
    return paired


def machine_busy_seconds() -> float:
    """CPU seconds every process on the machine has used (all CPUs), from /proc/stat."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / TICKS


@dataclass
class Meter:
    """CPU readings: the server's tree, PostgreSQL's, this process (the client), and everything
    else on the machine (other people's tests, say), which the figures cannot control for."""

    server: Server
    db_pid: int | None = None

    def read(self) -> dict[str, float]:
        db = tree_cpu_seconds(self.db_pid) if self.db_pid else 0.0
        return {
            "server": self.server.cpu_seconds(),
            "db": db,
            "client": time.process_time(),
            "ours": tree_cpu_seconds(os.getpid()) + db,  # servers and fake model are children
            "machine": machine_busy_seconds(),
            "elapsed": time.monotonic(),
        }

    def figures(self, label: str, before: dict[str, float], **fields: Any) -> Figures:
        spent = {k: v - before[k] for k, v in self.read().items()}
        return Figures(
            label=label,
            server_cpu_s=spent["server"],
            client_cpu_s=spent["client"],
            db_cpu_s=spent["db"] if self.db_pid else None,
            others=max(0.0, spent["machine"] - spent["ours"]) / spent["elapsed"],
            **fields,
        )


def run_config(
    config: Config, n: int, args: argparse.Namespace, postgres: Any, folder: Path, answers: Answers
) -> Figures:
    env = {"INTERVIEWER_RATE_LIMIT_PER_MINUTE": "0"}
    if config.source is not None:
        env["PYTHONPATH"] = str(config.source)
    if config.database == "sqlite":
        env["INTERVIEWER_DATABASE_URL"] = f"sqlite:///{folder / f'bench-{n}.db'}"
    else:
        env["INTERVIEWER_DATABASE_URL"] = create_database(postgres, f"bench_{n}")
    model = FakeModel(args.latency_ms) if config.fake_model else None
    if model is not None:
        env |= {
            "INTERVIEWER_AI_PROVIDER": "openai",
            "INTERVIEWER_AI_MODEL": "fake-model",
            "INTERVIEWER_OPENAI_BASE_URL": model.url,
            "OPENAI_API_KEY": "sk-bench-not-a-real-key",
        }
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = serve_app(port, config.workers, env, folder / f"server-{n}.log")
    meter = Meter(server, postmaster_pid(postgres) if config.database == "postgresql" else None)
    try:
        warm = WARM_UP * config.workers
        _, warm_failures, _ = asyncio.run(
            crowd(base_url, answers, first=10_000, count=warm, length=args.length, rounds=1)
        )
        server.settle(time.monotonic() + 10)
        calls = model.calls() if model else Counter()
        workers = cpu_by_child(server.process.pid)
        before = meter.read()
        recorder, failures, wall = asyncio.run(
            crowd(
                base_url, answers, first=0, count=args.candidates, length=args.length,
                rounds=args.rounds,
            )
        )  # fmt: skip
        server.settle(time.monotonic() + 10)  # work after the last response (prefetch) counts
        after = cpu_by_child(server.process.pid)
        figures = meter.figures(
            config.label,
            before,
            recorder=recorder,
            wall_s=wall,
            worker_cpu_s=sorted(
                (after[pid] - workers.get(pid, 0.0) for pid in after if config.workers > 1),
                reverse=True,
            ),
            model_calls=(model.calls() - calls) if model else Counter(),
            failures=warm_failures + failures,
        )
    finally:
        server.stop()
        if model is not None:
            model.stop()
    return figures


def run_bare(args: argparse.Namespace, folder: Path) -> tuple[Figures, Figures]:
    """The bare endpoint at the candidates' concurrency, then one request at a time."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = serve_bare(port, folder / "bare.log")
    meter = Meter(server)
    found: list[Figures] = []
    try:
        asyncio.run(hammer(base_url, concurrency=args.candidates, requests=300))
        for concurrency, requests in ((args.candidates, args.bare_requests), (1, 500)):
            before = meter.read()
            recorder, wall = asyncio.run(
                hammer(base_url, concurrency=concurrency, requests=requests)
            )
            time.sleep(0.3)
            label = f"bare FastAPI GET, {concurrency} client{'s' * (concurrency > 1)}"
            found.append(meter.figures(label, before, recorder=recorder, wall_s=wall))
    finally:
        server.stop()
    return found[0], found[1]


# output


def print_figures(figures: Figures) -> None:
    recorder = figures.recorder
    errors = recorder.errors()
    rate = f"{figures.requests / figures.wall_s:.0f} requests/s"
    if recorder.answers:
        rate = (
            f"{recorder.answers} answers, {rate}, {recorder.answers / figures.wall_s:.1f} answers/s"
        )
    print(f"\n== {figures.label} ==")
    print(
        f"{figures.requests} requests in {figures.wall_s:.1f} s: {rate}, "
        f"{sum(errors.values())} errors"
    )
    per = "answer" if recorder.answers else "request"
    cpu = f"CPU per {per}: server {figures.per_unit_ms(figures.server_cpu_s):.2f} ms"
    if figures.db_cpu_s is not None:
        cpu += f", PostgreSQL {figures.per_unit_ms(figures.db_cpu_s):.2f} ms"
    print(f"{cpu}, client (this process) {figures.per_unit_ms(figures.client_cpu_s):.2f} ms")
    print(f"other processes on this machine meanwhile: {figures.others:.2f} CPUs on average")
    if len(figures.worker_cpu_s) > 1:
        total = sum(figures.worker_cpu_s) or 1.0
        shares = " / ".join(f"{cpu / total:.0%}" for cpu in figures.worker_cpu_s if cpu > 0.01)
        print(f"server CPU by worker: {shares}")
    if figures.model_calls:
        calls = ", ".join(f"{k} {v}" for k, v in sorted(figures.model_calls.items()))
        print(
            f"model calls: {calls} ({figures.model_calls.total() / figures.units:.2f} per answer)"
        )
    print(f"  {'route':<45} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8}  ms")
    for route, values in sorted(recorder.latencies().items()):
        print(
            f"  {route:<45} {len(values):>5} {percentile(values, 0.5):>8.1f} "
            f"{percentile(values, 0.95):>8.1f} {percentile(values, 0.99):>8.1f}"
        )
    for (route, status), count in sorted(errors.items(), key=str):
        print(f"  error: {route} -> {status}: {count}")
    for failure in figures.failures[:3]:
        print(f"  failure: {failure}")


def print_summary(results: list[Figures], bare: Figures, alone: Figures) -> None:
    bare_cpu = bare.per_unit_ms(bare.server_cpu_s)
    bare_p50 = bare.p(BARE_ROUTE, 0.5)
    print("\n== summary: answers, and ratios against the bare endpoint at the same concurrency ==")
    print(
        "| configuration | answers/s | server CPU ms/answer | PostgreSQL CPU ms/answer "
        "| answer p50 ms | p95 | p99 | errors | CPU vs bare | p50 vs bare | others' CPUs |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f in results:
        cpu = f.per_unit_ms(f.server_cpu_s)
        db = f"{f.per_unit_ms(f.db_cpu_s):.1f}" if f.db_cpu_s is not None else "-"
        p50 = f.p(ANSWER_ROUTE, 0.5)
        errors = sum(f.recorder.errors().values())
        print(
            f"| {f.label} | {f.recorder.answers / f.wall_s:.1f} | {cpu:.1f} | {db} | {p50:.0f} "
            f"| {f.p(ANSWER_ROUTE, 0.95):.0f} | {f.p(ANSWER_ROUTE, 0.99):.0f} "
            f"| {errors} | {cpu / bare_cpu:.0f}x | {p50 / bare_p50:.1f}x "
            f"| {f.others:.2f} |"
        )
    for f in (bare, alone):
        print(
            f"| {f.label} | {f.requests / f.wall_s:.0f} requests/s | "
            f"{f.per_unit_ms(f.server_cpu_s):.2f} per request | - | {f.p(BARE_ROUTE, 0.5):.1f} "
            f"| {f.p(BARE_ROUTE, 0.95):.1f} | {f.p(BARE_ROUTE, 0.99):.1f} "
            f"| {sum(f.recorder.errors().values())} | | | {f.others:.2f} |"
        )
    print_against_baseline(results)


def print_against_baseline(results: list[Figures]) -> None:
    """--baseline: each configuration next to the same one on each earlier revision's code,
    run just before it, and the ratios."""
    now = {f.label: f for f in results if ", at " not in f.label}
    pairs = [
        (then, now[then.label.rsplit(", at ", 1)[0]]) for then in results if ", at " in then.label
    ]
    if not pairs:
        return
    print("\n== against the baseline revisions, measured in this run ==")
    print(
        "| configuration | revision | server CPU ms/answer, then | now | ratio "
        "| answers/s, then | now | ratio |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for then, current in pairs:
        cpu_then = then.per_unit_ms(then.server_cpu_s)
        cpu_now = current.per_unit_ms(current.server_cpu_s)
        rate_then = then.recorder.answers / then.wall_s
        rate_now = current.recorder.answers / current.wall_s
        revision = then.label.rsplit(", at ", 1)[1]
        print(
            f"| {current.label} | {revision} | {cpu_then:.1f} | {cpu_now:.1f} "
            f"| {cpu_now / cpu_then:.2f} | {rate_then:.1f} | {rate_now:.1f} "
            f"| {rate_now / rate_then:.2f} |"
        )


# the profile


def self_cpu_seconds() -> float:
    fields = _stat("self")
    assert fields is not None
    return sum(int(v) for v in fields[11:13]) / TICKS


def short(path: str) -> str:
    for marker in ("site-packages/", "/src/", "/lib/python3.11/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


OUTSIDE_THE_APP = ("asyncio/", "httpx/", "/bench/", "selectors.py", "_contextvars")
"""The client and the event loop, which a profile of coroutines counts once per resumption."""


def print_top(stats: pstats.Stats, key: int, answers: int, title: str) -> None:
    """The top 25, in ms per answer; key 2 sorts by own time, 3 by cumulative time."""
    rows = [
        (where, row)
        for where, row in stats.stats.items()  # type: ignore[attr-defined]
        if key == 2 or not any(part in f"{where[0]}{where[2]}" for part in OUTSIDE_THE_APP)
    ]
    rows.sort(key=lambda kv: kv[1][key], reverse=True)
    print(f"\n-- top 25 by {title}, CPU ms per answer (cProfile inflates many small calls) --")
    print(f"  {'calls':>7} {'own':>7} {'cum':>7}  function")
    for (path, line, name), (_, calls, own, cum, _) in rows[:25]:
        print(
            f"  {calls / answers:>7.1f} {own * 1000 / answers:>7.2f} {cum * 1000 / answers:>7.2f}"
            f"  {short(path)}:{line}({name})"
        )


class Attribution:
    """Event-loop-thread CPU inside an answer request, split by whose coroutine was running.

    Wraps the grader's and the repository's async methods (in this process only); a call inside
    a call already counted is not counted twice. What is left is the framework, validation,
    serialization and the service's own logic.
    """

    def __init__(self) -> None:
        self.spent: defaultdict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self.active = False
        self._depth = 0
        self._originals: list[tuple[type, str, Any]] = []

    def wrap(self, owner: type, bucket: str, *, per_method: bool = False) -> None:
        for name, original in list(vars(owner).items()):
            if name.startswith("_") or not inspect.iscoroutinefunction(original):
                continue
            self._originals.append((owner, name, original))
            setattr(
                owner, name, self._timed(original, f"{bucket}.{name}" if per_method else bucket)
            )

    def _timed(self, original: Any, bucket: str) -> Any:
        @functools.wraps(original)
        async def timed(*args: Any, **kwargs: Any) -> Any:
            if not self.active or self._depth:
                return await original(*args, **kwargs)
            self._depth += 1
            t0 = time.thread_time()
            try:
                return await original(*args, **kwargs)
            finally:
                self.spent[bucket] += time.thread_time() - t0
                self.calls[bucket] += 1
                self._depth -= 1

        return timed

    def restore(self) -> None:
        for owner, name, original in self._originals:
            setattr(owner, name, original)


async def profile(args: argparse.Namespace) -> None:
    from interviewer.config import Settings
    from interviewer.grading.dispatch import KindGrader
    from interviewer.storage.db import upgrade
    from interviewer.storage.repository import Repository
    from interviewer.web.app import create_app

    logging.getLogger("httpx").setLevel(logging.WARNING)
    answers = Answers()
    attribution = Attribution()
    attribution.wrap(KindGrader, "grading (offline grader, formula grader)")
    attribution.wrap(Repository, "storage: Repository", per_method=True)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'profile.db'}"
        upgrade(url)
        app = create_app(Settings(database_url=url, rate_limit_per_minute=0))
        state = app.state.interviewer
        transport = httpx.ASGITransport(app=app)
        spent = {"thread": 0.0, "process": 0.0, "children": 0.0}
        walls: list[float] = []
        profiler = cProfile.Profile(time.thread_time)  # CPU: waits and preemption excluded

        @contextmanager
        def measured() -> Iterator[None]:
            thread, process = time.thread_time(), time.process_time()
            children = tree_cpu_seconds(os.getpid()) - self_cpu_seconds()
            t0 = time.perf_counter()
            attribution.active = True
            yield
            attribution.active = False
            walls.append((time.perf_counter() - t0) * 1000)
            spent["thread"] += time.thread_time() - thread
            spent["process"] += time.process_time() - process
            spent["children"] += tree_cpu_seconds(os.getpid()) - self_cpu_seconds() - children

        @contextmanager
        def profiled() -> Iterator[None]:
            profiler.enable()
            yield
            profiler.disable()

        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            for n in range(WARM_UP):
                await candidate(http, Recorder(), answers, number=10_000 + n, length=args.length)
            timed, traced = Recorder(), Recorder()
            for recorder, first, hook in ((timed, 0, measured), (traced, 1000, profiled)):
                for n in range(first, first + args.candidates):
                    await candidate(
                        http, recorder, answers, number=n, length=args.length,
                        rounds=args.rounds, around_answer=hook,
                    )  # fmt: skip
                attribution.restore()
        await state.database.dispose()
        state.grader.formulas.sandbox.close()
    count = timed.answers
    print(f"{count} answers, offline engine, SQLite, in-process over ASGI, one at a time")
    print(f"errors: {dict(timed.errors()) or 'none'}")
    print(
        f"answer round trip: p50 {percentile(walls, 0.5):.1f} ms, "
        f"p95 {percentile(walls, 0.95):.1f} ms (client included)"
    )

    def ms(seconds: float) -> str:
        return f"{seconds * 1000 / count:6.1f}"

    by_cost = sorted(attribution.spent.items(), key=lambda kv: kv[1], reverse=True)
    storage = [(bucket, seconds) for bucket, seconds in by_cost if bucket.startswith("storage")]
    print("CPU per answer, ms:")
    print(f"  {ms(spent['process'])}  this process, of which:")
    print(f"  {ms(spent['thread'])}    the event loop's thread, of which:")
    for bucket, seconds in by_cost:
        if not bucket.startswith("storage"):
            print(f"  {ms(seconds)}      {bucket}")
    print(f"  {ms(sum(s for _, s in storage))}      storage (repository: SQLAlchemy), of which:")
    for bucket, seconds in storage:
        calls = attribution.calls[bucket] / count
        print(f"  {ms(seconds)}        {bucket[9:]} ({calls:.1f} calls per answer)")
    rest = spent["thread"] - sum(attribution.spent.values())
    print(f"  {ms(rest)}      the rest: ASGI client, FastAPI, middleware, pydantic, service")
    print(f"  {ms(spent['process'] - spent['thread'])}    other threads (aiosqlite)")
    print(f"  {ms(spent['children'])}  the formula sandbox processes")
    stats = pstats.Stats(profiler)
    print(f"\nprofiled pass: {traced.answers} answers; cProfile sees the event loop's thread only")
    print_top(stats, 3, traced.answers, "cumulative CPU, app side")
    print_top(stats, 2, traced.answers, "own CPU")


# main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=20, help="concurrent candidates")
    parser.add_argument("--length", type=int, default=6, help="questions per interview")
    parser.add_argument("--rounds", type=int, default=3, help="interviews per candidate")
    parser.add_argument("--workers", default="1,2", help="PostgreSQL worker counts, e.g. 1,2")
    parser.add_argument("--latency-ms", type=float, default=200, help="fake model's delay")
    parser.add_argument("--bare-requests", type=int, default=3000)
    parser.add_argument("--no-fake-model", action="store_true", help="skip the provider run")
    parser.add_argument(
        "--baseline",
        metavar="REV[,REV...]",
        help="also run each configuration on these git revisions' code, interleaved",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the answer route")
    parser.add_argument("--serve-fake-model", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_fake_model is not None:
        fake_model_main(args.serve_fake_model)
        return
    if args.profile:
        asyncio.run(profile(args))
        return
    from tests.postgres import PostgresUnavailable, start_postgres

    workers = [int(w) for w in args.workers.split(",") if w.strip()]
    answers = Answers()
    print(
        f"{args.candidates} concurrent candidates, each doing {args.rounds} interviews of "
        f"{args.length} questions back to back, no think time (after {WARM_UP} candidates per "
        f"worker to warm up); {os.cpu_count()} CPUs, client on the same machine"
    )
    try:
        postgres = start_postgres()
    except PostgresUnavailable as exc:
        print(f"PostgreSQL configurations skipped: {exc}")
        postgres = None
    results: list[Figures] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            wanted = configurations(workers, args.latency_ms, postgres=postgres is not None)
            wanted = wanted[:-1] if args.no_fake_model else wanted
            if args.baseline:
                revisions = [r.strip() for r in args.baseline.split(",") if r.strip()]
                wanted = with_baseline(wanted, revisions, Path(folder))
            for n, config in enumerate(wanted):
                results.append(run_config(config, n, args, postgres, Path(folder), answers))
                print_figures(results[-1])
            bare, alone = run_bare(args, Path(folder))
            print_figures(bare)
            print_figures(alone)
    finally:
        if postgres is not None:
            postgres.stop()
    print_summary(results, bare, alone)


if __name__ == "__main__":
    main()
