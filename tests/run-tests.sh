#!/usr/bin/env bash
# Runs every test project (already built by `make build`), the deploy checks and the README's own commands, prints
# failures in full and closes with "make test: N passed, N failed, N skipped". A test that is skipped fails the run
# unless it is listed in tests/allowed-skips.txt (name, tab, reason), which is printed at the end with its reasons.
# Exit status is non-zero when anything failed or a test not on that list was skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
config="${CONFIG:-Release}"
allowed_file=tests/allowed-skips.txt
passed=0; failed=0; skipped=0; rc=0
results=$(mktemp -d)
skipped_names=()
projects=$(ls tests/*.Tests/*.csproj; echo tests/Reintegratie.Edge.IntegrationTests/Reintegratie.Edge.IntegrationTests.csproj)
# The NativeAOT linux-x64 build that `make publish` ships; IntegrationTests' Aot* classes run it beside the JIT build.
log=$(mktemp); start=$(date +%s)
if make --no-print-directory publish PUBLISH_RIDS=linux-x64 >"$log" 2>&1; then
  echo "== make publish PUBLISH_RIDS=linux-x64 (NativeAOT, $(( $(date +%s) - start )) s): $(du -h artifacts/publish/linux-x64/reintegratie-edge | cut -f1) gateway"
else
  rc=1; failed=$((failed + 1)); echo "== make publish PUBLISH_RIDS=linux-x64: FAILED"; tail -40 "$log"
fi
rm -f "$log"
for p in $projects; do
  name=$(basename "$p" .csproj)
  log=$(mktemp)
  start=$(date +%s)
  dotnet test "$p" -c "$config" --no-build --nologo --logger "console;verbosity=minimal" \
    --logger "trx;LogFileName=$results/$name.trx" \
    -- RunConfiguration.TestSessionTimeout=900000 >"$log" 2>&1
  status=$?
  summary=$(grep -E "^(Passed|Failed)!" "$log" | tail -1)
  echo "== $name ($(( $(date +%s) - start )) s): ${summary:-no summary (exit $status)}"
  if [ $status -ne 0 ]; then
    rc=1
    grep -v -E "^\s*$" "$log" | grep -v -E "^(Test run for|A total of|Build started)" | head -200
  fi
  p_=$(echo "$summary" | sed -n 's/.*Passed: *\([0-9]*\).*/\1/p'); f_=$(echo "$summary" | sed -n 's/.*Failed: *\([0-9]*\).*/\1/p'); s_=$(echo "$summary" | sed -n 's/.*Skipped: *\([0-9]*\).*/\1/p')
  passed=$((passed + ${p_:-0})); failed=$((failed + ${f_:-0})); skipped=$((skipped + ${s_:-0}))
  if [ -z "$summary" ] && [ $status -ne 0 ]; then failed=$((failed + 1)); fi
  # Skipped tests by name: outcome NotExecuted in the TRX report (a skip never passes silently).
  if [ -f "$results/$name.trx" ]; then
    while IFS= read -r t; do [ -n "$t" ] && skipped_names+=("$t"); done < <(
      grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$results/$name.trx" | sed -n 's/.* testName="\([^"]*\)".*/\1/p' \
        | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&apos;/'"'"'/g; s/&amp;/\&/g')
  elif [ -n "${s_:-}" ] && [ "${s_:-0}" != 0 ]; then
    skipped_names+=("$name: ${s_} skipped test(s), names unknown (no TRX report)")
  fi
  rm -f "$log"
done
rm -rf "$results"
# Field deployment checks, and the README's commands as a newcomer types them (make run + mosquitto_sub + edgectl).
for script in deploy/test/systemd-security.sh deploy/test/install-test.sh tests/readme/readme-commands.sh; do
  log=$(mktemp)
  if bash "$script" >"$log" 2>&1; then
    passed=$((passed + 1)); echo "== $script: passed ($(tail -1 "$log"))"
  else
    failed=$((failed + 1)); rc=1; echo "== $script: FAILED"; tail -40 "$log"
  fi
  rm -f "$log"
done

# Skips: only those on the allowed list pass; print the list with its reasons either way.
declare -A allowed=()
if [ -f "$allowed_file" ]; then
  while IFS=$'\t' read -r test reason; do
    case "$test" in ''|'#'*) continue ;; esac
    allowed["$test"]="${reason:-no reason given}"
  done < "$allowed_file"
fi
echo "== allowed skips ($allowed_file): ${#allowed[@]}"
for t in "${!allowed[@]}"; do echo "   $t: ${allowed[$t]}"; done
not_allowed=0
for t in "${skipped_names[@]+"${skipped_names[@]}"}"; do
  if [ -n "${allowed[$t]+x}" ]; then
    echo "   skipped (allowed): $t"
  else
    echo "   SKIPPED, NOT ALLOWED: $t"; not_allowed=$((not_allowed + 1))
  fi
done
if [ $not_allowed -gt 0 ]; then
  rc=1; echo "== $not_allowed skipped test(s) not on $allowed_file: a test that cannot run fails the run (install what it needs: make deps-test)"
fi

echo "make test: $passed passed, $failed failed, $skipped skipped"
exit $rc
