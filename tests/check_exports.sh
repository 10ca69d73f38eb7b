#!/bin/sh
# No executable of ours exports a symbol that Qt 5 also names, nor any of its own (de::). Debian's LibTorch
# loads OpenCV and with it Qt 5 into every program; Qt 5's libraries bind to any such symbol an executable
# exports (an out-of-line copy of one of Qt 6's inline functions, say, which a debug build keeps) and run Qt
# 6's code in its place. What remains exported are instantiations of libstdc++ and LibTorch templates whose
# headers ask for default visibility, shared with LibTorch itself, and the linker's markers.
# Usage: check_exports.sh EXECUTABLE...
status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for exe in "$@"; do
    # Each step's status is checked (sh has no pipefail): an unreadable program fails, not "no symbols".
    if ! nm -D --defined-only "$exe" >"$work/nm"; then
        echo "cannot read the symbols of $exe"
        status=1
        continue
    fi
    awk 'NF == 3 { sub(/@.*/, "", $3); print $3 }' "$work/nm" | sort -u >"$work/ours"
    if ! ldd "$exe" >"$work/ldd" || grep -q 'not found' "$work/ldd"; then
        echo "cannot list the libraries of $exe:"
        grep 'not found' "$work/ldd" || true
        status=1
        continue
    fi
    # Every symbol of the Qt 5 libraries this program loads, defined or wanted.
    awk '/libQt5/ { print $3 }' "$work/ldd" | sort -u >"$work/qt5libs"
    : >"$work/qt5"
    while read -r lib; do
        nm -D "$lib" >"$work/lib" || { echo "cannot read the symbols of $lib"; exit 1; }
        awk '{ sub(/@.*/, "", $NF); print $NF }' "$work/lib" >>"$work/qt5"
    done <"$work/qt5libs"
    sort -u -o "$work/qt5" "$work/qt5"
    # May be shared: the linker's own markers, libstdc++'s template instantiations (the same code wherever
    # they are instantiated), and the type descriptions a sanitizer build emits for the classes it checks
    # (typeinfo of QObjectData: its mangled name and no base class, the same in Qt 5 and Qt 6). Functions,
    # vtables and data of Qt may not.
    shared=$(comm -12 "$work/ours" "$work/qt5" | grep -vxE '__bss_start|_edata|_end' | c++filt |
        grep -vE '^([A-Za-z_ ]+ )?((typeinfo|typeinfo name|vtable|VTT) for )?(std|__gnu_cxx)::' |
        grep -vE '^typeinfo (name )?for ' || true)
    own=$(nm -DC --defined-only "$exe" | grep -E ' de::' || true)
    if [ -n "$shared$own" ]; then
        echo "$exe exports symbols that Qt 5 ($(wc -l <"$work/qt5libs") libraries) would bind to, or its own:"
        { [ -n "$shared" ] && printf '%s\n' "$shared"; [ -n "$own" ] && printf '%s\n' "$own"; } | head -20
        status=1
    else
        echo "$exe: $(wc -l <"$work/ours") exported symbols, none named by the $(wc -l <"$work/qt5libs") Qt 5 libraries it loads, none of de::"
    fi
done
exit $status
