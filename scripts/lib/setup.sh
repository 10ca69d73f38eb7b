# Shared set-up for scripts/run and scripts/test: install what is missing, configure, build.
# Sourced, not run. Expects DE_PRESET to name a CMake configure/build preset.

DE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DE_PACKAGES=(qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqcustomplot-dev
    libqcustomplot2.1-qt6 libtorch-dev libdnnl-dev libopenblas0-openmp zlib1g-dev libgif-dev ninja-build cmake g++
    xvfb xauth dataset-fashion-mnist fonts-noto-color-emoji unicode-data
    qt6-translations-l10n fonts-noto-cjk
    libqt6svg6 python3 gzip dpkg-dev desktop-file-utils appstream libxml2-utils man-db shared-mime-info lintian
    bash-completion)
# libqt6svg6 draws the SVG window icon (Qt's SVG icon engine, a plugin nothing links).
# python3 turns the programs' --help into manual pages and completion at build time; dpkg-dev (dpkg-shlibdeps)
# and lintian build and check the .deb; the rest validate the install tree (tests/check_install.sh).

de_say() { printf '==> %s\n' "$*" >&2; }

de_install_missing() {
    local missing=() pkg
    for pkg in "${DE_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep 'install ok installed' >/dev/null; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    de_say "Installing missing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            de_say "Not root and sudo is not available: install these packages first: ${missing[*]}"
            return 1
        fi
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

de_build() {
    cd "$DE_ROOT" || return 1
    if [ ! -f "build/$DE_PRESET/CMakeCache.txt" ]; then
        de_say "Configuring (preset $DE_PRESET)"
        cmake --preset "$DE_PRESET" >/dev/null || return 1
    fi
    de_say "Building (preset $DE_PRESET)"
    cmake --build --preset "$DE_PRESET"
}
