#!/usr/bin/env bash
# Runs every test project (already built by `make build`), prints failures in full and one closing line:
# "make test: N passed, N failed, N skipped". Exit status is non-zero when any project fails.
set -uo pipefail
cd "$(dirname "$0")/.."
config="${CONFIG:-Release}"
passed=0; failed=0; skipped=0; rc=0
projects=$(ls tests/*.Tests/*.csproj; echo tests/Reintegratie.Edge.IntegrationTests/Reintegratie.Edge.IntegrationTests.csproj)
for p in $projects; do
  name=$(basename "$p" .csproj)
  log=$(mktemp)
  start=$(date +%s)
  dotnet test "$p" -c "$config" --no-build --nologo --logger "console;verbosity=minimal" \
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
  rm -f "$log"
done
# Field deployment checks: the unit's hardening score and the staged install/upgrade/rollback/uninstall.
for script in deploy/test/systemd-security.sh deploy/test/install-test.sh; do
  log=$(mktemp)
  if bash "$script" >"$log" 2>&1; then
    passed=$((passed + 1)); echo "== $script: passed ($(tail -1 "$log"))"
  else
    failed=$((failed + 1)); rc=1; echo "== $script: FAILED"; tail -40 "$log"
  fi
  rm -f "$log"
done

echo "make test: $passed passed, $failed failed, $skipped skipped"
exit $rc
