#!/bin/sh
# Usage: stdout_and_kill.sh TOOLS_DIR SOURCE_DIR
#
# 1. Every mode of allies-convert, allies-redact and allies-publish that
#    writes standard output, with standard output full (/dev/full), closed
#    (>&-) and a pipe whose reader is gone: exit 4 and one line
#    "allies-X: error: <stdout>: REASON" on standard error (never death by
#    SIGPIPE, never a silent success).
# 2. SIGKILL at random moments while a tool writes over a known previous
#    file: the destination holds the previous file or the complete new one
#    (byte-identical to a reference run), and one more normal run leaves no
#    temporary file (*.allies-tmp*) nor staging folder behind.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 TOOLS_DIR SOURCE_DIR" >&2
    exit 2
fi
CONVERT=$1/allies-convert
REDACT=$1/allies-redact
PUBLISH=$1/allies-publish
DOC=$2/samples/meeting-notes.docx
ROSTER=$2/samples/roster.txt
for f in "$CONVERT" "$REDACT" "$PUBLISH" "$DOC" "$ROSTER"; do
    [ -e "$f" ] || { echo "missing: $f" >&2; exit 2; }
done

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
KEY=$T/hash-key  # given explicitly: no tool run may create ~/.config/allies
printf '%s\n' 0123456789abcdef0123456789abcdef >"$KEY"

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL: $*"
}

# --- 1. standard output that fails ----------------------------------------

# expect_stdout_error LABEL RC: exit 4 and exactly one error line naming <stdout>.
expect_stdout_error() {
    lines=$(wc -l <"$T/err")
    if [ "$2" = 4 ] && [ "$lines" -eq 1 ] && grep -q '^allies-[a-z]*: error: <stdout>: ..*' "$T/err"; then
        pass
    else
        fail "$1: exit $2, $lines stderr lines: $(head -c 400 "$T/err")"
    fi
}

# check_stdout LABEL COMMAND...: the command writes standard output.
check_stdout() {
    label=$1
    shift
    "$@" >/dev/full 2>"$T/err"
    expect_stdout_error "$label >/dev/full" $?

    "$@" >&- 2>"$T/err"
    expect_stdout_error "$label >&-" $?

    # A pipe whose reader has closed it before the tool starts (a FIFO
    # orders the two sides), so the result does not depend on timing.
    rm -f "$T/go" "$T/rc"
    mkfifo "$T/go"
    { read -r _ <"$T/go"; "$@" 2>"$T/err"; echo $? >"$T/rc"; } | { exec 0<&-; echo go >"$T/go"; }
    expect_stdout_error "$label | (closed pipe)" "$(cat "$T/rc" 2>/dev/null || echo none)"
}

P=$T/publish-stdout
check_stdout "convert text" "$CONVERT" "$DOC"
check_stdout "convert json" "$CONVERT" "$DOC" --to json
check_stdout "convert markdown" "$CONVERT" "$DOC" --to markdown -o -
check_stdout "convert html" "$CONVERT" "$DOC" --to html
check_stdout "convert pdf" "$CONVERT" "$DOC" --to pdf -o -
# shellcheck disable=SC2016 # expanded by the inner sh
check_stdout "convert stdin" sh -c 'exec "$0" - --to text <"$1"' "$CONVERT" "$DOC"
check_stdout "convert --help" "$CONVERT" --help
check_stdout "convert --version" "$CONVERT" --version
check_stdout "redact --print-default-policy" "$REDACT" --print-default-policy
check_stdout "redact --dry-run" "$REDACT" "$DOC" --names "$ROSTER" --dry-run
check_stdout "redact --dry-run --report -" "$REDACT" "$DOC" --names "$ROSTER" --dry-run --report -
check_stdout "redact -o -" "$REDACT" "$DOC" --names "$ROSTER" -o -
check_stdout "redact --report -" "$REDACT" "$DOC" --names "$ROSTER" -q -o "$T/redact-stdout.docx" --report -
check_stdout "redact --help" "$REDACT" --help
check_stdout "redact --version" "$REDACT" --version
check_stdout "publish --json" "$PUBLISH" "$DOC" -o "$P" --names "$ROSTER" --hash-key-file "$KEY" --json -q
check_stdout "publish --help" "$PUBLISH" --help
check_stdout "publish --version" "$PUBLISH" --version

# Nothing is written to standard output: a closed one is no error.
"$CONVERT" "$DOC" -o "$T/closed.txt" >&- 2>"$T/err"
rc=$?
if [ $rc = 0 ] && [ ! -s "$T/err" ] && [ -s "$T/closed.txt" ]; then pass; else fail "convert -o FILE >&-: exit $rc: $(cat "$T/err")"; fi

# --- 2. SIGKILL while writing ---------------------------------------------

random() {  # 0..$1
    n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' \n')
    echo $((n % ($1 + 1)))
}

# A tool run takes some tens of milliseconds here: every other kill is
# drawn from its first 60 ms so that many land while it writes.
kill_after_random_delay() {
    if [ $((iteration % 2)) = 0 ]; then ms=$(random 300); else ms=$(random 60); fi
    "$@" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' "$ms")"
    kill -KILL "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null  # no "Killed" from the shell
    if [ $? = 137 ]; then killed=$((killed + 1)); fi
}

