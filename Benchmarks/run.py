#!/usr/bin/env python3
"""Builds the same generated corpus with sitegen and Hugo, side by side.

    python3 Benchmarks/run.py                  # N = 1,000 and 10,000, 3 runs each
    python3 Benchmarks/run.py --sizes 1000 --runs 5

For each tool and N it prints wall time (median, min, max), CPU time, peak
RSS and pages written, and the sitegen/Hugo ratio taken pair by pair (each
sitegen run is paired with the Hugo run right after it, so both see the same
machine load). Then sitegen's own per-stage times (`sitegen build --stats`)
and how the cost grows from the smallest N to the largest.

Needs: python3, hugo (Debian: apt-get install hugo), and a release build of
sitegen (made here with `swift build -c release` unless --sitegen is given).
Corpora are generated once per size and seed under --work (default
/tmp/sitegen-bench) by Benchmarks/corpus.py.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_measured(argv, cwd=None):
    """Runs argv; returns (wall seconds, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({process.returncode}):\n{err.decode()[-2000:]}")
    return wall, out.decode()


def run_with_rusage(argv, cwd=None):
    """Runs argv with output discarded; returns (wall s, CPU s, peak RSS MiB) from wait4."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        if cwd:
            os.chdir(cwd)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        subprocess.run(argv, cwd=cwd)  # show the error
        sys.exit(f"{' '.join(argv)} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def count_pages(folder):
    return sum(1 for _, _, files in os.walk(folder) for name in files if name.endswith(".html"))


def corpus(work, n, seed):
    folder = os.path.join(work, f"corpus-{n}-{seed}")
    marker = os.path.join(folder, ".complete")
    if not os.path.exists(marker):
        print(f"generating corpus N={n} …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), "--articles", str(n), "--out", folder,
                        "--seed", str(seed)], check=True)
        open(marker, "w").close()
    return folder


def summary(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", default="/tmp/sitegen-bench")
    parser.add_argument("--sitegen", help="a sitegen binary (default: build release here)")
    parser.add_argument("--rebuild-edits", type=int, default=5,
                        help="edits timed per size and kind, from the command line and with BuildSession "
                             "(0 skips the rebuild benchmarks)")
    args = parser.parse_args()

    if not shutil.which("hugo"):
        sys.exit("hugo is not installed (Debian: apt-get install hugo)")
    sitegen = args.sitegen
    if not sitegen:
        subprocess.run(["swift", "build", "-c", "release", "--product", "sitegen"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        sitegen = os.path.join(ROOT, ".build", "release", "sitegen")
    rebuild_benchmark = os.path.join(os.path.dirname(sitegen), "rebuild-benchmark")
    if args.rebuild_edits and not os.path.exists(rebuild_benchmark):
        subprocess.run(["swift", "build", "-c", "release", "--product", "rebuild-benchmark"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        rebuild_benchmark = os.path.join(ROOT, ".build", "release", "rebuild-benchmark")
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    print(f"machine: {os.cpu_count()} cores; hugo {hugo_version}; runs per tool and size: {args.runs}\n")

    rows, stats, medians = [], {}, {}
    for n in [int(s) for s in args.sizes.split(",")]:
        folder = corpus(args.work, n, args.seed)
        sg_out, hugo_out = os.path.join(folder, "out-sitegen"), os.path.join(folder, "out-hugo")
        sg_cmd = [sitegen, "build", "--content", os.path.join(folder, "sitegen", "Content"),
                  "--templates", os.path.join(ROOT, "Templates"), "--output", sg_out]
        hugo_cmd = ["hugo", "--quiet", "--source", os.path.join(folder, "hugo"), "--destination", hugo_out]
        sg_runs, hugo_runs, ratios = [], [], []
        for _ in range(args.runs):
            # Clean builds: no previous output, no cache.
            for path in (sg_out, hugo_out, os.path.join(folder, "hugo", "resources")):
                shutil.rmtree(path, ignore_errors=True)
            sg = run_with_rusage(sg_cmd)
            hg = run_with_rusage(hugo_cmd)
            sg_runs.append(sg)
            hugo_runs.append(hg)
            ratios.append(sg[0] / hg[0])
        pages = (count_pages(sg_out), count_pages(hugo_out))
        for tool, runs, page_count in (("sitegen", sg_runs, pages[0]), ("hugo", hugo_runs, pages[1])):
            wall = summary([r[0] for r in runs])
            cpu = statistics.median(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            rows.append((n, tool, wall, cpu, rss, page_count))
            medians[(tool, n)] = wall[0]
        rss_ratio = max(r[2] for r in sg_runs) / max(r[2] for r in hugo_runs)
        rows.append((n, "ratio", statistics.median(ratios), min(ratios), max(ratios), rss_ratio))
        shutil.rmtree(sg_out, ignore_errors=True)
        _, out = run_measured(sg_cmd[:2] + ["--stats"] + sg_cmd[2:])
        stats[n] = out.strip()

    print(f"{'N':>6}  {'tool':<8} {'wall median':>11} {'min':>7} {'max':>7} {'CPU':>7} {'peak RSS':>9} {'pages':>7}")
    for row in rows:
        if row[1] == "ratio":
            n, _, median, low, high, rss_ratio = row
            print(f"{n:>6}  {'sg/hugo':<8} {median:>10.2f}× {low:>6.2f}× {high:>6.2f}× {'':>7} {rss_ratio:>8.2f}×")
            continue
        n, tool, (median, low, high), cpu, rss, pages = row
        print(f"{n:>6}  {tool:<8} {median:>10.2f}s {low:>6.2f}s {high:>6.2f}s {cpu:>6.2f}s {rss:>6.0f} MiB {pages:>7}")
    sizes = sorted({n for _, n in medians})
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        growth = medians[("sitegen", large)] / medians[("sitegen", small)]
        print(f"\nsitegen growth from N={small} to N={large}: {growth:.1f}× for {large / small:.0f}× the articles")
    for n, out in stats.items():
        print(f"\nsitegen build --stats, N={n}:\n{out}")
    if args.rebuild_edits:
        for n in sorted({n for _, n in medians}):
            print(f"\nsitegen build after one article changed (state saved by the previous build), N={n}:")
            print(cli_rebuilds(sitegen, corpus(args.work, n, args.seed), args.rebuild_edits))
        for n in sorted({n for _, n in medians}):
            folder = corpus(args.work, n, args.seed)
            out_dir = os.path.join(folder, "out-rebuild")
            shutil.rmtree(out_dir, ignore_errors=True)
            content = os.path.join(folder, "sitegen", "Content")
            _, out = run_measured([rebuild_benchmark, content, os.path.join(ROOT, "Templates"), out_dir,
                                   str(args.rebuild_edits), most_mentioned_actor(content)])
            print(f"\nBuildSession (in memory), N={n}:\n{out.strip()}")


def article_edits(original, actor):
    """The three edits both rebuild benchmarks time: (name, edit number -> new text)."""
    quote = original.find("]{.quote")
    return [
        ("prose paragraph added", lambda i: original + f"\nEdit number {i} adds a sentence.\n"),
        ("quote words changed", lambda i: original[:quote] + f" (edit {i})" + original[quote:]),
        ("mention of the most mentioned actor added",
         lambda i: original + f"\nEdit number {i} names [[{actor}]].\n"),
    ]


def cli_rebuilds(sitegen, folder, edits):
    """Times `sitegen build` from the command line after one article changes, the previous
    build's state on disk: a clean build first, then each edit followed by a build."""
    content = os.path.join(folder, "sitegen", "Content")
    out = os.path.join(folder, "out-cli")
    shutil.rmtree(out, ignore_errors=True)
    command = [sitegen, "build", "--stats", "--content", content, "--templates", os.path.join(ROOT, "Templates"),
               "--output", out]
    run_measured(command + ["--clean"])
    articles = sorted(f for f in os.listdir(os.path.join(content, "articles")) if f.endswith(".md"))
    path = os.path.join(content, "articles", articles[len(articles) // 2])
    with open(path, encoding="utf-8") as handle:
        original = handle.read()
    lines = []
    try:
        for name, edit in article_edits(original, most_mentioned_actor(content)):
            walls, last = [], ""
            for i in range(edits):
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(edit(i))
                wall, last = run_measured(command)
                walls.append(wall)
            median, low, high = summary(walls)
            stages = "; ".join(line.strip() for line in last.splitlines()[1:] if line.startswith("  "))
            lines.append(f"{name}: median {median * 1000:.0f} ms (min {low * 1000:.0f}, max {high * 1000:.0f}) "
                         f"over {edits} builds\n  last: {stages}")
    finally:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(original)
        run_measured(command)
    return "\n".join(lines)


def most_mentioned_actor(content):
    """The corpus draws actors Zipf-like by index: the actor whose slug ends in -0 is named most."""
    actors = os.path.join(content, "actors")
    first = sorted(f for f in os.listdir(actors) if f.endswith("-0.md"))[0]
    with open(os.path.join(actors, first), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("name:"):
                return line.split(":", 1)[1].strip().strip('"')
    raise SystemExit(f"no name in {first}")


if __name__ == "__main__":
    main()
