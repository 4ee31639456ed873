#!/bin/sh
# allies as an integrator and a new user meet it, from an existing build:
#  1. cmake --install into a scratch prefix: every file in place; each tool's
#     --version and the sample through the installed allies-publish, with no
#     LD_LIBRARY_PATH and no ldconfig (RPATH); man finds every page;
#  2. examples/ built against that prefix twice, with find_package(allies)
#     and with pkg-config, and run; the Python binding's example and tests
#     run from the prefix;
#  3. cpack -G DEB: the packages' Depends (dpkg-shlibdeps) and contents;
#     unpacked with dpkg -x into a scratch root and the tools run from there;
#     as root, also installed into the system with dpkg -i, used, and removed
#     with dpkg -r (skipped when allies is already installed, or with
#     ALLIES_NO_SYSTEM_INSTALL=1).
# Usage: scripts/install-test.sh [BUILD_DIR]   (default: build)
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
build=$(cd "${1:-build}" && pwd)
tmp=$(mktemp -d /tmp/allies-install-test.XXXXXX)
system_installed=""
cleanup() {
    if [ -n "$system_installed" ]; then
        dpkg -r liballies-dev allies >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
unset LD_LIBRARY_PATH
fail() {
    echo "install-test: FAIL: $*" >&2
    exit 1
}
step() { echo "install-test: $*"; }

version=$(sed -n 's/^#define ALLIES_VERSION_STRING "\(.*\)"$/\1/p' "$build/lib/generated-include/allies/version.hpp")
[ -n "$version" ] || fail "no version in $build/lib/generated-include/allies/version.hpp"
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build/CMakeCache.txt")
soversion=$(echo "$version" | cut -d. -f1,2)

# --- 1. cmake --install into a scratch prefix -------------------------------
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }
step "installed $(grep -c 'Installing:' "$tmp/install.log") files into a scratch prefix (libdir $libdir)"
for f in bin/allies-redact bin/allies-convert bin/allies-publish \
    "$libdir/liballies.so.$version" "$libdir/liballies.so.$soversion" "$libdir/liballies.so" \
    include/allies/allies.h include/allies/version.hpp include/allies/redact.hpp include/allies/publish.hpp \
    "$libdir/pkgconfig/allies.pc" "$libdir/cmake/allies/allies-config.cmake" \
    "$libdir/cmake/allies/allies-config-version.cmake" "$libdir/cmake/allies/allies-targets.cmake" \
    share/man/man1/allies-redact.1 share/man/man1/allies-convert.1 share/man/man1/allies-publish.1 \
    share/man/man7/allies.7 share/allies/default-policy.toml \
    share/allies/schemas/report.schema.json share/allies/schemas/manifest.schema.json \
    share/allies/schemas/policy.schema.json share/allies/schemas/document.schema.json \
    share/allies/schemas/publish-report.schema.json \
    share/bash-completion/completions/allies-redact share/bash-completion/completions/allies-convert \
    share/bash-completion/completions/allies-publish share/zsh/vendor-completions/_allies \
    share/fish/vendor_completions.d/allies-redact.fish share/fish/vendor_completions.d/allies-convert.fish \
    share/fish/vendor_completions.d/allies-publish.fish \
    lib/python3/dist-packages/allies/__init__.py lib/python3/dist-packages/allies/_location.py \
    share/doc/allies/LICENSE share/doc/allies/CHANGELOG.md share/doc/allies/copyright; do
    [ -e "$prefix/$f" ] || fail "not installed: $f"
