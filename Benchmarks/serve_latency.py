#!/usr/bin/env python3
"""Measures `sitegen serve`'s save-to-reload latency.

    python3 Benchmarks/serve_latency.py                          # the seed site
    python3 Benchmarks/serve_latency.py --content /tmp/sitegen-bench/corpus-1000-7/sitegen/Content
    python3 Benchmarks/serve_latency.py --runs 20 --edit site.yml

Copies the content folder into a temporary folder (the given one is never
touched), starts `sitegen serve --port 0` on it, listens to the live-reload
event stream as a browser does, then saves a file again and again (one
paragraph more each time, written to a temporary file and renamed over the
real one, as editors do) and times each save, from just before the write
to the `reload` event's arrival. It then checks the served page has the
new paragraph. Prints the first build's time and the latency's median,
min and max. The time includes serve's quiet period (50 ms: how long it
waits for the rest of an editor's save).

Needs a release build of sitegen (made here with `swift build -c release
--product sitegen` unless --sitegen is given).
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class EventStream:
    """The live-reload stream over a plain socket; yields event names."""

    def __init__(self, port, build):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=600)
        self.sock.sendall(
            f"GET /__sitegen/events?build={build} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 200"):
            sys.exit(f"event stream refused: {head[:80]!r}")
        while b": sitegen serve" not in self.buffer:  # subscribed from here on
            self._fill()

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            sys.exit("the event stream ended")
        self.buffer += data

    def next_event(self):
        """The next event's name (chunk framing and comments skipped)."""
        while True:
            match = re.search(rb"event: (\w+)\ndata: [^\n]*\n\n", self.buffer)
            if match:
                self.buffer = self.buffer[match.end():]
                return match.group(1).decode()
            self._fill()


def get(port, path):
    with socket.create_connection(("127.0.0.1", port), timeout=600) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", default=os.path.join(ROOT, "Content"))
    parser.add_argument("--templates", default=os.path.join(ROOT, "Templates"))
    parser.add_argument("--sitegen", help="the sitegen binary (default: a release build made here)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--edit", help="the file to save, relative to the content folder "
                        "(default: the article in the middle of the archive)")
    args = parser.parse_args()

    sitegen = args.sitegen
    if not sitegen:
        subprocess.run(["swift", "build", "-c", "release", "--product", "sitegen"], cwd=ROOT, check=True)
        sitegen = os.path.join(ROOT, ".build", "release", "sitegen")

    work = tempfile.mkdtemp(prefix="sitegen-serve-latency-")
    try:
        content = os.path.join(work, "Content")
        shutil.copytree(args.content, content)
        # By default the article in the middle of the archive, as Benchmarks/RebuildBenchmark edits.
        articles = sorted(name for name in os.listdir(os.path.join(content, "articles")) if name.endswith(".md"))
        edit = args.edit or "articles/" + articles[len(articles) // 2]
        log = open(os.path.join(work, "serve.log"), "w+")
        start = time.perf_counter()
        server = subprocess.Popen(
            [sitegen, "serve", "--content", content, "--templates", args.templates,
             "--output", os.path.join(work, "public"), "--port", "0"],
            stdout=subprocess.PIPE, stderr=log, text=True)
        port = None
        for line in server.stdout:
            match = re.search(r"Serving .* at http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
                break
        if port is None:
            log.seek(0)
            sys.exit("sitegen serve did not start:\n" + log.read()[-2000:])
        first_build = time.perf_counter() - start
        page = "/" + edit[:-3] + ".html" if edit.startswith("articles/") else "/"
        build = re.search(r'data-sitegen-build="([^"]+)"', get(port, page)).group(1)
        stream = EventStream(port, build)

        path = os.path.join(content, edit)
        latencies = []
        for run in range(args.runs):
            with open(path, encoding="utf-8") as source:
                text = source.read()
            marker = f"Latency marker {run} {time.time_ns()}"
            if edit.endswith(".md"):
                text = text.rstrip("\n") + f"\n\n{marker}.\n"
            else:
                text = text.rstrip("\n") + f"\n# {marker}\n"
            temporary = path + ".tmp"
            began = time.perf_counter()
            with open(temporary, "w", encoding="utf-8") as target:
                target.write(text)
            os.rename(temporary, path)
            event = stream.next_event()
            latencies.append(time.perf_counter() - began)
            if event != "reload":
                log.seek(0)
                sys.exit(f"expected a reload, got '{event}':\n" + log.read()[-2000:])
            if edit.endswith(".md") and page != "/" and marker not in get(port, page):
                sys.exit("the reload came before the page had the change")
            time.sleep(0.3)

        server.terminate()
        rest, _ = server.communicate(timeout=600)
        # serve's own line per rebuild: "[12:00:00] Rebuilt after … in 23 ms".
        rebuilds = [int(m) for m in re.findall(r"Rebuilt after .* in (\d+) ms", rest)]
        ms = [value * 1000 for value in latencies]
        print(f"content: {args.content}")
        print(f"edited: {edit} ({args.runs} saves)")
        print(f"first build, start to serving: {first_build * 1000:.0f} ms")
        print(f"save to reload event: median {statistics.median(ms):.0f} ms, "
              f"min {min(ms):.0f} ms, max {max(ms):.0f} ms")
        if rebuilds:
            print(f"  of which the rebuild itself (as serve reports it): median {statistics.median(rebuilds):.0f} ms, "
                  f"min {min(rebuilds)} ms, max {max(rebuilds)} ms ({len(rebuilds)} rebuilds)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
