#!/usr/bin/env bash
# A `powchain simulate` sweep spread over a Slurm cluster by a job array: array task I of N runs
# `--shard I/N` and writes shard-I-of-N.json to $OUT; a job that depends on the array then merges
# the shards into the JSON, CSV, charts and report.html of one run (docs/SIMULATION.md).
#
# A worker needs only a JDK (17 or later, `java` on PATH or JAVA_HOME) and powchain.jar on a file
# system every node sees:
#   jobid=$(sbatch --parsable deploy/slurm/simulate-array.sh)
#   sbatch --dependency=afterok:$jobid --wrap "java -jar $PWD/powchain.jar simulate merge $PWD/sim-out/run --out $PWD/sim-out/report"
#
# Change the run in one place, RUN below (or, without editing, POWCHAIN_ARGS in the environment sbatch
# passes on: `POWCHAIN_ARGS="simulate double-spend --trials 600" sbatch --array=0-2 ...`); the
# array's size is N. Memory: with pruned nodes a 20,000-block selfish-mining run needs a few hundred
# MB of heap; the JVM is given 1.5 GB of the job's 2 GB (docs/PERFORMANCE.md, "issue 26").
#SBATCH --job-name=powchain-simulate
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=04:00:00
set -euo pipefail

JAR="${POWCHAIN_JAR:-$PWD/powchain.jar}"
OUT="${OUT:-$PWD/sim-out/run}"
RUN=(simulate selfish-mining --sweep --blocks 20000 --seed 1)
if [ -n "${POWCHAIN_ARGS:-}" ]; then
  read -r -a RUN <<< "$POWCHAIN_ARGS"
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" ${POWCHAIN_JAVA_OPTS:--Xmx1536m} -jar "$JAR" "${RUN[@]}" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --out "$OUT"
