"""Static publishing and the dynamic path under load (not a test; nothing asserted).

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_static
/work/main/.venv/bin/python bench/bench_static.py [--docs 2000] [--seconds 5]
[--pairs 3]``

Loads ``--docs`` published documents (bench_documents_pages.load), then measures with
``wrk -t2 -c32`` against ``gunicorn -w 2``:

* the dynamic path: each page as a ratio to a truly bare WSGI Django view (one view,
  no middleware, no apps: bench/pages/bare_wsgi.py, its own gunicorn) and to the
  in-stack bare view (/bare/ behind every middleware), a bare run before each target
  run, the median of ``--pairs`` pairs; cached pages (anonymous, answered by the
  page cache's first middleware) and misses (a new ``?print=`` or search each time:
  a query that matches nothing, and two of the index's 400 commonest words, most of
  them in every document of the bench catalogue: the most rows to rank);
* ``gongkai static build`` of the whole site (time, pages per second);
* nginx (Debian) serving the built tree (home, a document, the catalogue) against
  nginx serving one static 20 KB file and against the Django page cache;
* publish to static update: a document published, then the refresh the worker runs
  (re-rendering only the dependent pages), until its file is written.

The machine's load average is printed with each figure: other work shares the cores.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

import bench_documents_pages as pages  # noqa: E402


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def figure(name: str, value: float, unit: str) -> None:
    print(f"{name:<58} {value:>10,.2f} {unit:<6} ({load()})", flush=True)


# Before a script: each wrk thread's random numbers seeded apart, and each run's
# anew. Unseeded, LuaJIT starts every thread of every run at the same seed: the
# two threads asked for the same "new" pages, and each run for the last run's, so
# the page cache answered many of the misses (two common words: 400, 600 and 740
# req/s in three runs of the same workers, against 270, 380 and 440 seeded).
_SEEDED = """local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
function init(args)
  math.randomseed({seed} + thread_number * 104729)
