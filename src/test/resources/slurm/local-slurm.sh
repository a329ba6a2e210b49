#!/usr/bin/env bash
# A one-node Slurm on this machine, in DIR, for ClusterPathTest: munged, slurmctld and slurmd of
# Debian's munge and slurm-wlm, each with its own files under DIR (nothing in /etc, /run or /var).
#   local-slurm.sh start DIR   starts them; exits 0 once the node takes jobs, non-zero (a reason on stderr) if it cannot
#   local-slurm.sh stop DIR    stops them, and returns once they are gone
# Jobs are then submitted with SLURM_CONF=DIR/slurm.conf in the environment.
set -euo pipefail
cmd="$1"; dir="$(cd "$2" && pwd)"
if [ "$cmd" = stop ]; then
  pids=()
  for p in slurmd slurmctld munged; do
    # read once: a daemon deletes its pid file as it stops, and reading it again after the kill
    # failed (set -e), so the stop gave up there and left slurmctld and munged running
    pid="$(cat "$dir/$p.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then pids+=("$pid"); fi
  done
  # wait until they are gone (25 s at most): slurmctld saves its state into DIR as it stops, and the
  # caller deletes DIR next; on a busy machine that save outlasted a stop that did not wait
  for _ in $(seq 1 250); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && exit 0
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  exit 0
fi
for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo; do
  command -v "$tool" >/dev/null 2>&1 || { echo "no $tool: apt-get install slurm-wlm munge" >&2; exit 2; }
done
host="$(hostname -s)"
mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
chmod 700 "$dir/munge"
mungekey --create --keyfile="$dir/munge/munge.key" --force 2>/dev/null || dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$dir/munge/munge.key"
munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munged.pid" \
  --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed" || { echo "munged did not start: $(tail -3 "$dir/log/munged.log" 2>/dev/null)" >&2; exit 3; }
user="$(id -un)"
cpus="$(nproc)"
cat > "$dir/slurm.conf" <<CONF
ClusterName=powchain-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=8000 State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -i || { echo "slurmctld did not start: $(tail -5 "$dir/log/slurmctld.log" 2>/dev/null)" >&2; exit 4; }
slurmd || { echo "slurmd did not start: $(tail -5 "$dir/log/slurmd.log" 2>/dev/null)" >&2; exit 5; }
for i in $(seq 1 60); do
  state="$(sinfo -h -n "$host" -o %t 2>/dev/null || true)"
  case "$state" in idle*|mix*|alloc*) echo ready; exit 0 ;; esac
  sleep 1
done
echo "the node did not come up (state: ${state:-none}): $(tail -3 "$dir/log/slurmctld.log" 2>/dev/null) / $(tail -3 "$dir/log/slurmd.log" 2>/dev/null)" >&2
exit 6
