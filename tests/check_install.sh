#!/bin/bash
# The install tree: `cmake --install BUILD --prefix P` puts both programs, the desktop entry, the AppStream
# metainfo, the scalable icon, the checkpoint MIME type, manual pages (English and Chinese) and bash
# completion under P; each is validated with the tool its format has, the manual pages name every command
# and option of --help, and the installed programs run from P with the build tree out of reach.
# Usage: check_install.sh BUILD_DIR APP_ID
set -uo pipefail
build=$1
id=$2
source "$(dirname "$0")/check_lib.sh"
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
share=$prefix/share

for f in bin/diffusion-explorer bin/diffusion-explorer-cli share/applications/$id.desktop \
    share/metainfo/$id.metainfo.xml share/icons/hicolor/scalable/apps/$id.svg share/mime/packages/$id.xml \
    share/man/man1/diffusion-explorer.1.gz share/man/man1/diffusion-explorer-cli.1.gz \
    share/man/zh_CN/man1/diffusion-explorer.1.gz share/man/zh_CN/man1/diffusion-explorer-cli.1.gz \
    share/bash-completion/completions/diffusion-explorer-cli share/doc/diffusion-explorer/copyright \
    share/doc/diffusion-explorer/changelog.gz; do
    [ -s "$prefix/$f" ] && pass "installed $f" || fail "missing $f"
done

# Each file passes its validator.
desktop-file-validate --no-hints "$share/applications/$id.desktop" && pass "desktop-file-validate" \
    || fail "desktop-file-validate"
grep -q "^MimeType=application/x-diffusion-explorer-checkpoint;" "$share/applications/$id.desktop" \
    && pass "the desktop entry registers the checkpoint type" || fail "no MimeType in the desktop entry"
appstreamcli validate --no-net "$share/metainfo/$id.metainfo.xml" && pass "appstreamcli validate" \
    || fail "appstreamcli validate"
for shot in $(grep -o 'screenshots/[^<]*' "$share/metainfo/$id.metainfo.xml"); do
    [ -f "$(dirname "$0")/../docs/$shot" ] && pass "metainfo screenshot docs/$shot exists" \
        || fail "the metainfo names docs/$shot, which is not there"
done
xmllint --noout "$share/icons/hicolor/scalable/apps/$id.svg" && grep -q "<svg" "$share/icons/hicolor/scalable/apps/$id.svg" \
    && pass "the icon is an SVG document" || fail "the icon is not SVG"
mkdir -p "$work/mime/packages" && cp "$share/mime/packages/$id.xml" "$work/mime/packages/"
if update-mime-database "$work/mime" 2>"$work/mime.log" \
    && grep -q 'application/x-diffusion-explorer-checkpoint:\*\.ckpt' "$work/mime/globs2"; then
    pass "update-mime-database: *.ckpt is application/x-diffusion-explorer-checkpoint"
else
    cat "$work/mime.log"; fail "the MIME type does not register *.ckpt"
fi

