# Shell functions the benchmark scripts share (sourced by bench.sh and scaling.sh).

# faster A B: whether time A beats the best so far, B (none yet when B is empty).
faster() { awk -v a="$1" -v b="$2" 'BEGIN{exit !(b == "" || a < b)}'; }

# model_bound: from TESSERA_PART_MODEL=1's report on stdin, the bound with a barrier
# after every window (sim/part_model.c's first line).
model_bound() { sed -n 's/.*per window.*at most \([0-9.]*\)x.*/\1/p'; }
