#!/bin/bash
# The Debian package: cpack -G DEB from a release build gives a package whose Depends come from the shared
# libraries the programs link (Qt 6 widgets, LibTorch, oneDNN, QCustomPlot, giflib, zlib) plus OpenBLAS,
# whose contents are the install tree, and on which lintian reports no error and no warning beyond the
# accepted ones below.
# Usage: check_package.sh BUILD_DIR APP_ID
set -uo pipefail
build=$(cd "$1" && pwd)
id=$2
source "$(dirname "$0")/check_lib.sh"

cpack -G DEB -B "$work" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { cat "$work/cpack.log"; echo "FAIL: cpack wrote no .deb"; exit 1; }
pass "cpack wrote $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6widgets6 libtorch libdnnl libqcustomplot libgif zlib1g libopenblas0-openmp libqt6svg6; do
    echo "$depends" | grep "$lib" >/dev/null && pass "Depends names $lib" || fail "Depends lacks $lib"
done
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$work/contents"
for f in /usr/bin/diffusion-explorer /usr/bin/diffusion-explorer-cli /usr/share/applications/$id.desktop \
    /usr/share/metainfo/$id.metainfo.xml /usr/share/icons/hicolor/scalable/apps/$id.svg \
    /usr/share/mime/packages/$id.xml /usr/share/man/man1/diffusion-explorer-cli.1.gz \
    /usr/share/man/man1/diffusion-explorer.1.gz /usr/share/bash-completion/completions/diffusion-explorer-cli \
    /usr/share/doc/diffusion-explorer/copyright; do
    grep -qx "$f" "$work/contents" && pass "contains $f" || fail "does not contain $f"
done

# Accepted warnings, each with its reason:
#   no-manual-page ... none expected; every program has one.
#   (none yet)
accepted=()
command -v lintian >/dev/null || { echo "FAIL: lintian is not installed"; exit 1; }
lintian --tag-display-limit 0 --display-info "$deb" >"$work/lintian.txt" 2>&1
lintian_status=$?
cat "$work/lintian.txt"
if [ $lintian_status -gt 1 ]; then
    fail "lintian did not run (status $lintian_status)"
elif grep -qE '^E: ' "$work/lintian.txt" || [ $lintian_status != 0 ]; then
    fail "lintian reports errors"
else
    pass "lintian: no error"
fi
unexpected=$(grep -E '^W: ' "$work/lintian.txt" | awk '{ print $3 }' | sort -u)
for tag in "${accepted[@]}"; do unexpected=$(echo "$unexpected" | grep -vx "$tag"); done
[ -z "$unexpected" ] && pass "lintian: no warning beyond the accepted ones" \
    || fail "lintian warnings not accepted: $(echo $unexpected)"

finish
