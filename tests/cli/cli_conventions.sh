#!/bin/sh
# Command-line conventions all three tools keep: parse errors as one
# "allies-TOOL: error:" line and exit 2; the output format from the output
# file's extension in any case, an extension naming no format a usage error
# (nothing written); --list-formats; the same limit options everywhere;
# binary output (PDF, DOCX) refused on a terminal (script(1) gives one).
# Usage: cli_conventions.sh TOOLS_DIR SOURCE_DIR
set -u
tools=$1
doc=$2/samples/meeting-notes.docx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
    echo "FAIL: $*"
    status=1
}
expect() {  # expect CODE PREFIX -- command...: exit code and the one-line error
    code=$1 prefix=$2
    shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ $rc -eq "$code" ] || fail "$*: exit $rc, expected $code ($(cat "$tmp/err"))"
    if [ -n "$prefix" ]; then
        grep -q "^$prefix" "$tmp/err" || fail "$*: stderr does not start with '$prefix': $(cat "$tmp/err")"
        [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$*: not one line on stderr: $(cat "$tmp/err")"
    fi
}

for t in redact convert publish; do
    expect 2 "allies-$t: error: .*--bogus" -- "$tools/allies-$t" --bogus
    expect 2 "allies-$t: error: .*--bogus" -- "$tools/allies-$t" "$doc" --bogus
    expect 0 "" -- "$tools/allies-$t" --list-formats
    [ -s "$tmp/out" ] || fail "allies-$t --list-formats printed nothing"
    for o in --max-entries --max-part-bytes --max-total-bytes --max-ratio --max-xml-depth; do
        "$tools/allies-$t" --help | grep -q -- "^  $o " || fail "allies-$t --help lacks $o"
    done
done
expect 2 "allies-convert: error: no input file" -- "$tools/allies-convert"
[ "$("$tools/allies-convert" --list-formats | cut -f1 | tr '\n' ' ')" = "text markdown json html pdf " ] ||
    fail "allies-convert --list-formats: $("$tools/allies-convert" --list-formats)"
[ "$("$tools/allies-publish" --list-formats | tr '\n' ' ')" = "docx pdf html md txt " ] ||
    fail "allies-publish --list-formats: $("$tools/allies-publish" --list-formats)"
# A limit option means the same in every tool.
expect 3 "allies-convert: error:" -- "$tools/allies-convert" "$doc" --max-entries 2 -o "$tmp/l.txt"
expect 3 "allies-redact: error:" -- "$tools/allies-redact" "$doc" --max-entries 2 -o "$tmp/l.docx"
ALLIES_HASH_KEY_FILE="$tmp/key" "$tools/allies-publish" "$doc" --max-entries 2 -o "$tmp/lpub" -q >/dev/null 2>&1
[ $? -eq 1 ] || fail "allies-publish --max-entries 2 did not fail the document"

# The format from the extension, in any case.
"$tools/allies-convert" "$doc" --to markdown -o "$tmp/ref.md" || fail "convert --to markdown"
for name in x.PDF x.Pdf y.pdf; do
    expect 0 "" -- "$tools/allies-convert" "$doc" -o "$tmp/$name"
    [ "$(head -c 5 "$tmp/$name")" = "%PDF-" ] || fail "$name is not a PDF"
done
expect 0 "" -- "$tools/allies-convert" "$doc" -o "$tmp/x.MD"
cmp -s "$tmp/x.MD" "$tmp/ref.md" || fail "x.MD is not the Markdown"
expect 0 "" -- "$tools/allies-convert" "$doc" -o "$tmp/x.HTM"
head -c 15 "$tmp/x.HTM" | grep -q "<!DOCTYPE html>" || fail "x.HTM is not HTML"
expect 0 "" -- "$tools/allies-convert" "$doc" -o "$tmp/notes"
"$tools/allies-convert" "$doc" --to text | cmp -s - "$tmp/notes" || fail "a name without extension is not text"
for name in x.docx x.odt x.xyz x.DOCX; do
    expect 2 "allies-convert: error: .*$name: cannot tell the output format" -- "$tools/allies-convert" "$doc" -o "$tmp/$name"
    [ ! -e "$tmp/$name" ] || fail "$name was written"