end
"""


def wrk(url: str, seconds: int, script: str = "") -> float:
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", url]
    if script:
        lua = Path(tempfile.mkdtemp()) / "miss.lua"
        seed = secrets.randbelow(2**31)
        lua.write_text(_SEEDED.replace("{seed}", str(seed)) + script)
        command[4:4] = ["-s", str(lua)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if bad := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        print(f"  ! {bad[1]} responses not 2xx/3xx for {url}", flush=True)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]


def _miss(path: str, param: str, prefix: str = "") -> str:
    return (
        "request = function()\n"
        f'  return wrk.format("GET", "{path}?{param}={prefix}" .. math.random(1, 1e9))\n'
        "end\n"
    )


def _word_pairs(words: list[str]) -> str:
    """A new pair of ``words`` each request (of 160,000 pairs of 400 words, a few
    repeat in a run and are answered from the cache; ``wrk`` seeds each run)."""
    table = ", ".join(f'"{quote(w)}"' for w in words)
    return (
        f"local words = {{{table}}}\n"
        "request = function()\n"
        "  local a, b = words[math.random(#words)], words[math.random(#words)]\n"
        '  return wrk.format("GET", "/search/?q=" .. a .. "+" .. b)\n'
        "end\n"
    )


def gunicorn(module: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null", "--error-logfile", "/tmp/bench-static.log",
         module],
        cwd=HERE / "pages", env=env, start_new_session=True,
    )  # fmt: skip
    for _try in range(300):  # until both workers answer (slow on a loaded machine)
        try:
            for _worker in range(4):
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/bare/", timeout=10
                ):
                    pass
            return process
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def nginx(tree: Path, port: int, upstream: int) -> Path:
    prefix = Path(tempfile.mkdtemp())
    conf = (HERE.parent / "deploy" / "nginx" / "gongkai.conf").read_text()
    conf = (
        conf.replace("/srv/gongkai/site", str(tree))
        .replace("listen 8080", f"listen 127.0.0.1:{port}")
        .replace("127.0.0.1:8000", f"127.0.0.1:{upstream}")
    )
    (prefix / "site.conf").write_text(conf)
    user = "user root;" if os.geteuid() == 0 else ""
    temp = " ".join(f"{n}_temp_path {prefix}/{n};"
                    for n in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))  # fmt: skip
    (prefix / "nginx.conf").write_text(
        f"{user}\nworker_processes 2;\npid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log;\nevents {{ worker_connections 1024; }}\n"
        f"http {{ access_log off; sendfile on; {temp} include {prefix}/site.conf; }}\n"
    )
    subprocess.run(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                   check=True)  # fmt: skip
    time.sleep(0.3)
    return prefix


def pair_ratio(
    bare_url: str, target: str, seconds: int, pairs: int, script: str = ""
) -> tuple[float, float]:
    """(median target rate, median target/bare ratio) over ``pairs`` runs. A
    scripted target (new pages each request) is run once unmeasured first, with
    other random pages: the workers warmed, as a long-running server is."""
    if script:
        wrk(target, seconds, script)
    rates, ratios = [], []
    for _ in range(pairs):
        bare = wrk(bare_url, seconds)
        rate = wrk(target, seconds, script)
        rates.append(rate)
        ratios.append(rate / bare)
    return statistics.median(rates), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument(
        "--only", default="", help="measure only the targets whose name contains this"
    )
    parser.add_argument("--no-build", action="store_true", help="skip the static tree")
    args = parser.parse_args()
    keys = pages.setup(args.docs, args.reuse)
    from django.conf import settings
    from django.db import connection

    print(f"database: {connection.vendor}, {args.docs} documents", flush=True)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path[:3]))
    site_port, bare_port = _port(), _port()
    site = gunicorn("wsgi:application", site_port, env)
    bare = gunicorn("bare_wsgi:application", bare_port, env)
    tree_root = Path(tempfile.mkdtemp())
    nginx_prefix: Path | None = None
    try:
        base, truly = (
            f"http://127.0.0.1:{site_port}",
            f"http://127.0.0.1:{bare_port}/bare/",
        )
        doc = f"/documents/{keys[len(keys) // 2]}/"
        with connection.cursor() as cur:  # the commonest words of the index
            cur.execute(
                "SELECT term FROM search_searchterm WHERE char_length(term) >= 2 "
                "ORDER BY entries DESC, term LIMIT 400"
            )
            words = [row[0] for row in cur.fetchall()]
        for path in (
            "/",
            "/xxgk/",
            doc,
            "/penalties/",
            "/search/?q=%E6%8A%BD%E6%9F%A5",
        ):
            wrk(base + path, 1)  # first render, stored
        in_stack = pair_ratio(truly, base + "/bare/", args.seconds, args.pairs)
        figure("in-stack bare view / truly bare view", in_stack[1], "ratio")
        targets = [
            ("home, cached", "/", ""),
            ("catalogue, cached", "/xxgk/", ""),
            ("document, cached", doc, ""),
            ("penalties, cached", "/penalties/", ""),
            ("search, cached", "/search/?q=%E6%8A%BD%E6%9F%A5", ""),
            ("document, new ?print= each time (miss)", doc, _miss(doc, "print")),
            ("search, new query each time (miss)", "/search/",
             _miss("/search/", "q", "%E6%8A%BD%E6%9F%A5")),
            ("search, two indexed words, a new pair each time (miss)", "/search/",
             _word_pairs(words)),
            ("/api/v1/documents/, cached", "/api/v1/documents/", ""),
        ]  # fmt: skip
        for name, path, script in targets:
            if args.only not in name:
                continue
            rate, ratio = pair_ratio(
                truly, base + path, args.seconds, args.pairs, script
            )
            figure(f"{name}: req/s", rate, "req/s")
            figure(f"{name}: share of truly bare", ratio, "ratio")
            figure(f"{name}: share of in-stack bare", ratio / in_stack[1], "ratio")

        if args.no_build:
            return
        from gongkai.publishing import static

        settings.GONGKAI_STATIC_SITE_URL = f"http://127.0.0.1:{site_port}"
        out = tree_root / "site"
        started = time.perf_counter()
        report = static.static_build(out=out)
        took = time.perf_counter() - started
        figure(f"static build: {report.pages} pages × 4 variants, seconds", took, "s")
        figure(
            "static build: pages (× 4 variants) per second", report.pages / took, "p/s"
        )
        one = out.resolve() / "zh-hans" / "one"
        one.mkdir()
        (one / "index.html").write_bytes(b"<p>" + b"x" * 20_000 + b"</p>")
        nginx_port = _port()
        nginx_prefix = nginx(out, nginx_port, site_port)
        static_base = f"http://127.0.0.1:{nginx_port}"
        single = statistics.median(
            [wrk(static_base + "/one/", args.seconds) for _ in range(args.pairs)]
        )
        figure("nginx, one static 20 KB file: req/s", single, "req/s")
        for name, path in (("home", "/"), ("document", doc), ("catalogue", "/xxgk/")):
            rate = statistics.median(
                [wrk(static_base + path, args.seconds) for _ in range(args.pairs)]
            )
            django = wrk(base + path, args.seconds)
            figure(f"nginx tree, {name}: req/s", rate, "req/s")
            figure(
                f"nginx tree, {name}: share of nginx one file", rate / single, "ratio"
            )
            figure(f"nginx tree, {name}: × Django page cache", rate / django, "×")

        settings.GONGKAI_STATIC_SITE_DIR = str(out)
        publish_to_file(out)
    finally:
        if nginx_prefix is not None:
            os.kill(int((nginx_prefix / "nginx.pid").read_text()), signal.SIGTERM)
        for process in (site, bare):
            os.killpg(process.pid, signal.SIGTERM)
        shutil.rmtree(tree_root, ignore_errors=True)


def publish_to_file(out: Path) -> None:
    """A document published, then the refresh the worker runs after the commit."""
    from gongkai.accounts.models import User
    from gongkai.documents import services
    from gongkai.documents.models import Document
    from gongkai.publishing import static, static_files
    from gongkai.publishing.models import StaticPage

    reviewer = User.objects.get(username="bench")
    draft = Document.objects.filter(status="published").last()
    draft.pk = None
    draft.index_number = draft.index_number[:-6] + "999999"
    draft.title = "基准测试新发布文件"
    draft.status, draft.publish_at = "approved", None
    draft.save()
    started = time.perf_counter()
    services.document_publish(document=draft, by=reviewer)
    stale = StaticPage.objects.filter(stale_since__isnull=False).count()
    done = static.refresh(out=out)
    took = time.perf_counter() - started
    target = static_files.built_file(
        out.resolve() / "zh-hans", draft.get_absolute_url()
    )
    assert target is not None and "基准测试新发布文件" in target.read_text()
    total = StaticPage.objects.count()
    figure(f"publish to static file ({done} of {total} pages re-rendered)", took, "s")
    print(f"  stale after the publish: {stale}", flush=True)


if __name__ == "__main__":
    main()