# same_as_previous_or_new LABEL FILE PREVIOUS NEW
same_as_previous_or_new() {
    if [ ! -f "$2" ]; then
        fail "$1: $(basename "$2") is missing after SIGKILL"
    elif cmp -s "$2" "$3" || cmp -s "$2" "$4"; then
        pass
    else
        fail "$1: $(basename "$2") is neither the previous file nor the complete new one"
    fi
}

# leftovers DIR: hidden or temporary files and folders anywhere under DIR.
leftovers() {
    find "$1" \( -name '.*' -o -name '*tmp*' -o -name '*staging*' \) -print
}

# Leftovers of a killed run are expected sometimes; counted to show that
# kills landed while files were written.
count_leftovers() {
    if [ -n "$(leftovers "$1")" ]; then left_behind=$((left_behind + 1)); fi
}
# only_expected LABEL DIR NAME...: DIR holds exactly these (hidden files
# included), whatever a leftover would be called.
only_expected() {
    label=$1
    dir=$2
    shift 2
    found=$(cd "$dir" && find . -mindepth 1 -print | sed 's|^\./||' | sort)
    expected=$(for name in "$@"; do echo "$name"; done | sort)
    if [ "$found" = "$expected" ]; then pass; else fail "$label: left behind after a normal run: $(echo "$found" | tr '\n' ' ')"; fi
}

PREV=$T/prev
mkdir -p "$PREV"
printf 'previous contents\n' >"$PREV/file"

# References: the complete new outputs.
REF=$T/ref
mkdir -p "$REF/publish"
"$CONVERT" "$DOC" -o "$REF/out.pdf" || fail "reference convert run"
"$REDACT" "$DOC" --names "$ROSTER" -q -o "$REF/out.docx" --report "$REF/out.json" || fail "reference redact run"
# allies-publish over a folder published with other settings before.
"$PUBLISH" "$DOC" -o "$PREV/public" --names "$ROSTER" --names-as initials --hash-key-file "$KEY" -q ||
    fail "previous publish run"
cp -R "$PREV/public/." "$REF/publish/"
"$PUBLISH" "$DOC" -o "$REF/publish" --names "$ROSTER" --hash-key-file "$KEY" -q || fail "reference publish run"
PUBLIC_FILES="manifest.json meeting-notes.docx meeting-notes.pdf meeting-notes.report.json"
for f in $PUBLIC_FILES; do
    [ -f "$REF/publish/$f" ] || fail "reference publish run wrote no $f"
    if cmp -s "$PREV/public/$f" "$REF/publish/$f"; then fail "previous and new $f are the same: choose other settings"; fi
done

ITERATIONS=${ALLIES_KILL_ITERATIONS:-30}
killed=0
left_behind=0
iteration=1
while [ "$iteration" -le "$ITERATIONS" ]; do
    W=$T/kill-$iteration
    mkdir -p "$W"
    case $((iteration % 3)) in
    0)
        label="convert #$iteration"
        cp "$PREV/file" "$W/out.pdf"
        set -- "$CONVERT" "$DOC" -o "$W/out.pdf"
        kill_after_random_delay "$@"
        count_leftovers "$W"
        same_as_previous_or_new "$label" "$W/out.pdf" "$PREV/file" "$REF/out.pdf"
        "$@" || fail "$label: the next run failed"
        cmp -s "$W/out.pdf" "$REF/out.pdf" || fail "$label: the next run's output differs from the reference"
        only_expected "$label" "$W" out.pdf
        ;;
    1)
        label="redact #$iteration"
        cp "$PREV/file" "$W/out.docx"
        cp "$PREV/file" "$W/out.json"
        set -- "$REDACT" "$DOC" --names "$ROSTER" -q -o "$W/out.docx" --report "$W/out.json"
        kill_after_random_delay "$@"
        count_leftovers "$W"
        same_as_previous_or_new "$label" "$W/out.docx" "$PREV/file" "$REF/out.docx"
        same_as_previous_or_new "$label" "$W/out.json" "$PREV/file" "$REF/out.json"
        "$@" || fail "$label: the next run failed"
        # The report names its input, the same path in both runs.
        cmp -s "$W/out.docx" "$REF/out.docx" || fail "$label: the next run's document differs from the reference"
        cmp -s "$W/out.json" "$REF/out.json" || fail "$label: the next run's report differs from the reference"
        only_expected "$label" "$W" out.docx out.json
        ;;
    2)
        label="publish #$iteration"
        mkdir -p "$W/public"
        cp -R "$PREV/public/." "$W/public/"
        set -- "$PUBLISH" "$DOC" -o "$W/public" --names "$ROSTER" --hash-key-file "$KEY" -q
        kill_after_random_delay "$@"
        count_leftovers "$W"
        for f in $PUBLIC_FILES; do
            same_as_previous_or_new "$label" "$W/public/$f" "$PREV/public/$f" "$REF/publish/$f"
        done
        "$@" || fail "$label: the next run failed"
        for f in $PUBLIC_FILES; do
            cmp -s "$W/public/$f" "$REF/publish/$f" || fail "$label: the next run's $f differs from the reference"
        done
        only_expected "$label" "$W" public public/manifest.json public/meeting-notes.docx public/meeting-notes.pdf \
            public/meeting-notes.report.json
        ;;
    esac
    rm -rf "$W"
    iteration=$((iteration + 1))
done
echo "$killed of $ITERATIONS runs killed before they finished; $left_behind left files behind for the next run"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
