#!/usr/bin/env python3
"""Builds the same generated corpus with sitegen and Hugo, side by side.

    python3 Benchmarks/run.py                  # N = 1,000 and 10,000, 3 runs each
    python3 Benchmarks/run.py --sizes 1000 --runs 5

For each tool and N it prints wall time (median, min, max), CPU time, peak
RSS and pages written, and the sitegen/Hugo ratio taken pair by pair (each
sitegen run is paired with the Hugo run right after it, so both see the same
machine load). Then how the cost grows from the smallest N to the largest;
the floor, measured in the same run (Benchmarks/floor.c: cmark over every
body plus writing sitegen's output bytes again, one C thread), and sitegen's
wall time as a multiple of it; the page weights of each kind of page, for
both tools; and sitegen's own per-stage times (`sitegen build --stats`).

Needs: python3, hugo (Debian: apt-get install hugo), cc and libcmark
(apt-get install libcmark-dev) for the floor, and a release build of sitegen
(made here with `swift build -c release` unless --sitegen is given).
Corpora are generated once per size and seed under --work (default
/tmp/sitegen-bench) by Benchmarks/corpus.py.
"""
import argparse
import hashlib
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
        # All of it: a crash's backtrace starts with the frames that matter.
        sys.exit(f"{' '.join(argv)} failed ({process.returncode}):\n{err.decode()}")
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
    # The marker holds the generator's hash: a changed generator (or Hugo
    # theme) makes a new corpus instead of reusing the old one.
    with open(os.path.join(HERE, "corpus.py"), "rb") as f:
        generator = hashlib.sha256(f.read()).hexdigest()
    made_by = open(marker).read().strip() if os.path.exists(marker) else None
    if made_by != generator:
        print(f"generating corpus N={n} …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), "--articles", str(n), "--out", folder,
                        "--seed", str(seed)], check=True)
        with open(marker, "w") as f:
            f.write(generator + "\n")
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
    # The in-memory benchmark is always built from this checkout: `swift build --product sitegen`
    # leaves an older one beside the binary as it was, and its numbers then describe old code.
    rebuild_benchmark = os.path.join(ROOT, ".build", "release", "rebuild-benchmark")
    if args.rebuild_edits:
        subprocess.run(["swift", "build", "-c", "release", "--product", "rebuild-benchmark"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    print(f"machine: {os.cpu_count()} cores; hugo {hugo_version}; runs per tool and size: {args.runs}\n")

    floor = compile_floor(args.work)
    rows, stats, medians, weights, floors = [], {}, {}, {}, {}
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
        weights[n] = (page_weights(sg_out), page_weights(hugo_out), saved_state_size(sg_out))
        floors[n] = measure_floor(floor, os.path.join(folder, "sitegen", "Content"), sg_out,
                                  os.path.join(folder, "out-floor"), args.runs)
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
        print()
        for tool in ("sitegen", "hugo"):
            if (tool, small) in medians and (tool, large) in medians:
                growth = medians[(tool, large)] / medians[(tool, small)]
                print(f"{tool} growth from N={small} to N={large}: {growth:.1f}× for {large / small:.0f}× the articles")
    print_floors(floors, medians, args.runs)
    for n, (sitegen_weights, hugo_weights, state) in weights.items():
        print_weights(n, sitegen_weights, hugo_weights, state)
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


def compile_floor(work):
    """Compiles Benchmarks/floor.c into work (again when the source is newer): the floor is
    measured with a C program so that it stands for the work itself, not an interpreter."""
    source = os.path.join(HERE, "floor.c")
    binary = os.path.join(work, "floor")
    if os.path.exists(binary) and os.path.getmtime(binary) >= os.path.getmtime(source):
        return binary
    os.makedirs(work, exist_ok=True)
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libcmark"], capture_output=True, text=True)
    if flags.returncode != 0:
        sys.exit("libcmark is not installed (Debian: apt-get install libcmark-dev)")
    subprocess.run(["cc", "-O2", "-o", binary, source] + flags.stdout.split(), check=True)
    return binary


def measure_floor(binary, content, output, destination, runs):
    """Runs the floor `runs` times, each writing into a fresh destination on the same file
    system as sitegen's output; returns the median of each number floor.c prints."""
    results = []
    for _ in range(runs):
        shutil.rmtree(destination, ignore_errors=True)
        _, out = run_measured([binary, content, output, destination])
        results.append({key: float(value) for key, value in (line.split() for line in out.splitlines())})
    shutil.rmtree(destination, ignore_errors=True)
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def print_floors(floors, medians, runs):
    """The floor against sitegen's clean build: the issue's target is a clean build within 4×
    the floor at N = 10,000, so the multiple is printed for every N."""
    print("\nfloor: one C thread (Benchmarks/floor.c) renders every body with cmark_markdown_to_html, then "
          "writes sitegen's\noutput again (same paths and bytes, open/write/close, no fsync) into a fresh folder; "
          f"median of {runs} run{'s' if runs != 1 else ''};\nsitegen: the clean build's wall median above")
    print(f"{'N':>6}  {'bodies':>7} {'Markdown':>9} {'cmark':>9}  {'files':>7} {'bytes':>9} {'write':>9}  "
          f"{'floor':>9}  {'sitegen':>8} {'sitegen/floor':>13}")
    for n, floor in floors.items():
        total = floor["cmark_seconds"] + floor["write_seconds"]
        sitegen = medians[("sitegen", n)]
        print(f"{n:>6}  {floor['bodies']:>7.0f} {size(floor['markdown_bytes']):>9} "
              f"{floor['cmark_seconds'] * 1000:>6.0f} ms  {floor['files']:>7.0f} {size(floor['bytes']):>9} "
              f"{floor['write_seconds'] * 1000:>6.0f} ms  {total * 1000:>6.0f} ms  {sitegen:>7.2f}s "
              f"{sitegen / total:>12.1f}×")
    print("target: sitegen's clean build within 4× the floor at N = 10,000")


# The kinds of file in an output folder, in the order the weights table lists them.
KINDS = ["articles", "actors", "topics", "quotes", "archive pages", "indexes", "home", "other pages",
         "data/", "search parts", "assets", "manifest", "other files"]


def page_kind(relative):
    """The kind of an output file, from its path relative to the output folder. Covers both
    layouts: sitegen's `actors/SLUG.html` with archive pages `actors/SLUG--quotes-2.html`
    beside it, and Hugo's `actors/SLUG/index.html` (where `.../page/N/` would be an archive)."""
    parts = relative.split("/")
    name = parts[-1]
    if len(parts) == 1:
        if name == "index.html":
            return "home"
        if name in ("articles.html", "actors.html", "topics.html", "quotes.html"):
            return "indexes"
        if name == "search-index.js":
            return "search parts"
        if name.endswith(".html"):
            return "other pages"
        if name.endswith((".css", ".js")):
            return "assets"
        if name == ".sitegen-output":
            return "manifest"
        return "other files"
    top = parts[0]
    if top in ("actors", "topics"):
        return "archive pages" if "--" in parts[1] or "page" in parts[2:-1] else top
    if top in ("articles", "quotes"):
        return top
    if top == "data":
        return "data/"
    if top == "search":
        return "search parts"
    if top == "static":
        return "assets"
    return "other files"


def page_weights(folder):
    """File sizes by kind ({kind: [bytes, ...]}), every file in the folder counted once, so
    that the kinds add up to the folder's total. What each page weighs is what a reader
    downloads and what the build writes: heavy kinds show where write time goes."""
    weights = {}
    for directory, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(directory, name)
            weights.setdefault(page_kind(os.path.relpath(path, folder)), []).append(os.path.getsize(path))
    return weights


def saved_state_size(output):
    """Bytes of the state sitegen saves beside its output (`.NAME.sitegen-state`), or None.
    A clean build writes it too, but it is no page: the weights table and the floor leave
    it out, and it is printed under the table so the whole write is in view."""
    path = os.path.join(os.path.dirname(output), f".{os.path.basename(output)}.sitegen-state")
    return os.path.getsize(path) if os.path.exists(path) else None


def size(count):
    """Bytes, readable: 23 B, 25.1 KiB, 12.3 MiB."""
    if count < 1024:
        return f"{count:.0f} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KiB"
    return f"{count / 1024 / 1024:.1f} MiB"


def print_weights(n, sitegen, hugo, state):
    """One row per kind, sitegen beside Hugo: files, total, median and largest file."""
    def cells(sizes):
        if not sizes:
            return f"{'-':>7} {'':>9} {'':>9} {'':>9}"
        return (f"{len(sizes):>7} {size(sum(sizes)):>9} {size(statistics.median(sizes)):>9} "
                f"{size(max(sizes)):>9}")

    print(f"\npage weights, N={n}: files, total bytes, median and largest file of each kind")
    print(f"{'':<14} {'sitegen':>7} {'':>9} {'':>9} {'':>9}   {'hugo':>7}")
    print(f"{'kind':<14} {'files':>7} {'total':>9} {'median':>9} {'largest':>9}   "
          f"{'files':>7} {'total':>9} {'median':>9} {'largest':>9}")
    for kind in KINDS:
        if kind in sitegen or kind in hugo:
            print(f"{kind:<14} {cells(sitegen.get(kind, []))}   {cells(hugo.get(kind, []))}".rstrip())
    everything = ([s for sizes in sitegen.values() for s in sizes], [s for sizes in hugo.values() for s in sizes])
    print(f"{'all files':<14} {cells(everything[0])}   {cells(everything[1])}")
    print("indexes: articles, actors, topics and quotes.html; other pages: timeline, connections, search, 404;\n"
          "archive pages: sitegen's actors/ and topics/SLUG--KIND-N.html (Hugo's theme makes none); "
          "search parts:\nsearch-index.js and search/; manifest: sitegen's .sitegen-output")
    if state is not None:
        print(f"beside the output, not counted above: sitegen's saved state, {size(state)}")


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
