# What the shell checks (check_install.sh, check_package.sh, check_ddp.sh) share: a work folder removed on
# exit, "ok:" and "FAIL:" lines, and the count of failures that decides the status. Sourced, not run.
# The checks run with pipefail, so a pipe into grep lets grep read to the end (`grep ... >/dev/null`, never
# `grep -q`): `grep -q` stops at its first match, and a writer still writing then dies of SIGPIPE and fails
# the pipe although the line was there.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
# The last line of a check: prints the count; its status is 0 only when nothing failed.
finish() {
    echo "$failures failure(s)"
    [ "$failures" = 0 ]
}