done
# The headers name no internal header: a program needs only include/.
if grep -h '#include "' "$prefix"/include/allies/* | grep -v '"allies/' >/dev/null; then
    fail "an installed header includes a private header"
fi
soname=$(readelf -d "$prefix/$libdir/liballies.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "liballies.so.$soversion" ] || fail "SONAME is '$soname'"
for t in allies-redact allies-convert allies-publish; do
    runpath=$(readelf -d "$prefix/bin/$t" | sed -n 's/.*R.*PATH.*\[\(.*\)\]/\1/p')
    [ "$runpath" = "\$ORIGIN/../$libdir" ] || fail "$t: RUNPATH is '$runpath'"
    for flag in --version -V; do
        out=$("$prefix/bin/$t" $flag) || fail "$t $flag: exit $?"
        [ "$out" = "$t $version" ] || fail "$t $flag printed '$out'"
    done
    head -3 "$prefix/share/man/man1/$t.1" | grep -q "\"allies $version\"" || fail "$t.1: header has no 'allies $version'"
    [ "$(MANPATH="$prefix/share/man" man -w "$t")" = "$prefix/share/man/man1/$t.1" ] || fail "man -w $t"
    out=$(MANPATH="$prefix/share/man" MANWIDTH=80 man --warnings "$t" 2>&1 >/dev/null) || fail "man $t"
    [ -z "$out" ] || fail "man $t warns: $out"
done
[ "$(MANPATH="$prefix/share/man" man -w 7 allies)" = "$prefix/share/man/man7/allies.7" ] || fail "man -w 7 allies"
"$prefix/bin/allies-redact" --print-default-policy | cmp -s - "$prefix/share/allies/default-policy.toml" ||
    fail "share/allies/default-policy.toml differs from --print-default-policy"
step "tools run from the prefix without LD_LIBRARY_PATH (RUNPATH \$ORIGIN/../$libdir), SONAME $soname, man pages found"

# The sample, through the installed allies-publish; then re-verified.
export ALLIES_HASH_KEY_FILE="$tmp/hash-key"
"$prefix/bin/allies-publish" samples/meeting-notes.docx --names samples/roster.txt -o "$tmp/public" -q ||
    fail "installed allies-publish on the sample: exit $?"
for f in meeting-notes.docx meeting-notes.pdf meeting-notes.report.json manifest.json; do
    [ -s "$tmp/public/$f" ] || fail "the sample's $f was not published"
done
grep -q "\"version\": *\"$version\"" "$tmp/public/manifest.json" || fail "the manifest does not carry version $version"
pdfinfo "$tmp/public/meeting-notes.pdf" | grep -q "^Producer: *allies $version" || fail "PDF Producer is not 'allies $version'"
if pdftotext "$tmp/public/meeting-notes.pdf" - | grep -E 'Bennett|Okafor|Whitfield' >/dev/null; then
    fail "a roster name is in the public PDF"
fi
"$prefix/bin/allies-publish" --verify-only "$tmp/public/meeting-notes.pdf" "$tmp/public/meeting-notes.docx" \
    --against "$tmp/public/meeting-notes.report.json" -q || fail "--verify-only on the published sample: exit $?"
step "the sample published and re-verified by the installed allies-publish (Producer 'allies $version')"

# --- 2. examples/ against the installed library ------------------------------
check_examples() {  # $1 = folder holding redact_to_text and convert
    "$1/redact_to_text" samples/meeting-notes.docx samples/roster.txt "$tmp/ex-public.docx" \
        >"$tmp/ex.txt" 2>"$tmp/ex.err" || { cat "$tmp/ex.err"; fail "$1/redact_to_text: exit $?"; }
    grep -q '\[name\]' "$tmp/ex.txt" || fail "$1/redact_to_text: no [name] in the public text"
    if grep -E 'Bennett|Okafor' "$tmp/ex.txt" >/dev/null; then fail "$1/redact_to_text: a name is left"; fi
    "$1/convert" "$tmp/ex-public.docx" pdf "$tmp/ex.pdf" 2>"$tmp/ex.err" || { cat "$tmp/ex.err"; fail "$1/convert"; }
    [ "$(head -c 5 "$tmp/ex.pdf")" = "%PDF-" ] || fail "$1/convert did not write a PDF"
    if "$1/convert" samples/roster.txt text "$tmp/ex.out" 2>"$tmp/ex.err"; then fail "$1/convert accepted a non-DOCX"; fi
    grep -q "not_zip" "$tmp/ex.err" || fail "$1/convert: the error kind is not reported: $(cat "$tmp/ex.err")"
}
cmake -S examples -B "$tmp/ex-cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >"$tmp/ex.log" 2>&1 ||
    { cat "$tmp/ex.log"; fail "examples: cmake configure with find_package(allies)"; }
cmake --build "$tmp/ex-cmake" >>"$tmp/ex.log" 2>&1 || { cat "$tmp/ex.log"; fail "examples: build with find_package"; }
check_examples "$tmp/ex-cmake"
step "examples built with find_package(allies) (allies::allies) and run"

export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
[ "$(pkg-config --modversion allies)" = "$version" ] || fail "pkg-config --modversion allies"
mkdir -p "$tmp/ex-pc"
rpath=$(pkg-config --variable=libdir allies)
c++ -std=c++17 -Wall -Wextra -Werror examples/redact_to_text.cpp -o "$tmp/ex-pc/redact_to_text" \
    $(pkg-config --cflags --libs allies) -Wl,-rpath,"$rpath" || fail "examples: C++ with pkg-config"
cc -std=c11 -Wall -Wextra -pedantic -Werror examples/convert.c -o "$tmp/ex-pc/convert" \
    $(pkg-config --cflags --libs allies) -Wl,-rpath,"$rpath" || fail "examples: C with pkg-config"
check_examples "$tmp/ex-pc"
unset PKG_CONFIG_PATH
step "examples built with pkg-config (C++17 and C11, -Werror) and run"

# The Python binding from the prefix: its example and its tests, with the
# library found beside the installed package (no ALLIES_LIBRARY).
pypath="$prefix/lib/python3/dist-packages"
PYTHONPATH="$pypath" python3 examples/redact.py samples/meeting-notes.docx samples/roster.txt \
    >"$tmp/py.txt" 2>"$tmp/py.err" || { cat "$tmp/py.err"; fail "Python example from the prefix"; }
grep -q '\[name\]' "$tmp/py.txt" || fail "Python example: no [name] in the public text"
cp -r bindings/python/tests "$tmp/pytests"  # away from the source package, so the installed one is tested
(cd "$tmp" && PYTHONPATH="$pypath" ALLIES_SOURCE_DIR="$src" PYTHONDONTWRITEBYTECODE=1 \
    python3 -m unittest discover -s pytests -t . >"$tmp/py.log" 2>&1) ||
    { cat "$tmp/py.log"; fail "Python binding tests against the prefix"; }
(cd "$tmp" && PYTHONPATH="$pypath" python3 -c 'import allies, sys; sys.exit(0 if allies.version() == sys.argv[1] and allies.__file__.startswith(sys.argv[2]) else 1)' "$version" "$pypath") ||
    fail "the Python binding loads another library version"
step "Python binding from the prefix: example and $(grep -o 'Ran [0-9]* tests' "$tmp/py.log")"

# --- 3. The Debian packages ----------------------------------------------------
(cd "$build" && cpack -G DEB -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$tmp"/deb/allies_"$version"*.deb)
devdeb=$(ls "$tmp"/deb/liballies-dev_"$version"*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libpodofo libicu libzip libharfbuzz libc6 libstdc++6 fonts-dejavu-core; do
    echo "$depends" | grep -q "$lib" || fail "allies.deb Depends lacks $lib: $depends"
done
dpkg-deb -f "$devdeb" Depends | grep -q "allies (= $version)" || fail "liballies-dev does not depend on allies (= $version)"
dpkg-deb -c "$deb" >"$tmp/deb.list"
dpkg-deb -c "$devdeb" >"$tmp/devdeb.list"
grep -q "./usr/$libdir/liballies.so.$version" "$tmp/deb.list" || fail "allies.deb lacks the library"
grep -q "./usr/share/allies/schemas/report.schema.json" "$tmp/deb.list" || fail "allies.deb lacks the schemas"
grep -q "./usr/include/allies/allies.h" "$tmp/devdeb.list" || fail "liballies-dev lacks the headers"
if grep -q "./usr/include/" "$tmp/deb.list"; then fail "allies.deb carries headers"; fi
step "cpack: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB), $(basename "$devdeb"); Depends: $depends"

root=$tmp/root
dpkg -x "$deb" "$root"
dpkg -x "$devdeb" "$root"
for t in allies-redact allies-convert allies-publish; do
    [ "$("$root/usr/bin/$t" --version)" = "$t $version" ] || fail "$t from the unpacked .deb"
done
"$root/usr/bin/allies-publish" samples/meeting-notes.docx --names samples/roster.txt -o "$tmp/deb-public" -q ||
    fail "allies-publish from the unpacked .deb on the sample"
cmp -s "$tmp/public/meeting-notes.pdf" "$tmp/deb-public/meeting-notes.pdf" ||
    fail "the .deb's allies-publish wrote a different PDF than the prefix install"
step "the packages unpacked with dpkg -x: tools run, the sample published (same PDF bytes)"

if [ "$(id -u)" -eq 0 ] && [ "${ALLIES_NO_SYSTEM_INSTALL:-0}" != 1 ] &&
    ! dpkg-query -W -f='${Status}' allies 2>/dev/null | grep -q "install ok installed"; then
    system_installed=yes
    dpkg -i "$deb" "$devdeb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; fail "dpkg -i (missing Depends?)"; }
    [ "$(/usr/bin/allies-publish --version)" = "allies-publish $version" ] || fail "installed /usr/bin/allies-publish"
    /usr/bin/allies-publish samples/meeting-notes.docx --names samples/roster.txt -o "$tmp/sys-public" -q ||
        fail "system allies-publish on the sample"
    [ "$(pkg-config --modversion allies)" = "$version" ] || fail "pkg-config finds no system allies"
    cc -std=c11 examples/convert.c -o "$tmp/sys-convert" $(pkg-config --cflags --libs allies) ||
        fail "examples/convert.c against the system install"
    "$tmp/sys-convert" samples/meeting-notes.docx text "$tmp/sys.txt" 2>/dev/null || fail "system-built convert"
    man -w allies-publish >/dev/null || fail "man allies-publish after dpkg -i"
    dpkg -r liballies-dev allies >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; fail "dpkg -r"; }
    system_installed=""
    [ ! -e /usr/bin/allies-publish ] || fail "dpkg -r left /usr/bin/allies-publish"
    step "the packages installed with dpkg -i, used (tool, pkg-config, man), and removed with dpkg -r"
else
    step "system install from the .deb skipped (not root, allies already installed, or ALLIES_NO_SYSTEM_INSTALL=1)"
fi
step "all passed"
