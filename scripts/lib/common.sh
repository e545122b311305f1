# Shared by the scripts in scripts/. Each sources it first, without arguments, so that it sees
# the script's own arguments:
#     source "$(dirname "$0")/lib/common.sh"
# It stops the script at the first failing command (set -euo pipefail), changes to the
# repository root ($root; the caller's folder is in $caller_dir), puts scripts/lib on PYTHONPATH (the scripts' Python modules), and
# takes a leading --check off the arguments, setting check=1 (else 0). --check is each script's
# seconds-long run on a tiny network that writes only into temporary folders; scripts/check-scripts
# runs them all.
set -euo pipefail
caller_dir="$PWD"  # where the script was called from
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export PYTHONPATH="$root/scripts/lib${PYTHONPATH:+:$PYTHONPATH}"
check=0
if [ "${1:-}" = --check ]; then
    check=1
    shift
fi
script="scripts/$(basename "$0")"

die() {
    echo "$script: error: $*" >&2
    exit 1
}

# Temporary folders, removed when the script exits however it exits.
temporaries=()
trap 'if [ ${#temporaries[@]} -gt 0 ]; then rm -rf "${temporaries[@]}"; fi' EXIT
new_temporary() {  # new_temporary NAME: a new temporary folder, its path in the variable NAME
    local folder
    folder="$(mktemp -d "${TMPDIR:-/tmp}/humam-$(basename "$0").XXXXXX")"
    temporaries+=("$folder")
    printf -v "$1" '%s' "$folder"
}

# The humam executable, in $humam (an absolute path): $HUMAM if it is set, and then nothing is
# built; else this checkout's release build, built here (its log is shown only if it fails).
find_humam() {
    if [ -n "${HUMAM:-}" ]; then
        humam="$(command -v "$HUMAM")" || die "HUMAM=$HUMAM is not an executable"
        [ -x "$humam" ] && [ ! -d "$humam" ] || die "HUMAM=$HUMAM is not an executable"
        humam="$(cd "$(dirname "$humam")" && pwd)/$(basename "$humam")"
    else
        local log
        log="$(swift build -c release --product humam 2>&1)" || { echo "$log" >&2; die "swift build -c release --product humam failed"; }
        humam="$(swift build -c release --show-bin-path)/humam"
    fi
}

# freeze_humam FOLDER: $humam is FOLDER/humam, copied there by the first call (from find_humam),
# so that a long run resumed later, or its analysis, uses the same binary whatever was rebuilt.
freeze_humam() {
    if [ ! -x "$1/humam" ]; then
        find_humam
        cp "$humam" "$1/humam"
    fi
    humam="$(cd "$1" && pwd)/humam"
}

# logged LOG COMMAND...: runs COMMAND with its output in LOG; if it fails, shows the end of LOG
# and stops the script, naming the command.
logged() {
    local log="$1" status=0
    shift
    "$@" > "$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        tail -n 40 "$log" >&2
        die "failed with status $status: $* (the end of its log is above)"
    fi
}

need_python() {  # need_python MODULE...: stops with what to install if python3 lacks a module
    local module missing=()
    for module in "$@"; do
        python3 -c "import $module" >/dev/null 2>&1 || missing+=("$module")
    done
    [ ${#missing[@]} -eq 0 ] || die "python3 cannot import ${missing[*]} (pip install ${missing[*]/nest/nest-simulator})"
}

median() {  # the median (the lower one of an even count) of the numbers on standard input
    sort -g | awk '{ value[NR] = $1 } END { if (NR == 0) exit 1; print value[int((NR + 1) / 2)] }'
}

load_average() {
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
}

# The simulate -> fc -> compare driver of scan-scaling, fc-seeds, fullscale-protocol,
# chi-transition and bench-fullscale. Layout of a FOLDER: run/ (the run), simulate.log,
# fc-NAME/ and fc-NAME.log for each comparison with notebooks-data/NAME.csv.

# simulate_run FOLDER [humam simulate options]: simulates into FOLDER/run unless it is
# finished; an interrupted run with a checkpoint (FOLDER/.run.partial-*) is continued (the
# options must be the run's). Its output goes to the terminal and is appended to simulate.log.
simulate_run() {
    local folder="$1" partial resume=()
    shift
    mkdir -p "$folder"
    [ ! -f "$folder/run/run.json" ] || return 0
    for partial in "$folder"/.run.partial-*; do
        [ -f "$partial/checkpoint.bin" ] && resume=(--resume "$partial")
    done
    "$humam" simulate --out "$folder/run" "${resume[@]}" "$@" 2>&1 | tee -a "$folder/simulate.log" \
        || { tail -n 40 "$folder/simulate.log" >&2; die "humam simulate into $folder/run failed (the end of $folder/simulate.log is above)"; }
}

# compare_fc FOLDER T_START NAME...: humam fc of FOLDER/run from T_START ms against
# notebooks-data/NAME.csv for each NAME, into FOLDER/fc-NAME (replaced if there), with the
# options in fc_options (default --no-figures). With fc_time=1 each is run under
# /usr/bin/time -v, which writes FOLDER/fc-NAME.time.
fc_options=(--no-figures)
fc_time=0
compare_fc() {
    local folder="$1" t_start="$2" name out replace timer
    shift 2
    for name in "$@"; do
        out="$folder/fc-$name"
        replace=()
        [ ! -d "$out" ] || replace=(--replace)
        timer=()
        [ "$fc_time" -eq 0 ] || timer=(/usr/bin/time -v -o "$out.time")
        logged "$out.log" "${timer[@]}" "$humam" fc --run "$folder/run" --t-start "$t_start" \
            --compare "notebooks-data/$name.csv" --out "$out" "${replace[@]}" "${fc_options[@]}"
    done
}
