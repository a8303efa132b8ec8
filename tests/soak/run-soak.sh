#!/usr/bin/env bash
# Robustness soak (`make soak`, not part of `make test`): runs the five robustness cases of the integration tests
# (tests/Reintegratie.Edge.IntegrationTests/Robustness) for SOAK_MINUTES in total, one after the other, each given an
# equal share of the time through EDGE_SOAK_SECONDS. Every case appends its line
#   <case>: injected N, journaled N, delivered N, lost N, duplicates N; <case-specific figures>
# to a report; the script prints the lines as they come and a closing table. Exit status: non-zero when a case fails
# (an assertion: latency budget, memory bound, a missing alert, ...), any line reports a loss, or a case could not run (CANNOT RUN)
# (could not run, e.g. no root for the tmpfs): a case that did not run never counts as passed.
set -uo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-${SOAK_MINUTES:-30}}"
config=Release
project=tests/Reintegratie.Edge.IntegrationTests/Reintegratie.Edge.IntegrationTests.csproj
cases=(BrokerKillLoopTests GatewayKillLoopTests SerialPortVanishTests TelemetryFloodTests JournalDiskFullTests)
names=(broker-kill-loop gateway-kill-loop serial-vanish-loop flood journal-disk-full)

# Each case needs ~40 s beyond its loop (gateway start, drain, delivery checks): its loop gets the rest of its share.
share=$(( minutes * 60 / ${#cases[@]} ))
per=$(( share > 60 ? share - 40 : 20 ))
mkdir -p artifacts/soak
report=artifacts/soak/soak-$(date -u +%Y%m%dT%H%M%SZ).txt
: > "$report"
echo "soak: ${minutes} min, ${#cases[@]} cases, ${per} s of loop each; report $report"

dotnet build src/Reintegratie.Edge.Gateway -c $config -nologo -clp:ErrorsOnly -v q || exit 1
dotnet build "$project" -c $config -nologo -clp:ErrorsOnly -v q || exit 1

rc=0
declare -a results
for i in "${!cases[@]}"; do
  c=${cases[$i]}
  log=$(mktemp)
  start=$(date +%s)
  EDGE_SOAK_SECONDS=$per EDGE_SOAK_REPORT="$PWD/$report" timeout $(( per + 600 )) \
    dotnet test "$project" -c $config --no-build --nologo --filter "FullyQualifiedName~Robustness.$c" \
      --logger "console;verbosity=minimal" >"$log" 2>&1
  status=$?
  took=$(( $(date +%s) - start ))
  line=$(grep -E "^${names[$i]}:" "$report" | tail -1)
  lost=$(echo "$line" | sed -n 's/.* lost \([0-9]*\),.*/\1/p')
  if [ $status -ne 0 ]; then
    verdict=FAILED; rc=1
    grep -v -E "^\s*$" "$log" | grep -v -E "^(Test run for|A total of|Build started)" | head -60
  elif [ -z "$line" ]; then
    verdict="NO REPORT"; rc=1
  elif [ "${lost:-0}" != 0 ]; then
    verdict=LOST; rc=1
  elif echo "$line" | grep -q "CANNOT RUN"; then
    verdict="CANNOT RUN"; rc=1   # a case that did not run proves nothing: the soak fails
  else
    verdict=ok
  fi
  echo "${line:-${names[$i]}: no result line} [${verdict}, ${took} s]"
  results+=("$(printf '%-20s %-9s %5s s  %s' "${names[$i]}" "$verdict" "$took" "${line#*: }")")
  rm -f "$log"
done

echo
echo "== soak summary (${minutes} min, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores) =="
printf '%-20s %-9s %7s  %s\n' case result time figures
for r in "${results[@]}"; do echo "$r"; done
[ $rc -eq 0 ] && echo "soak: nothing lost, every case passed" || echo "soak: FAILED"
exit $rc
