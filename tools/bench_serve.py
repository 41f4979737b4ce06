#!/usr/bin/env python3
"""Edit-to-reload latency of `metodist serve` on the synthetic corpus.

    python3 tools/bench_serve.py                 # 10,000 pages, 10 edits of each kind
    python3 tools/bench_serve.py --pages 1000 --edits 5

Copies the corpus (tools/gen_corpus.rs) into a temporary folder, starts the server, then
edits pages one at a time: for each edit it records the build version, writes the file,
and polls /__metodist/version until it changes (what an open page does before it
reloads). The latency is from the write to the new version: the watcher's debounce (the
server waits for a burst of saves to end) plus the rebuild. The rebuild time the server
prints is reported too. Every edit is checked on the served page.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def get(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--gap", type=float, default=4.0, help="seconds between edits")
    ap.add_argument("--corpus", default=os.environ.get("BENCH_CORPUS", os.path.join(ROOT, "target", "bench-corpus")))
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "metodist", "--example", "gen_corpus"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binary = os.path.join(target, "release", "metodist")
    corpus = os.path.join(args.corpus, str(args.pages))
    if not os.path.exists(os.path.join(corpus, ".done")):
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run([os.path.join(target, "release", "examples", "gen_corpus"), str(args.pages), corpus], check=True)
        open(os.path.join(corpus, ".done"), "w").close()

    work = tempfile.mkdtemp(prefix="metodist-serve-bench-")
    site = os.path.join(work, "site")
    shutil.copytree(os.path.join(corpus, "metodist"), site)
    out = os.path.join(work, "public")
    started = time.perf_counter()
    server = subprocess.Popen(
        [binary, "serve", site, "--port", "0", "--out", out],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    rebuilds = []

    def read_stderr():
        for line in server.stderr:
            m = re.search(r"пересобрано за (\d+) мс", line)
            if m:
                rebuilds.append(int(m.group(1)))
            elif line.strip():
                sys.stderr.write("serve: " + line)

    threading.Thread(target=read_stderr, daemon=True).start()
    try:
        line = server.stdout.readline()
        m = re.search(r"http://[^/\s]+/", line)
        if not m:
            raise SystemExit("сервер не запустился: " + line)
        base = m.group(0)
        print(f"первая сборка {args.pages} страниц: {time.perf_counter() - started:.2f} с")
        time.sleep(args.gap)
        kinds = {
            "текст": lambda text, k: text + f"\nПравка номер {k}: добавлено предложение о наставничестве.\n",
            "заголовок": lambda text, k: re.sub(r'^title: "', f'title: "Правка {k}. ', text, count=1, flags=re.M),
        }
        results = {}
        for kind, change in kinds.items():
            lat = []
            builds_before = len(rebuilds)
            for k in range(args.edits):
                # Practices are files p000000…: pick ones spread over the corpus.
                i = (k * 7919 + (0 if kind == "текст" else 3)) % max(args.pages // 20, 1) * 20
                path = os.path.join(site, "content", "practices", f"p{i:06d}.md")
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                v0 = get(base + "__metodist/version")
                t0 = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(change(text, k))
                while True:
                    v = get(base + "__metodist/version")
                    if v != v0:
                        break
                    time.sleep(0.002)
                lat.append((time.perf_counter() - t0) * 1000)
                page = get(base + f"practices/p{i:06d}/index.html")
                if f"Правка {'номер ' if kind == 'текст' else ''}{k}" not in page:
                    raise SystemExit(f"правка {k} ({kind}) не видна на странице p{i:06d}")
                time.sleep(args.gap)
            results[kind] = (lat, rebuilds[builds_before:])
        print(f"нагрузка: {open('/proc/loadavg').read().split()[:3]}")
        print()
        print("| правка | правок | от записи до новой версии, мс (медиана, мин–макс) | пересборка, мс (медиана) |")
        print("|---|---:|---:|---:|")
        for kind, (lat, rb) in results.items():
            rb_med = f"{statistics.median(rb):.0f}" if rb else "—"
            print(f"| {kind} | {len(lat)} | {statistics.median(lat):.0f} ({min(lat):.0f}–{max(lat):.0f}) | {rb_med} |")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
