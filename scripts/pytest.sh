#!/usr/bin/env bash
# The README's test run: pytest, and if it dies of a signal (a crash inside a C library,
# which no test can report), a last word a CI log's tail still shows: which test was
# running and the stack of the thread that crashed. pytest's faulthandler writes every
# thread's stack to stderr, the crashing one first and the main thread last, so only the
# main thread's stack would be left in a short tail.
set -uo pipefail
logmap=$(mktemp -d)
trap 'rm -rf "$logmap"' EXIT
export INVORDERING_LOPENDE_TEST="$logmap/lopend"
mkfifo "$logmap/stderr.fifo"
tee "$logmap/stderr" < "$logmap/stderr.fifo" >&2 &
tee_pid=$!
"$@" 2> "$logmap/stderr.fifo"
rc=$?
# tee ends when the last writer closes the pipe; a process a crashed test left behind may
# keep it open, so wait at most 10 s.
for _ in $(seq 100); do
    kill -0 "$tee_pid" 2>/dev/null || break
    sleep 0.1
done
kill "$tee_pid" 2>/dev/null || true
if (( rc > 128 )); then
    echo
    echo "pytest stopte door signaal $((rc - 128)) tijdens: $(cat "$INVORDERING_LOPENDE_TEST" 2>/dev/null || echo '(vóór de eerste test)')"
    echo "De draad die vastliep (faulthandler):"
    awk '/^Fatal Python error/ {print; next} /^Current thread/ {p = 1} p && /^$/ {exit} p' "$logmap/stderr" | head -40
fi
exit "$rc"
