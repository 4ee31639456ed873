#!/bin/sh
# Runs a test program as an unprivileged user when run as root (root ignores
# directory permissions, so a "read-only folder" test proves nothing as
# root). Usage: as_unprivileged.sh PROGRAM ARGS...
set -eu
if [ "$(id -u)" -ne 0 ]; then exec "$@"; fi
if ! command -v runuser >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
    echo "no runuser or no user nobody: cannot drop privileges" >&2
    exit 77
fi
exec runuser -u nobody -- "$@"
