#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/: small valid files of every kind each
reader accepts (and a few it must refuse), so that fuzzing starts from the formats' real structure.

Run with Debian's NumPy and PyTorch:  /usr/bin/python3 fuzz/make_corpus.py build/fuzz/fuzz/fuzz_native_seed
(which writes the native checkpoint seed and a .pth from LibTorch's pickler). Whole models (150 kB and more) are left out of the checkpoint corpus: they
slow every execution down, and the pickles inside them are in the unpickler's corpus."""
import io
import os
import struct
import subprocess
import sys
import zipfile

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tools"))
from contextunet import ContextUnet  # noqa: E402


def out(target, name, data):
    folder = os.path.join(here, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    if version is None:
        np.save(buffer, array)
    else:
        np.lib.format.write_array(buffer, array, version=version)
    return buffer.getvalue()


def main():
    rng = np.random.default_rng(0)
    # NPY: every dtype, both byte orders, both layouts, the three format versions.
    out("npy", "sprites_u1.npy", npy_bytes(rng.integers(0, 255, (2, 4, 4, 3), dtype=np.uint8)))
    out("npy", "labels_f8.npy", npy_bytes(np.eye(5)[[0, 3]]))
    out("npy", "big_endian_f4.npy", npy_bytes(rng.standard_normal((3, 2)).astype(">f4")))
    out("npy", "fortran_i8.npy", npy_bytes(np.asfortranarray(np.arange(6, dtype=np.int64).reshape(2, 3))))
    out("npy", "v2.npy", npy_bytes(np.arange(4, dtype=np.uint8), version=(2, 0)))
    out("npy", "v3.npy", npy_bytes(np.arange(3, dtype=np.float32), version=(3, 0)))
    out("npy", "scalar.npy", npy_bytes(np.float64(2.5)))

    # IDX: images and labels, as Fashion-MNIST has them.
    out("idx", "images.idx3", struct.pack(">IIII", 0x803, 2, 4, 4) + bytes(range(32)))
    out("idx", "labels.idx1", struct.pack(">II", 0x801, 3) + bytes([0, 9, 4]))

    # Pickles and .pth files written by Python's torch.save.
    def pth(obj, **kw):
        buffer = io.BytesIO()
        torch.save(obj, buffer, **kw)
        return buffer.getvalue()

    torch.manual_seed(0)
    small = ContextUnet(1, 8, 1, 16)
    course = ContextUnet(1, 8, 1, 16, course_shortcut=True)
    anchors = {"init_conv.conv1.0.weight": torch.zeros(8, 3, 3, 3), "contextembed1.model.0.weight": torch.zeros(16, 5),
               "up0.0.weight": torch.zeros(16, 16, 4, 4)}
    files = {
        "state_dict.pth": pth(small.state_dict()),
        "course_layout.pth": pth(course.state_dict()),
        "anchors_only.pth": pth(anchors),
        "nested.pth": pth({"model": {"w": torch.ones(2, 2)}, "epoch": 1}),
        "protocol4.pth": pth({"a": torch.arange(3), "b": torch.zeros(1, dtype=torch.float16)}, pickle_protocol=4),
        "views.pth": pth({"t": torch.arange(12.0).reshape(3, 4).t()[1:]}),
        "legacy.pth": pth({"w": torch.ones(1)}, _use_new_zipfile_serialization=False),
    }
    for name, data in files.items():
        if len(data) < 32768:
            out("checkpoint", name, data)
        if data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                pkl = next(n for n in z.namelist() if n.endswith("data.pkl"))
                out("unpickler", name.replace(".pth", ".pkl"), z.read(pkl))
    if len(sys.argv) > 1:
        folder = os.path.join(here, "corpus", "checkpoint")
        native, ours = os.path.join(folder, "native_without_weights.ckpt"), os.path.join(folder, "libtorch.pth")
        subprocess.run([sys.argv[1], native, ours], check=True, env={**os.environ, "ASAN_OPTIONS": "detect_leaks=0"})
        with zipfile.ZipFile(ours) as z:
            out("unpickler", "libtorch.pkl", z.read(next(n for n in z.namelist() if n.endswith("data.pkl"))))
    for target in sorted(os.listdir(os.path.join(here, "corpus"))):
        folder = os.path.join(here, "corpus", target)
        sizes = [os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)]
        print(f"{target}: {len(sizes)} seeds, {sum(sizes)} bytes")


if __name__ == "__main__":
    main()
