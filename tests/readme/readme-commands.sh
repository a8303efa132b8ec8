#!/usr/bin/env bash
# Runs the README's own commands as a newcomer types them (part of `make test`, via tests/run-tests.sh):
#   1. `make run` in the background (the gateway with the default scenario on its embedded broker, 127.0.0.1:1883);
#   2. every `mosquitto_sub` line of the README, verbatim, until each has shown an alert lifecycle message;
#   3. `make run` printed alert JSON lines on stdout; Ctrl-C (SIGINT) stops it cleanly;
#   4. every `$E ...` edgectl line of the README, verbatim, against the journal it left in .run/.
# The commands are read from README.md, so a command changed there is the command tested here. Exit 0 when all ran
# as the README says; otherwise the failing command and its output. Needs port 1883 free (the README's port).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$(mktemp -d)
deadline_s=${README_DEADLINE_SECONDS:-120}
run_pid=""

say() { echo "readme: $*"; }
fail() { echo "readme: FAILED: $*" >&2; [ -f "$work/run.err" ] && { echo "--- make run stderr (last 30 lines)" >&2; tail -30 "$work/run.err" >&2; }; exit 1; }
stop_run() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -INT -- "-$run_pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$run_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$run_pid" 2>/dev/null || true
  fi
}
trap 'stop_run; rm -rf "$work"; rm -f "$root/incident.jsonl" "$root/tertaal-2026-T3.html"' EXIT

command -v mosquitto_sub >/dev/null || fail "mosquitto_sub is not installed (make run installs mosquitto-clients)"
if (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
  fail "something already listens on 127.0.0.1:1883; the README's commands use that port (stop it and run again)"
fi

# The README's commands, verbatim (comments after '#' dropped).
mapfile -t subs < <(grep -E '^mosquitto_sub ' README.md | sed 's/[[:space:]]\+#.*$//')
mapfile -t edgectl < <(grep -E '^(E=|\$E )' README.md | sed 's/[[:space:]]\+#.*$//')
[ "${#subs[@]}" -ge 1 ] || fail "README.md shows no mosquitto_sub command"
[ "${#edgectl[@]}" -ge 2 ] || fail "README.md shows no edgectl (\$E) commands"

# 1. make run, in its own process group so that Ctrl-C reaches the gateway as it would in a terminal.
start=$(date +%s)
setsid make run >"$work/run.out" 2>"$work/run.err" &
run_pid=$!
say "make run started (pid $run_pid)"

# The broker is up once 127.0.0.1:1883 accepts connections (the first start builds the gateway first).
until (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; do
  [ $(( $(date +%s) - start )) -lt "$deadline_s" ] || fail "make run did not open 127.0.0.1:1883 within ${deadline_s} s"
  kill -0 "$run_pid" 2>/dev/null || fail "make run exited early"
  sleep 1
done
say "broker listening after $(( $(date +%s) - start )) s"

# 2. Each mosquitto_sub line until it shows a lifecycle message on .../alerts (it fails at once while the broker is
#    not up yet, and fails for good with "Connection Refused: identifier rejected" if the broker refuses its empty
#    client id, as it did before issue 14).
for cmd in "${subs[@]}"; do
  seen=""
  while [ -z "$seen" ]; do
    [ $(( $(date +%s) - start )) -lt "$deadline_s" ] || fail "no alert from \`$cmd\` within ${deadline_s} s; its last error: $(tail -3 "$work/sub.err" 2>/dev/null)"
    kill -0 "$run_pid" 2>/dev/null || fail "make run exited early"
    seen=$(timeout 30 bash -c "$cmd" 2>"$work/sub.err" | grep -m1 -E '"type":"(new|update|end)"')
    if grep -q -E "Connection Refused:|rejected|not authori" "$work/sub.err"; then fail "\`$cmd\`: $(head -1 "$work/sub.err")"; fi
    [ -n "$seen" ] || sleep 1
  done
  say "ok: \`$cmd\` -> ${seen:0:100}..."
done

# 3. make run prints lifecycle messages as JSON lines on stdout; Ctrl-C stops it and the journal is flushed.
grep -q -E '^\{"type":"(new|update|end)"' "$work/run.out" || fail "make run printed no alert JSON line on stdout"
stop_run
wait "$run_pid" 2>/dev/null
run_pid=""
say "ok: make run printed $(grep -c -E '^\{"type"' "$work/run.out") alert lines and stopped on Ctrl-C"

# 4. The README's edgectl lines against the journal make run left in .run/.
[ -f .run/journal.db ] || fail "make run left no .run/journal.db"
E=""
for cmd in "${edgectl[@]}"; do
  case "$cmd" in E=*) eval "$cmd"; [ -x "$E" ] || fail "\`$cmd\`: $E is not an executable"; continue ;; esac
  if ! out=$(eval "$cmd" 2>&1 </dev/null); then
    fail "\`$cmd\` exited non-zero: $(echo "$out" | tail -5)"
  fi
  say "ok: \`$cmd\`"
done
[ -s incident.jsonl ] || fail "log export wrote no incident.jsonl"
say "all README commands ran as written in $(( $(date +%s) - start )) s"
