#!/bin/sh
# Runs allies-convert (PDF and HTML), allies-redact and allies-publish on
# every hostile or broken input written by make_bad_inputs.py, one run at a
# time, each under `timeout 30` and (unless ALLIES_SANITIZED is set:
# AddressSanitizer cannot run under an address-space limit) a 1 GiB
# address-space limit. For every (tool, input) it checks:
#  - the exit code is 0 or documented (never a signal, never a timeout,
#    never 1 for allies-convert/allies-redact: 1 is an uncaught exception);
#  - the exit code is the one expected.tsv gives for the input (accept: 0;
#    3 or 5: that code, or 1 "not published" for allies-publish);
#  - on failure, standard error is exactly one line and names the input file
#    (allies-publish: one error line besides its summary line, which -q
#    would leave out);
#  - on failure nothing is left behind: no output file, no temporary file
#    beside it; for allies-publish, nothing but manifest.json in OUTDIR and
#    no staging folder beside it;
#  - on success the output is there (allies-publish: DOCX, PDF and HTML);
#  - nothing is fetched: a listener on 127.0.0.1:9 (when it can be bound)
#    sees no connection, and no output of an input naming /etc/passwd
#    contains its first line.
# Prints one line per problem, then "N passed, M failed" (one count per
# tool and input); exits 1 if M > 0.
# Usage: run_bad_inputs.sh TOOLS_DIR SOURCE_DIR
# Environment: ALLIES_SANITIZED (no address-space limit),
# ALLIES_BAD_INPUTS_LOG=FILE (also write every run as a TSV line: tool,
# input, exit, seconds, peak RSS in KB, first stderr line),
# ALLIES_BAD_INPUTS_ONLY=GLOB (only inputs whose name matches).
set -u
if [ $# -ne 2 ]; then
    echo "usage: run_bad_inputs.sh TOOLS_DIR SOURCE_DIR" >&2
    exit 2
fi
tools=$1
src=$2
here=$src/tests/bad-inputs
roster=$src/samples/roster.txt
for t in allies-convert allies-redact allies-publish; do
    [ -x "$tools/$t" ] || { echo "FAIL: $tools/$t not found"; echo "0 passed, 1 failed"; exit 1; }
done

tmp=$(mktemp -d)
listener=
cleanup() {
    [ -n "$listener" ] && kill "$listener" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export ALLIES_HASH_KEY_FILE="$tmp/hash-key"
log=${ALLIES_BAD_INPUTS_LOG:-/dev/null}
: > "$log"

if ! /usr/bin/python3 "$here/make_bad_inputs.py" "$tmp/in" > "$tmp/gen.err" 2>&1; then
    echo "FAIL: make_bad_inputs.py: $(head -3 "$tmp/gen.err" | tr '\n' ' ')"
    echo "0 passed, 1 failed"
    exit 1
fi

# Something listening where the external relationships point, to notice a fetch.
/usr/bin/python3 - "$tmp/fetches" "$tmp/listening" <<'PY' 2>/dev/null &
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", 9))
except OSError:
    sys.exit(0)
s.listen(16)
open(sys.argv[2], "w").close()
while True:
    c, _ = s.accept()
    with open(sys.argv[1], "a") as f:
        f.write("connection\n")
    c.close()
PY
listener=$!
i=0
while [ ! -e "$tmp/listening" ] && [ $i -lt 50 ] && kill -0 "$listener" 2>/dev/null; do
    sleep 0.1; i=$((i + 1))
done
[ -e "$tmp/listening" ] || echo "note: cannot listen on 127.0.0.1:9; fetches there are not detected"
: > "$tmp/fetches"

limit=
[ -n "${ALLIES_SANITIZED:-}" ] || limit="prlimit --as=1073741824 --"
# The time limit is the release build's; instrumented code runs several
# times slower, so the checked build gets more (the limit there guards
# against hangs, not speed).
seconds=30
[ -z "${ALLIES_SANITIZED:-}" ] || seconds=240
timer=
[ -x /usr/bin/time ] && timer="/usr/bin/time -o $tmp/time -f %e\t%M"

passed=0
skipped=0
failed=0
problems=0
problem() {  # TOOL INPUT TEXT
    echo "FAIL $1 $2: $3"
    problems=$((problems + 1))
}

# What a failed run left in its work folder (allies-publish: OUTDIR "out"
# with its manifest.json may stay).
leftovers() {  # LABEL WORKDIR
    if [ "$1" = publish ]; then
        (cd "$2" && find . -mindepth 1 ! -path ./out ! -path ./out/manifest.json | sort | head -5 | tr '\n' ' ')
    else
        (cd "$2" && find . -mindepth 1 | sort | head -5 | tr '\n' ' ')
    fi
}

# run LABEL INPUT EXPECT WORKDIR OUTPUT COMMAND...
run() {
    label=$1 name=$2 expect=$3 work=$4 out=$5
    shift 5
    # Laying out thousands of pages is a test of the limits, which only the
    # release build can measure: without an address-space limit (ASan) it
    # would take gigabytes and minutes. The text paths still run them.
    if [ -n "${ALLIES_SANITIZED:-}" ] && { [ "$label" = convert-pdf ] || [ "$label" = publish ]; }; then
        case $name in huge-*) skipped=$((skipped + 1)); return 0 ;; esac
    fi
    before=$problems
    start=$(date +%s.%N)
    rm -f "$tmp/time"
    # shellcheck disable=SC2086
    $timer timeout -k 5 $seconds $limit "$@" > "$tmp/stdout" 2> "$tmp/stderr"
    rc=$?
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    rss=-
    [ -s "$tmp/time" ] && rss=$(tail -n 1 "$tmp/time" | cut -f 2)
    first=$(head -n 1 "$tmp/stderr" | cut -c 1-300)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$name" "$rc" "$secs" "$rss" "$first" >> "$log"
    stderr3=$(head -n 3 "$tmp/stderr" | cut -c 1-300 | awk 'NR > 1 { printf " | " } { printf "%s", $0 }')
    what="exit $rc, ${secs} s, ${rss} KB peak RSS"
    case $label in
        publish) documented="0 1 2 3 4 6 8 9" ;;
        *) documented="0 2 3 4 5 6 7" ;;
    esac
    case $rc in
        124|137) problem "$label" "$name" "timed out (over $seconds s; $what); stderr: $stderr3" ;;
        *)
            if [ "$rc" -gt 128 ]; then
                problem "$label" "$name" "killed by signal $((rc - 128)) ($what); stderr: $stderr3"
            elif ! echo " $documented " | grep -q " $rc "; then
                problem "$label" "$name" "undocumented exit code ($what); stderr: $stderr3"
            fi ;;
    esac
    # The expected outcome.
    case $expect in
        accept) [ "$rc" -eq 0 ] || [ "$rc" -ge 124 ] || problem "$label" "$name" "not accepted, a legitimate input ($what); stderr: $stderr3" ;;
        # Accepted by the text paths (redaction, HTML); laying out thousands
        # of pages of one paragraph may fail cleanly (out of memory under the
        # 1 GiB limit) in the PDF paths.
        accept-text)
            case $label in
                redact|convert-html)
                    [ "$rc" -eq 0 ] || [ "$rc" -ge 124 ] || problem "$label" "$name" "not accepted, a legitimate input ($what); stderr: $stderr3" ;;
            esac ;;
        3|5)
            want=$expect
            [ "$label" = publish ] && want=1
            if [ "$rc" -eq 0 ]; then
                problem "$label" "$name" "accepted, expected a clean failure with exit $want ($what)"
            elif [ "$rc" -ne "$want" ] && [ "$rc" -lt 124 ]; then
                problem "$label" "$name" "exit $rc, expected $want ($what); stderr: $stderr3"
            fi ;;
    esac
    if [ "$rc" -ne 0 ] && [ "$rc" -lt 124 ]; then
        # One line naming the input (allies-publish adds its summary line).
        if [ "$label" = publish ]; then
            grep -v '^allies-publish: [0-9][0-9]* published' "$tmp/stderr" > "$tmp/stderr.errors"
        else
            cp "$tmp/stderr" "$tmp/stderr.errors"
        fi
        lines=$(awk 'END { print NR }' "$tmp/stderr.errors")
        if [ "$lines" -ne 1 ]; then
            problem "$label" "$name" "stderr has $lines lines, expected one ($what); stderr: $stderr3"
        elif ! grep -qF "$name" "$tmp/stderr.errors"; then
            problem "$label" "$name" "stderr does not name the input: $stderr3"
        fi
        # Nothing left behind.
        left=$(leftovers "$label" "$work")
        [ -z "$left" ] || problem "$label" "$name" "failed ($what) but left: $left"
    elif [ "$rc" -ne 0 ]; then
        # Timed out or killed (reported above): still nothing may be left.
        left=$(leftovers "$label" "$work")
        [ -z "$left" ] || problem "$label" "$name" "stopped ($what) and left: $left"
    else
        if [ "$label" = publish ]; then
            stem=${name%.docx}
            for ext in docx pdf html; do
                [ -s "$out/$stem.$ext" ] || problem "$label" "$name" "exit 0 but no $stem.$ext in OUTDIR"
            done
        else
            [ -s "$out" ] || problem "$label" "$name" "exit 0 but no output"
        fi
    fi
    # Nothing fetched, nothing of /etc/passwd included.
    if [ -s "$tmp/fetches" ]; then
        problem "$label" "$name" "connected to 127.0.0.1:9 ($(wc -l < "$tmp/fetches") connections)"
        : > "$tmp/fetches"
    fi
    case $name in
        *passwd*|*external*|*svg*)
            passwd_line=$(head -n 1 /etc/passwd)
            for f in $(find "$work" -type f); do
                case $f in
                    *.pdf) text=$(pdftotext "$f" - 2>/dev/null) ;;
                    *.docx) text=$(unzip -p "$f" 2>/dev/null) ;;
                    *) text=$(cat "$f") ;;
                esac
                case $text in
                    *"$passwd_line"*) problem "$label" "$name" "output ${f##*/} contains the first line of /etc/passwd" ;;
                esac
            done ;;
    esac
    if [ "$problems" -eq "$before" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

only=${ALLIES_BAD_INPUTS_ONLY:-*}
tab=$(printf '\t')
while IFS="$tab" read -r name expect _; do
    case $name in $only) ;; *) continue ;; esac
    in=$tmp/in/$name
    stem=${name%.docx}
    w=$tmp/w
    rm -rf "$w"; mkdir "$w"
    run convert-pdf "$name" "$expect" "$w" "$w/$stem.pdf" "$tools/allies-convert" "$in" -o "$w/$stem.pdf"
    rm -rf "$w"; mkdir "$w"
    run convert-html "$name" "$expect" "$w" "$w/$stem.html" "$tools/allies-convert" "$in" --to html -o "$w/$stem.html"
    rm -rf "$w"; mkdir "$w"
    run redact "$name" "$expect" "$w" "$w/$stem.docx" "$tools/allies-redact" "$in" -o "$w/$stem.docx" --names "$roster"
    rm -rf "$w"; mkdir "$w"
    run publish "$name" "$expect" "$w" "$w/out" "$tools/allies-publish" "$in" -o "$w/out" --names "$roster" --formats docx,pdf,html
    rm -rf "$w"
done < "$tmp/in/expected.tsv"

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