done
# --to wins over the extension.
expect 0 "" -- "$tools/allies-convert" "$doc" --to text -o "$tmp/t.odt"

# Binary output to a terminal is refused; text to a terminal is not.
if command -v script >/dev/null; then
    script -qec "'$tools/allies-convert' '$doc' --to pdf" /dev/null >"$tmp/tty" 2>&1
    rc=$?
    [ $rc -eq 2 ] || fail "convert PDF to a terminal: exit $rc"
    grep -q "allies-convert: error: not writing PDF to a terminal" "$tmp/tty" || fail "convert PDF to a terminal: $(cat "$tmp/tty")"
    grep -q "%PDF" "$tmp/tty" && fail "PDF bytes reached the terminal"
    script -qec "'$tools/allies-redact' '$doc' -o -" /dev/null >"$tmp/tty" 2>&1
    rc=$?
    [ $rc -eq 2 ] || fail "redact DOCX to a terminal: exit $rc"
    grep -q "allies-redact: error: not writing a DOCX to a terminal" "$tmp/tty" || fail "redact to a terminal: $(cat "$tmp/tty")"
    script -qec "'$tools/allies-convert' '$doc' --to text" /dev/null >"$tmp/tty" 2>&1 || fail "text to a terminal refused"
    # Piped, the same PDF goes through.
    "$tools/allies-convert" "$doc" --to pdf | head -c 5 | grep -q "%PDF-" || fail "PDF to a pipe"
    # Progress: ANSI redraw on a terminal; none with TERM=dumb or
    # --no-progress; carriage returns only with NO_COLOR.
    export ALLIES_HASH_KEY_FILE="$tmp/key"
    esc=$(printf '\033')
    progress() {  # progress NAME [VAR=VALUE] -- options...
        n=$1
        shift
        env "$@" script -qec "'$tools/allies-publish' '$doc' -o '$tmp/$n'" /dev/null >"$tmp/$n.tty" 2>&1 </dev/null ||
            fail "publish ($n) on a terminal: exit $?"
    }
    progress ansi TERM=xterm
    grep -q "\[1/1\]" "$tmp/ansi.tty" && grep -q "$esc\[K" "$tmp/ansi.tty" || fail "no ANSI progress on a terminal"
    progress dumb TERM=dumb
    grep -q "\[1/1\]" "$tmp/dumb.tty" && fail "progress drawn with TERM=dumb"
    grep -q "$esc" "$tmp/dumb.tty" && fail "an escape sequence with TERM=dumb"
    progress nocolor TERM=xterm NO_COLOR=1
    grep -q "\[1/1\]" "$tmp/nocolor.tty" || fail "no progress with NO_COLOR"
    grep -q "$esc" "$tmp/nocolor.tty" && fail "an escape sequence with NO_COLOR"
    env TERM=xterm script -qec "'$tools/allies-publish' '$doc' -o '$tmp/np' --no-progress" /dev/null >"$tmp/np.tty" 2>&1 </dev/null
    grep -q "\[1/1\]" "$tmp/np.tty" && fail "progress despite --no-progress"
else
    echo "script(1) not installed: terminal checks skipped"
fi
# Forced progress to a pipe: plain lines, no escape sequences.
ALLIES_HASH_KEY_FILE="$tmp/key" "$tools/allies-publish" "$doc" -o "$tmp/forced" --progress 2>"$tmp/forced.err" >/dev/null ||
    fail "publish --progress: exit $?"
grep -q "^\[1/1\] .*meeting-notes.docx$" "$tmp/forced.err" || fail "--progress to a pipe: $(cat "$tmp/forced.err")"
grep -q "$(printf '\033')" "$tmp/forced.err" && fail "--progress to a pipe wrote an escape sequence"
expect 2 "allies-publish: error: .*excludes" -- "$tools/allies-publish" "$doc" -o "$tmp/x" -q --progress
[ $status -eq 0 ] && echo "cli_conventions: all passed"
exit $status
