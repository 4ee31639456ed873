#!/bin/sh
# The shell completions offer exactly the options each tool's --help lists:
# bash by running its completion function, fish by asking fish itself
# (complete -C), zsh by reading each tool's _arguments specs (and zsh -n).
# fish and zsh parts run when those shells are installed.
# Usage: completions_test.sh TOOLS_DIR COMPLETIONS_DIR
set -eu
tools=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
bash -n "$dir/allies.bash" || { echo "allies.bash: syntax"; status=1; }
command -v zsh >/dev/null && { zsh -n "$dir/_allies" || { echo "_allies: syntax"; status=1; }; }
for t in allies-redact allies-convert allies-publish; do
    # Options as the tool documents them: the spec before the type and help.
    "$tools/$t" --help | sed -n 's/^  \(-[^ ]*\).*/\1/p' | tr ',' '\n' | sort -u >"$tmp/help"
    [ -s "$tmp/help" ] || { echo "$t: no options read from --help"; status=1; continue; }
    # bash: what the completion function offers after "-".
    bash -c '. "$1"; COMP_WORDS=("$2" -); COMP_CWORD=1; _allies; printf "%s\n" "${COMPREPLY[@]}"' \
        sh "$dir/allies.bash" "$t" | sort -u >"$tmp/bash"
    if ! cmp -s "$tmp/help" "$tmp/bash"; then
        echo "$t: bash completion differs from --help (< help, > completion):"
        diff "$tmp/help" "$tmp/bash" || true
        status=1
    fi
    if command -v fish >/dev/null; then
        fish -c "source '$dir/$t.fish'; complete -C '$t -'" | cut -f1 | sort -u >"$tmp/fish"
        if ! cmp -s "$tmp/help" "$tmp/fish"; then
            echo "$t: fish completion differs from --help (< help, > completion):"
            diff "$tmp/help" "$tmp/fish" || true
            status=1
        fi
    fi
    # zsh: the tool's case branch, with the shared limits it selects.
    sed -n "/^$t)/,/^  ;;/p" "$dir/_allies" >"$tmp/zsh-section"
    limits=$(sed -n "s/.*\$limits\(\[[0-9,]*\]\)\{0,1\} .*/&/p" "$tmp/zsh-section")
    case "$limits" in
    *'$limits[2,3]'*) sed -n '/^limits=(/,/^)/p' "$dir/_allies" | sed -n '3,4p' >>"$tmp/zsh-section" ;;
    *'$limits '*) sed -n '/^limits=(/,/^)/p' "$dir/_allies" >>"$tmp/zsh-section" ;;
    esac
    grep -o -- "--[a-z][a-z-]*\|'-[a-zA-Z]\|,-[a-zA-Z]\|{-[a-zA-Z]" "$tmp/zsh-section" | tr -d "'{," | sort -u >"$tmp/zsh"
    if ! cmp -s "$tmp/help" "$tmp/zsh"; then
        echo "$t: zsh completion differs from --help (< help, > completion):"
        diff "$tmp/help" "$tmp/zsh" || true
        status=1
    fi
done
[ $status -eq 0 ] && echo "completions: bash, zsh$(command -v fish >/dev/null && echo ', fish') match --help of all three tools"
exit $status
