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
"$@" 2> >(tee "$logmap/stderr" >&2)
rc=$?
wait  # tee has written everything
if (( rc > 128 )); then
    echo
    echo "pytest stopte door signaal $((rc - 128)) tijdens: $(cat "$INVORDERING_LOPENDE_TEST" 2>/dev/null || echo '(vóór de eerste test)')"
    echo "De draad die vastliep (faulthandler):"
    awk '/^Fatal Python error/ {print; next} /^Current thread/ {p = 1} p && /^$/ {exit} p' "$logmap/stderr" | head -40
fi
exit "$rc"
