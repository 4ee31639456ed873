# bash completion for allies-redact, allies-convert and allies-publish.
# Installed once per command name in share/bash-completion/completions/.
# tests/cli/completions_test.sh checks that every option of each tool's
# --help is offered here.

_allies_limits="--max-entries --max-part-bytes --max-total-bytes --max-ratio --max-xml-depth"

_allies() {
    local cur prev opts
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    case "${COMP_WORDS[0]##*/}" in
    allies-redact)
        opts="-h --help -V --version -o --output --names --policy --report --dry-run --show-text
              --sections --names-as --pseudonym-key --pseudonym-key-file --keep --print-default-policy
              -q --quiet --list-formats $_allies_limits"
        case "$prev" in
        -o|--output|--report) COMPREPLY=($(compgen -f -X '!*.@(docx|json)' -- "$cur")); compopt -o plusdirs 2>/dev/null; return ;;
        --names|--pseudonym-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --policy) COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur")); compopt -o plusdirs 2>/dev/null; return ;;
        --sections) COMPREPLY=($(compgen -W "placeholder remove" -- "$cur")); return ;;
        --names-as) COMPREPLY=($(compgen -W "placeholder initials pseudonym role" -- "$cur")); return ;;
        --keep|--pseudonym-key|--max-*) return ;;
        esac
        ;;
    allies-convert)
        opts="-h --help -V --version -o --output -t --to --assets --pdfa --strict --paper --list-formats $_allies_limits"
        case "$prev" in
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -t|--to) COMPREPLY=($(compgen -W "text markdown json html pdf" -- "$cur")); return ;;
        --assets) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --paper) COMPREPLY=($(compgen -W "a4 a3 a5 letter legal" -- "$cur")); return ;;
        --max-*) return ;;
        esac
        ;;
    allies-publish)
        opts="-h --help -V --version -o --output --manifest --base --staging-dir --files-from --names --policy --formats
              --review --sections --names-as --pseudonym-key-file --keep -j --jobs --fail-fast --allow-incomplete
              --incremental --timeout -q --quiet --progress --no-progress --json --hash-key-file --verify-only --against --merge-manifests --pdfa
              --paper --list-formats $_allies_limits"
        case "$prev" in
        -o|--output|--review|--base|--staging-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --manifest|--against) COMPREPLY=($(compgen -f -X '!*.json' -- "$cur")); compopt -o plusdirs 2>/dev/null; return ;;
        --files-from|--names|--pseudonym-key-file|--hash-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --policy) COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur")); compopt -o plusdirs 2>/dev/null; return ;;
        --formats) COMPREPLY=($(compgen -W "docx,pdf docx,pdf,html docx,pdf,html,md,txt pdf html md txt docx" -- "$cur")); return ;;
        --sections) COMPREPLY=($(compgen -W "placeholder remove" -- "$cur")); return ;;
        --names-as) COMPREPLY=($(compgen -W "placeholder initials pseudonym role" -- "$cur")); return ;;
        --paper) COMPREPLY=($(compgen -W "a4 a3 a5 letter legal" -- "$cur")); return ;;
        --keep|-j|--jobs|--timeout|--max-*) return ;;
        esac
        ;;
    *) return ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        # Inputs: Word documents (and folders to search, for publish).
        COMPREPLY=($(compgen -f -X '!*.@(docx|docm|DOCX|DOCM|json)' -- "$cur"))
        compopt -o plusdirs 2>/dev/null
    fi
}
complete -F _allies allies-redact allies-convert allies-publish
