#!/bin/bash
# The trip through PyTorch's own distributed training: the emoji set exported in the course's layout (checked
# with NumPy), two processes of tools/train_ddp.py under torchrun (gloo on this CPU), and the CLI opening,
# describing (class names from the sidecar) and sampling the result.
# Usage: check_ddp.sh CLI SOURCE_DIR. Exit 77 (skipped) without torchrun, unless DE_REQUIRE_PYTORCH is set.
set -uo pipefail
cli=$1
source_dir=$2
source "$(dirname "$0")/check_lib.sh"
if [ ! -x /usr/bin/torchrun ] || ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
    echo "skipped: torchrun or NumPy for /usr/bin/python3 is missing (python3-torch, python3-numpy)"
    [ -n "${DE_REQUIRE_PYTORCH:-}" ] && exit 1
    exit 77
fi
export QT_QPA_PLATFORM=offscreen DE_LANG=en OMP_NUM_THREADS=1

"$cli" dataset --dataset emoji --cache-dir "$work/cache" --export "$work/emoji" >"$work/export.log" \
    || { cat "$work/export.log"; echo "FAIL: dataset --export"; exit 1; }
/usr/bin/python3 - "$work/emoji" <<'PY' && pass "the export reads back in NumPy" || fail "the export is not the course's layout"
import json, sys, numpy as np
d = sys.argv[1]
images, labels = np.load(d + "/images.npy"), np.load(d + "/labels.npy")
meta = json.load(open(d + "/classes.json", encoding="utf-8"))
assert images.dtype == np.uint8 and images.ndim == 4 and images.shape[1:] == (16, 16, 3), images.shape
assert labels.shape == (len(images), len(meta["classes"])), labels.shape
assert (labels.sum(axis=1) == 1).all() and set(np.unique(labels)) <= {0.0, 1.0}
assert meta["count"] == len(images) and meta["dataset"] == "emoji", meta
assert (meta["channels"], meta["height"], meta["width"]) == (3, 16, 16)
assert images.std() > 10, "the images are blank"
print(len(images), "images,", len(meta["classes"]), "classes:", ", ".join(meta["classes"]))
PY
first_class=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["classes"][0])' "$work/emoji/classes.json")
[ -n "$first_class" ] || { echo "FAIL: classes.json names no class"; exit 1; }
"$cli" dataset --dataset "npy:$work/emoji" | grep " $first_class: " >/dev/null \
    && pass "npy:FOLDER reads the export back with its class names" || fail "npy:FOLDER lost the class names"

# Debian's torch 1.13 on Python 3.11 cannot parse torchrun's default "--redirects 0 --tee 0" (Std.from_str
# returns None for 0 and for 3); 1 (standard output) works. docs/scale-out.md says so.
began=$(date +%s.%N)
/usr/bin/torchrun --redirects 1 --tee 1 --standalone --nproc_per_node 2 "$source_dir/tools/train_ddp.py" \
    --data "$work/emoji" --steps 30 --n-feat 16 --ema 0.05 --out "$work/X.pth" >"$work/ddp.log" 2>&1
status=$?
ended=$(date +%s.%N)
cat "$work/ddp.log"
[ $status = 0 ] && pass "torchrun with 2 processes ($(awk "BEGIN { printf \"%.1f\", $ended - $began }") s)" || fail "torchrun exited $status"
grep -q "world size 2" "$work/ddp.log" && pass "world size 2" || fail "no 'world size 2' line"
[ -s "$work/X.pth" ] && [ -s "$work/X.json" ] && pass "X.pth and its sidecar X.json" || fail "no X.pth or X.json"

"$cli" info "$work/X.pth" >"$work/info.txt" 2>&1
cat "$work/info.txt"
grep -q "^classes: .*$first_class" "$work/info.txt" && pass "info shows the class names" || fail "info lacks the class names"
grep -q "^data set: emoji" "$work/info.txt" && pass "info shows the data set" || fail "info lacks the data set"
grep -q "world size 2, gloo" "$work/info.txt" && pass "info says how it was trained" || fail "info lacks the world size"
grep -q "^training steps: 30" "$work/info.txt" && pass "info shows the 30 steps" || fail "info lacks the steps"
"$cli" sample --checkpoint "$work/X.pth" -n 8 --steps 10 --class "$first_class" --out "$work/s.png" >"$work/sample.log" 2>&1 \
    && [ -s "$work/s.png" ] && pass "sample by class name" || { cat "$work/sample.log"; fail "sample failed"; }

finish
