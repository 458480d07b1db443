#!/usr/bin/env bash
# Builds sitegen's libFuzzer targets and runs one.
#   Fuzz/run.sh annotations [SECONDS]   the annotation parser and body renderer
#   Fuzz/run.sh frontmatter [SECONDS]   UTF-8 check, front matter, YAML, typed fields
# The working corpus grows in Fuzz/.build/corpus-TARGET; crashes land in Fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: Fuzz/run.sh annotations|frontmatter [seconds]}
seconds=${2:-600}
case "$target" in
  annotations) product=FuzzAnnotations ;;
  frontmatter) product=FuzzFrontMatter ;;
  *) echo "unknown target '$target': use annotations or frontmatter" >&2; exit 2 ;;
esac
swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --product "$product"
mkdir -p ".build/corpus-$target" artifacts
# libFuzzer, not the Swift runtime backtracer, must see a crash so it saves the input.
export SWIFT_BACKTRACE=enable=no
exec ".build/release/$product" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix=artifacts/ ".build/corpus-$target" "corpus/$target"