# Manual pages: format without warnings, and name every command and every option the programs list.
export QT_QPA_PLATFORM=offscreen DE_LANG=en
cli=$prefix/bin/diffusion-explorer-cli
gui=$prefix/bin/diffusion-explorer
for page in "$share"/man/man1/*.1.gz "$share"/man/zh_CN/man1/*.1.gz; do
    if LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" >"$work/page.txt" 2>"$work/warnings" \
        && [ ! -s "$work/warnings" ] && [ "$(wc -l <"$work/page.txt")" -gt 20 ]; then
        pass "man --warnings ${page#"$share"/}"
    else
        cat "$work/warnings"; fail "${page#"$share"/} does not format cleanly"
    fi
done
zcat "$share/man/man1/diffusion-explorer-cli.1.gz" | sed 's/\\-/-/g; s/\\f[BIR]//g' >"$work/cli.1"
commands=$("$cli" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1; next } on && !/^  / { exit }')
[ "$(echo "$commands" | wc -w)" -ge 12 ] && pass "$(echo "$commands" | wc -w) commands in --help" \
    || fail "too few commands read from --help: $commands"
missing=0
for c in $commands; do
    # The command's own subsection, up to the next one: each of its options must be named there.
    awk -v c=".SS \"$c\"" '$0 == c { on = 1; next } on && /^\.S[SH] / { exit } on' "$work/cli.1" >"$work/block"
    [ -s "$work/block" ] || { fail "the manual has no section for $c"; missing=1; }
    for o in $("$cli" "$c" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
        grep -qE -- "(^|[^a-z0-9-])$o([^a-z0-9-]|\$)" "$work/block" || { fail "the manual does not name $c $o"; missing=1; }
    done
done
for section in "EXIT STATUSES" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    grep -q "^\.SH \"$section\"" "$work/cli.1" || { fail "the CLI manual has no $section section"; missing=1; }
done
[ $missing = 0 ] && pass "the CLI manual names every command and option of --help in its own section"
zcat "$share/man/man1/diffusion-explorer.1.gz" | sed 's/\\-/-/g; s/\\f[BIR]//g' >"$work/gui.1"
missing=0
for o in $("$gui" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
    grep -qE -- "(^|[^a-z0-9-])$o([^a-z0-9-]|\$)" "$work/gui.1" || { fail "the window's manual does not name $o"; missing=1; }
done
for section in OPTIONS "EXIT STATUSES" FILES EXAMPLES "SEE ALSO"; do
    grep -q "^\.SH \"$section\"" "$work/gui.1" || { fail "the window's manual has no $section section"; missing=1; }
done
[ $missing = 0 ] && pass "the window's manual names every option, exit statuses, files and examples"

# Bash completion: commands, a command's options, the values an option lists.
complete_words() { # the completions for a command line, with the cursor after its last word
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _diffusion_explorer_cli
        printf "%s\n" "${COMPREPLY[@]}"' _ "$share/bash-completion/completions/diffusion-explorer-cli" "$@"
}
[ "$(complete_words diffusion-explorer-cli sa)" = sample ] && pass "completes commands" \
    || fail "completing 'sa' gave: $(complete_words diffusion-explorer-cli sa)"
complete_words diffusion-explorer-cli sample --sa | grep -x -- --sampler >/dev/null && pass "completes options" \
    || fail "completing 'sample --sa' gave: $(complete_words diffusion-explorer-cli sample --sa)"
[ "$(complete_words diffusion-explorer-cli sample --sampler dd | sort | tr '\n' ' ')" = "ddim ddpm " ] \
    && pass "completes the values of --sampler" || fail "completing '--sampler dd' gave: $(complete_words diffusion-explorer-cli sample --sampler dd)"
complete_words diffusion-explorer-cli info bundled: | grep -x bundled:sprites >/dev/null && pass "completes bundled models" \
    || fail "completing 'info bundled:' gave: $(complete_words diffusion-explorer-cli info bundled:)"
# As bash itself splits the line: "bundled:s" is three words at the colon; bash-completion joins them again.
split=$(bash -c 'source /usr/share/bash-completion/bash_completion; source "$1"
    COMP_LINE="diffusion-explorer-cli info bundled:s"; COMP_POINT=${#COMP_LINE}
    COMP_WORDS=(diffusion-explorer-cli info bundled : s); COMP_CWORD=4; _diffusion_explorer_cli
    printf "%s\n" "${COMPREPLY[@]}"' _ "$share/bash-completion/completions/diffusion-explorer-cli")
[ "$split" = sprites ] && pass "completes bundled:s as bash splits it" || fail "completing 'info bundled:s' as bash splits it gave: $split"

# The installed programs run from the prefix alone: no path into the build tree, bundled models inside.
for exe in "$cli" "$gui"; do
    if readelf -d "$exe" | grep -E "R(UN)?PATH" >/dev/null; then fail "$exe keeps a run path: $(readelf -d "$exe" | grep PATH)"; fi
    strings "$exe" | grep -F "$(cd "$build" && pwd)" >/dev/null && fail "$exe names the build tree"
done
cd "$work" || exit 1
version=$(grep -m1 -o 'release version="[^"]*"' "$share/metainfo/$id.metainfo.xml" | cut -d'"' -f2)
[ "$("$cli" --version)" = "diffusion-explorer-cli $version" ] && pass "diffusion-explorer-cli --version" \
    || fail "diffusion-explorer-cli --version said: $("$cli" --version)"
[ "$("$gui" --version)" = "diffusion-explorer $version" ] && pass "diffusion-explorer --version" \
    || fail "diffusion-explorer --version said: $("$gui" --version)"
"$cli" info bundled:sprites | grep "^classes: faces" >/dev/null && pass "the installed CLI reads a bundled model" \
    || fail "the installed CLI cannot describe bundled:sprites"
"$cli" sample --checkpoint bundled:fashion -n 4 --steps 5 --out "$work/s.png" >/dev/null && [ -s "$work/s.png" ] \
    && pass "the installed CLI samples a bundled model" || fail "the installed CLI cannot sample"
"$gui" --screenshot "$work/window.png" >/dev/null 2>&1 && [ -s "$work/window.png" ] \
    && pass "the installed window opens and draws" || fail "the installed window did not draw"

finish
