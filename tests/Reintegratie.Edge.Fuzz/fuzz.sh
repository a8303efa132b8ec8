#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser: SharpFuzz-instrumented assemblies under AFL++ (afl-fuzz), one target at
# a time, time-boxed. Used by `make fuzz`.
#
#   tests/Reintegratie.Edge.Fuzz/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 300; TARGETs default to all (see `list`). Per target it reports execs, paths
# (corpus entries), crashes and hangs, saves crashing inputs under artifacts/fuzz/<target>/crashes and replays
# them to print the exception. Exit status: 0 no crash, 1 a crash was found (or afl-fuzz failed), 2 setup failed.
set -euo pipefail

seconds="${1:-300}"
shift || true
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS_PER_TARGET must be a number, got '$seconds'" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
conformance="$root/tests/conformance"
out="$root/artifacts/fuzz"
bin="$out/bin"
plain="$out/bin-plain"
tools="$out/tools"
project="$root/tests/Reintegratie.Edge.Fuzz"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo

fail() { echo "fuzz.sh: $*" >&2; exit 2; }

# 1. AFL++ from the distribution (Debian: afl++).
if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "== installing afl++"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null \
    || fail "could not install afl++ with apt-get"
fi

# 2. The SharpFuzz instrumentation tool, private to artifacts/ (no global tool install).
if [ ! -x "$tools/sharpfuzz" ]; then
  echo "== installing SharpFuzz.CommandLine"
  dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null \
    || fail "could not install the SharpFuzz.CommandLine dotnet tool"
fi

# 3. Publish into a clean folder: instrumenting twice fails, and publish would not overwrite a newer (instrumented) dll.
echo "== publishing the fuzz project"
# An uninstrumented copy seeds and replays: instrumented code outside afl-fuzz has no coverage map to write to.
rm -rf "$bin" "$plain"
dotnet publish "$project" -c Release -o "$bin" -nologo -clp:ErrorsOnly >/dev/null || fail "dotnet publish failed"
cp -a "$bin" "$plain"
fuzz=(dotnet "$bin/Reintegratie.Edge.Fuzz.dll")
driver=(dotnet "$plain/Reintegratie.Edge.Fuzz.dll")

if [ "$#" -gt 0 ]; then targets=("$@"); else mapfile -t targets < <("${driver[@]}" list | awk '{print $1}'); fi
[ -d "$conformance/opendroneid" ] && [ -d "$conformance/sapient" ] || fail "no conformance data at $conformance"

# 4. Seeds from real examples, written by the uninstrumented build.
for t in "${targets[@]}"; do
  rm -rf "$out/$t/seeds"
  "${driver[@]}" seed "$t" "$out/$t/seeds" "$root" "$conformance" || fail "no seeds for target '$t'"
done

# 5. Instrument our parsers and the libraries they hand bytes to (protobuf, the JSON configuration provider and
#    binder); the fuzz driver itself and SharpFuzz stay uninstrumented.
echo "== instrumenting"
for dll in Reintegratie.Edge.Core.dll Reintegratie.Edge.Sensors.dll Google.Protobuf.dll \
           Microsoft.Extensions.Configuration.Json.dll Microsoft.Extensions.Configuration.Binder.dll; do
  [ -f "$bin/$dll" ] || fail "$dll missing from the publish output"
  "$tools/sharpfuzz" "$bin/$dll" >/dev/null || fail "sharpfuzz could not instrument $dll"
done

# 6. One afl-fuzz at a time (the machine is shared), niced, for the time box. In a container AFL++ cannot pin CPUs,
#    set the frequency governor or own core_pattern; the target is `dotnet`, which carries no AFL instrumentation
#    itself (the instrumented assemblies it loads do), hence the skipped binary check.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1
export AFL_NO_UI=1 AFL_FAST_CAL=1
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$2" 2>/dev/null || true; }
summary="$out/summary.txt"
printf '%-14s %10s %8s %7s %7s %8s  %s\n' target execs paths crashes hangs exec/s status > "$summary"
found=0
for t in "${targets[@]}"; do
  findings="$out/$t/findings"
  rm -rf "$findings" "$out/$t/crashes" "$out/$t/hangs"
  mkdir -p "$out/$t/crashes" "$out/$t/hangs"
  echo "== afl-fuzz $t for ${seconds}s"
  status=ok
  # A generous per-input timeout: .NET starts slowly on a loaded Pi-class box; a real hang still shows.
  timeout --kill-after=30 $((seconds + 600)) nice -n 10 \
    afl-fuzz -i "$out/$t/seeds" -o "$findings" -V "$seconds" -t 5000 -m none -- "${fuzz[@]}" "$t" \
    > "$out/$t/afl.log" 2>&1 || status="afl-fuzz exited $? (see $out/$t/afl.log)"
  stats="$findings/default/fuzzer_stats"
  [ -f "$stats" ] || { status="no fuzzer_stats (see $out/$t/afl.log)"; found=1; }
  cp "$findings"/default/crashes/id:* "$out/$t/crashes/" 2>/dev/null || true
  cp "$findings"/default/hangs/id:* "$out/$t/hangs/" 2>/dev/null || true
  crashes=$(find "$out/$t/crashes" -type f | wc -l)
  hangs=$(find "$out/$t/hangs" -type f | wc -l)
  printf '%-14s %10s %8s %7s %7s %8s  %s\n' "$t" "$(stat execs_done "$stats")" "$(stat corpus_count "$stats")" \
    "$crashes" "$hangs" "$(stat execs_per_sec "$stats")" "$status" | tee -a "$summary"
  if [ "$crashes" -gt 0 ]; then
    found=1
    "${driver[@]}" replay "$t" "$out/$t/crashes" | tee "$out/$t/crashes/README.txt" || true
  fi
  # Hangs are reported, not failed on: on a loaded shared machine a slow input can pass the 5 s timeout. Replay
  # them (`replay <target> artifacts/fuzz/<target>/hangs`) before calling one a bug.
  [ "$hangs" -eq 0 ] || echo "fuzz.sh: $t: $hangs input(s) timed out; saved in $out/$t/hangs" >&2
  [ "$status" = ok ] || found=1
done

echo
cat "$summary"
exit "$found"
