#!/bin/bash
# Runs a test command on a processor of its own when scripts/test runs tests side by side (it sets
# DE_TEST_ONE_CORE to a folder for the lock files). A test so placed sees one processor, so its compute
# threads default to one, and two tests never share a core: on a machine of two cores, two single-threaded
# tests side by side finish sooner than two-threaded tests one after the other. The lock is held until the
# test and everything it started have exited. Without DE_TEST_ONE_CORE, or with every processor taken, the
# command runs as it is.
# Usage: one_core.sh COMMAND [ARGUMENT...]
if [ -n "${DE_TEST_ONE_CORE:-}" ] && command -v taskset >/dev/null && command -v flock >/dev/null; then
    mkdir -p "$DE_TEST_ONE_CORE"
    # The processors this process may use, as a list: "0-3,6" becomes "0 1 2 3 6".
    allowed=$(taskset -pc $$ | sed 's/.*: //')
    for range in ${allowed//,/ }; do
        for cpu in $(seq "${range%-*}" "${range#*-}"); do
            exec {lock}>"$DE_TEST_ONE_CORE/cpu$cpu.lock"
            flock -n "$lock" && exec taskset -c "$cpu" "$@"
            exec {lock}>&-
        done
    done
fi
exec "$@"
