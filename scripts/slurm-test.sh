#!/bin/sh
# The README's Slurm job-array recipe, run as written on a single-node
# Slurm started here for the test: a private munged (its own socket, the
# packaged key) and slurmctld + slurmd from a scratch slurm.conf (their own
# ports, state and logs in a temporary folder), all stopped again at the
# end by their process ids. The 16 array tasks publish 300 generated notes
# into one public folder, each with its own manifest; --merge-manifests
# then writes the folder's manifest, checked as for GNU parallel.
# Needs root and Debian's slurmctld, slurmd, slurm-client and munge.
# Usage: scripts/slurm-test.sh [BUILD_DIR] [N]   (defaults: build 300)
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
build=$(cd "${1:-build}" && pwd)
n=${2:-300}
for c in slurmctld slurmd sbatch munged; do
    command -v $c >/dev/null || [ -x /usr/sbin/$c ] || { echo "slurm-test: $c is not installed" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "slurm-test: needs root (slurmd runs the jobs)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/allies-slurm.XXXXXX)
chmod 755 "$tmp"
munge_pid="" ctld_pid="" slurmd_pid=""
cleanup() {
    [ -n "$ctld_pid" ] && kill "$ctld_pid" 2>/dev/null || true
    [ -n "$slurmd_pid" ] && kill "$slurmd_pid" 2>/dev/null || true
    [ -n "$munge_pid" ] && kill "$munge_pid" 2>/dev/null || true
    sleep 1
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
fail() {
    echo "slurm-test: FAIL: $*" >&2
    for f in "$tmp"/slurm/*.log; do [ -f "$f" ] && { echo "== $f" >&2; tail -20 "$f" >&2; }; done
    exit 1
}

# munged, private: socket and state under $tmp (the folder must be owned by
# munge and not writable by others), the key Debian's package made.
mkdir -p "$tmp/munge"
chown munge:munge "$tmp/munge"
chmod 755 "$tmp/munge"
[ -s /etc/munge/munge.key ] || { echo "slurm-test: no /etc/munge/munge.key" >&2; exit 1; }
runuser -u munge -- /usr/sbin/munged --socket="$tmp/munge/sock" --pid-file="$tmp/munge/pid" \
    --log-file="$tmp/munge/log" --seed-file="$tmp/munge/seed" || fail "munged did not start"
munge_pid=$(cat "$tmp/munge/pid")

# slurmctld + slurmd, one node (this host), own ports, everything in $tmp.
host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$tmp/slurm/state" "$tmp/slurm/spool"
cat >"$tmp/slurm/slurm.conf" <<EOF
ClusterName=allies-ci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=6917
SlurmdPort=6918
AuthType=auth/munge
AuthInfo=socket=$tmp/munge/sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/slurm/state
SlurmdSpoolDir=$tmp/slurm/spool
SlurmctldPidFile=$tmp/slurm/slurmctld.pid
SlurmdPidFile=$tmp/slurm/slurmd.pid
SlurmctldLogFile=$tmp/slurm/slurmctld.log
SlurmdLogFile=$tmp/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
SlurmdParameters=config_overrides
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$tmp/slurm/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" >"$tmp/slurm/slurmctld.out" 2>&1 &
ctld_pid=$!
slurmd -D -f "$SLURM_CONF" >"$tmp/slurm/slurmd.out" 2>&1 &
slurmd_pid=$!
i=0
until sinfo -h -o %t 2>/dev/null | grep -q idle; do
    i=$((i + 1))
    [ $i -lt 30 ] || fail "the node did not become idle: $(sinfo 2>&1)"
    sleep 1
done

# The notes, as for GNU parallel (scripts/scaleout-test.sh).
"$build/bench/make_batch" "$tmp/gen" "$n" >/dev/null
mkdir -p "$tmp/work/notes" "$tmp/work/manifests"
mv "$tmp/gen/roster.txt" "$tmp/work/roster.txt"
i=0
for f in "$tmp"/gen/*.docx; do
    d="$tmp/work/notes/committee-$((i % 3))/$((2020 + i % 5))"
    mkdir -p "$d"
    mv "$f" "$d/"
    i=$((i + 1))
done
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$tmp/work/key"

# The job script of the README ("A Slurm job array"), as written.
sed -n '/^    #!\/bin\/sh$/,/^            --hash-key-file key/p' README.md | sed 's/^    //' >"$tmp/work/publish.sh"
grep -q 'SLURM_ARRAY_TASK_ID' "$tmp/work/publish.sh" || fail "the job script was not found in README.md"
cd "$tmp/work"
PATH="$build/tools:$PATH"
export PATH
start=$(date +%s)
sbatch --array=0-15 --wait --quiet -o "$tmp/slurm/task-%a.out" publish.sh || {
    cat "$tmp"/slurm/task-*.out >&2
    fail "the job array failed"
}
allies-publish --merge-manifests manifests/part-*.json -o public
end=$(date +%s)
parts=$(ls manifests/part-*.json | wc -l)
[ "$parts" -eq 16 ] || fail "$parts task manifests, expected 16"
/usr/bin/python3 "$src/scripts/check-merged-manifest.py" public "$n" "$parts" "$src/schemas/manifest.schema.json" \
    "a Slurm job array (sbatch --array=0-15)" || fail "the merged manifest"
echo "slurm-test: $((end - start)) s on $cpus cores"
