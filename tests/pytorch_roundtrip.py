#!/usr/bin/python3
"""Round trip to PyTorch: train a tiny model with the CLI, export it, load it strictly in tools/contextunet.py,
and check that PyTorch's DDIM (eta 0) from the same initial noise ends on the same images within 1e-3 (the CLI
samples in float32 here: bfloat16 would leave about 3e-2), and
that the time and context embeddings the CLI prints for the checkpoint are PyTorch's for the export within 1e-4.
Usage: pytorch_roundtrip.py CLI SOURCE_DIR WORK_DIR. Exits 77 (skipped) when PyTorch for Python is missing."""
import subprocess
import sys

try:
    import numpy as np
    import torch
except ImportError as missing:
    print(f"skipped: PyTorch for Python is not installed ({missing}); install python3-torch to run this test")
    sys.exit(77)

cli, source, work = sys.argv[1:4]
sys.path.insert(0, f"{source}/tools")
import contextunet  # noqa: E402


def run(*args):
    done = subprocess.run([cli, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:1])} failed: {done.stderr}")
    return done.stdout


ckpt, pth, traj = f"{work}/tiny.ckpt", f"{work}/tiny.pth", f"{work}/trajectory.npy"
run("train", "--dataset", "emoji", "--max-per-class", "4", "--cache-dir", f"{work}/cache", "--steps", "20",
    "--n-feat", "16", "--batch", "8", "--threads", "1", "--out", ckpt)
run("export", ckpt, pth)
run("sample", "--checkpoint", ckpt, "--sampler", "ddim", "--steps", "20", "--n", "5", "--class", "all",
    "--out", f"{work}/grid.png", "--trajectory", traj, "--threads", "1", "--precision", "float32")

model = contextunet.load(pth)  # strict: every key and shape must match
assert contextunet.config_of(torch.load(pth)) == (3, 16, 5, 16), contextunet.config_of(torch.load(pth))
trajectory = torch.from_numpy(np.load(traj))
context = torch.eye(5)[torch.arange(5) % 5]
final = contextunet.sample_ddim(model, trajectory[0].clone(), context, steps=20)
error = (final - trajectory[-1]).abs().max().item()
print(f"max |PyTorch - Diffusion Explorer| after 20 DDIM steps: {error:.2e}")
if not error < 1e-3:
    sys.exit(f"the final images differ by {error}")

import json  # noqa: E402
steps, mix = [0, 3, 250, 500], [0.5, 0.0, 0.0, 0.5, 0.0]
ours = json.loads(run("embeddings", "--checkpoint", ckpt, "--t", ",".join(map(str, steps)),
                      "--context", ",".join(map(str, mix)), "--json", "--threads", "1"))
with torch.no_grad():
    t = torch.tensor(steps, dtype=torch.float32).reshape(-1, 1) / 500
    c = torch.tensor([mix])
    theirs = {"temb1": model.timeembed1(t), "temb2": model.timeembed2(t),
              "cemb1": model.contextembed1(c)[0], "cemb2": model.contextembed2(c)[0]}
embedding_error = max((torch.tensor(ours[k]) - v).abs().max().item() for k, v in theirs.items())
print(f"max |PyTorch - Diffusion Explorer| over the embeddings: {embedding_error:.2e}")
if not embedding_error < 1e-4:
    sys.exit(f"the embeddings differ by {embedding_error}")
print("2 passed, 0 failed")
