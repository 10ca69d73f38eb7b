#!/usr/bin/python3
"""Train Diffusion Explorer's ContextUnet with DistributedDataParallel (torchrun), then open it in the program.

The recipe is the C++ trainer's (core/diffusion/trainer.cpp): DDPM noise prediction over T = 500 steps (linear
betas 1e-4..0.02, or cosine), t from 1..T given to the network as t/T, context dropout, Adam with a warm-up and a
linear decay to zero, optional Min-SNR-γ weights, input perturbation and EDM's growing-half-life EMA. The data:
the folder `diffusion-explorer-cli dataset --dataset NAME --export DIR` writes, with images.npy (uint8,
N×H×W×C), labels.npy (float64, N×classes, one-hot) and classes.json.

    # one process (CPU or one GPU), no torchrun needed
    tools/train_ddp.py --data DIR --steps 3000 --out model.pth
    # one machine, 4 GPUs (--batch is the global batch: 25 images per GPU here)
    torchrun --standalone --nproc_per_node 4 tools/train_ddp.py --data DIR --steps 3000 --batch 100 --out model.pth
    # two machines with 8 GPUs each: run on both, R = 0 on HOST and 1 on the other
    torchrun --nnodes 2 --node_rank R --nproc_per_node 8 --rdzv_backend c10d --rdzv_endpoint HOST:29500 \\
        tools/train_ddp.py --data DIR --steps 3000 --batch 512 --out model.pth
    # continue (recipe, weights, optimizer and step counter from the state; --steps is the new total, over which
    # the learning rate now decays)
    torchrun --standalone --nproc_per_node 4 tools/train_ddp.py --data DIR --resume model.train.pt --steps 6000 \\
        --out model.pth

Rank 0 writes, each atomically: X.pth (a plain state_dict with ContextUnet's keys, the EMA weights when there is an
average; open it in the program or with tools/contextunet.py's load()), X.json (the sidecar: classes and recipe) and
X.train.pt (the resumable state). Bad options or data: a one-line message and exit status 2 (torchrun itself then
exits with 1). Debian's torch 1.13 on Python 3.11: torchrun fails with "'NoneType' object has no attribute 'get'";
add `--redirects 1 --tee 1` to its options (the output lines then start with the rank).
"""
import argparse
import collections
import copy
import datetime
import hashlib
import json
import math
import os
import pathlib
import random
import sys
import tempfile
import time

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import BatchSampler
from torch.utils.data.distributed import DistributedSampler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contextunet import ContextUnet  # noqa: E402  (the model, key for key the C++ one)

T = 500
STATE_FORMAT = "diffusion-explorer-train-state"
DEFAULTS = dict(batch=100, lr=1e-3, seed=0, n_feat=64, schedule="linear", loss="mse", min_snr_gamma=5.0,
                input_perturbation=0.0, warmup=0, context_keep=0.9, ema_half_life=0.0, augment=False)
# What --resume takes from the state, as the C++ trainer keeps a native checkpoint's recipe.
RECIPE = ("seed", "lr", "warmup", "loss", "min_snr_gamma", "input_perturbation", "ema_half_life", "context_keep",
          "augment", "n_feat", "schedule")


class InputError(Exception):
    """Bad options, data or state file: one line on stderr, exit status 2."""


class TrainingError(Exception):
    """The run cannot go on (a loss that is not finite): exit status 1."""


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog="torchrun commands: see the script's top.")
    a = p.add_argument
    a("--data", required=True, metavar="DIR", help="folder with images.npy, labels.npy and classes.json")
    a("--out", required=True, metavar="X.pth", help="state_dict to write; X.json and X.train.pt go beside it")
    a("--resume", metavar="X.train.pt", help="continue from this training state (keeping its recipe)")
    a("--steps", type=int, help="total optimisation steps (on --resume, default: the state's total)")
    a("--batch", type=int, help="global images per step, split evenly over the processes (default 100)")
    a("--lr", type=float, help="initial learning rate, decaying linearly to zero (default 0.001)")
    a("--warmup", type=int, help="raise the learning rate linearly over the first N steps (default 0)")
    a("--seed", type=int, help="seed of the weights, the batches and the noise (default 0)")
    a("--n-feat", type=int, help="width of the U-Net, a multiple of 8 (default 64, as in the course)")
    a("--schedule", choices=("linear", "cosine"), help="noise schedule (default linear, as in the course)")
    a("--loss", choices=("mse", "min-snr"), help="mse (the course) or min-snr (Min-SNR-γ weights)")
    a("--min-snr-gamma", type=float, help="γ of --loss min-snr (default 5)")
    a("--input-perturbation", type=float, help="DDPM-IP: x_t made with noise + X·(another noise) (default 0)")
    a("--context-keep", type=float, help="probability that a sample keeps its context (default 0.9)")
    a("--ema-half-life", "--ema", type=float, dest="ema_half_life",
      help="half-life of the weight average as a fraction of the images seen (default 0: none)")
    a("--augment", action="store_const", const=True, help="random horizontal flips of the training images")
    a("--backend", choices=("auto", "nccl", "gloo"), default="auto", help="auto: nccl with CUDA, else gloo")
    a("--log-every", type=int, default=0, help="progress line every N steps (default: every 1%% of the run)")
    a("--save-every", type=int, default=0, help="also write the outputs every N steps (default: at the end)")
    return p.parse_args(argv)


def check_args(args, world):
    """Fills in defaults (the state's recipe first on --resume) and checks the ranges the C++ trainer checks."""
    for key, value in DEFAULTS.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if not args.out.endswith(".pth"):
        raise InputError(f"--out must name a .pth file (got {args.out})")
    folder = os.path.dirname(os.path.abspath(args.out))
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
        raise InputError(f"cannot write into {folder}, the folder of --out")
    if args.steps is None:
        raise InputError("say how long to train: --steps N")
    if args.batch >= 1 and args.batch % world:
        raise InputError(f"--batch {args.batch} cannot be split evenly over {world} processes; give a "
                         f"multiple of {world}")
    if args.n_feat % 8:
        raise InputError(f"--n-feat must be a multiple of 8, because GroupNorm uses 8 groups (got {args.n_feat})")
    for name, ok in (("steps", args.steps >= 1), ("batch", args.batch >= 1), ("n_feat", 8 <= args.n_feat <= 512),
                     ("lr", 0 < args.lr < 1), ("warmup", args.warmup >= 0),
                     ("min_snr_gamma", 0 < args.min_snr_gamma <= 1000),
                     ("input_perturbation", 0 <= args.input_perturbation <= 1),
                     ("context_keep", 0 <= args.context_keep <= 1), ("ema_half_life", 0 <= args.ema_half_life <= 1),
                     ("log_every", args.log_every >= 0), ("save_every", args.save_every >= 0)):
        if not ok:
            raise InputError(f"--{name.replace('_', '-')} is out of range (got {getattr(args, name)})")


def load_state(path):
    try:
        # Our own file, with NumPy and Python random states inside: PyTorch 2.6 and later load only plain
        # tensors unless told otherwise (weights_only exists since 1.13).
        state = torch.load(path, map_location="cpu", weights_only=False)
    except Exception as e:  # torch.load raises many kinds for a file that is not one of ours
        raise InputError(f"cannot read the training state {path}: {e}")
    if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
        raise InputError(f"{path} is not a training state written by train_ddp.py")
    return state


def apply_recipe(args, state):
    """On --resume the state's recipe wins over the command line; --steps and --batch may change."""
    saved = state["args"]
    for key in RECIPE:
        given = getattr(args, key)
        if given is not None and given != saved[key] and os.environ.get("RANK", "0") == "0":
            print(f"note: --{key.replace('_', '-')} {given} ignored; the state's {saved[key]} is kept",
                  file=sys.stderr)
        setattr(args, key, saved[key])
    if args.steps is None:
        args.steps = state["total_steps"]
    if args.batch is None:
        args.batch = saved["batch"]
    if args.steps <= state["step"]:
        raise InputError(f"{args.resume} has already taken {state['step']} steps; ask for more with --steps")


def load_data(folder):
    """images (N, C, H, W) uint8, labels (N, classes) float32 and classes.json's names and data set name."""
    if not os.path.isdir(folder):
        raise InputError(f"--data {folder}: no such folder")

    def read(name, load):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            raise InputError(f"{path} is missing (--data needs images.npy, labels.npy and classes.json)")
        try:
            return load(path)
        except Exception as e:
            raise InputError(f"cannot read {path}: {e}")

    images, labels = (read(name, lambda p: np.load(p, allow_pickle=False)) for name in ("images.npy", "labels.npy"))
    meta = read("classes.json", lambda p: json.loads(pathlib.Path(p).read_text(encoding="utf-8")))
    if images.dtype != np.uint8 or images.ndim not in (3, 4):
        raise InputError(f"images.npy must be uint8 of shape (N, H, W, C); it is {images.dtype} {images.shape}")
    if images.ndim == 3:
        images = images[..., None]
    n, h, w, c = images.shape
    if n < 1 or not 1 <= c <= 4:
        raise InputError(f"images.npy has shape {images.shape}: need N >= 1 images of 1 to 4 channels")
    if h != w or h % 4 or not 16 <= h <= 256:
        raise InputError(f"the images are {h}x{w}; ContextUnet needs square images whose side is a multiple "
                         f"of 4 between 16 and 256")
    if labels.ndim != 2 or labels.shape[0] != n or not 1 <= labels.shape[1] <= 1000:
        raise InputError(f"labels.npy must have shape (N, classes) with N = {n} as images.npy has and 1 to "
                         f"1000 classes; it has shape {labels.shape}")
    if not np.issubdtype(labels.dtype, np.number) or not np.isfinite(labels).all():
        raise InputError(f"labels.npy must hold finite numbers (one-hot rows); it is {labels.dtype}")
    classes = meta.get("classes") if isinstance(meta, dict) else None
    if not isinstance(classes, list) or not all(isinstance(x, str) for x in classes):
        raise InputError("classes.json must be an object whose \"classes\" is a list of names")
    if len(classes) != labels.shape[1]:
        raise InputError(f"classes.json names {len(classes)} classes but labels.npy has {labels.shape[1]} columns")
    for key, actual in (("count", n), ("height", h), ("width", w), ("channels", c)):
        if key in meta and meta[key] != actual:
            raise InputError(f"classes.json says {key} {meta[key]}, but images.npy has {actual}")
    return dict(images=torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2))),
                labels=torch.from_numpy(labels.astype(np.float32)), classes=classes,
                dataset=str(meta.get("dataset", os.path.basename(os.path.abspath(folder)))),
                count=n, channels=c, height=h, width=w)


def alpha_bar(kind):
    """alpha-bar over t = 0..T, computed in double exactly as ScheduleTable::linear / ::cosine do."""
    def f(t):
        c = math.cos((t / T + 0.008) / (1.0 + 0.008) * math.pi / 2.0)
        return c * c

    values, product = [], 1.0
    for t in range(T + 1):
        if kind == "linear":
            beta = (0.02 - 1e-4) * t / T + 1e-4
        else:
            beta = 0.0 if t == 0 else min(1.0 - f(t) / f(t - 1), 0.999)
        product *= 1.0 - beta
        values.append(1.0 if kind == "linear" and t == 0 else product)
    return torch.tensor(values, dtype=torch.float64)


def learning_rate(args, step):
    """Trainer::currentLearningRate() for the step about to be taken (`step` steps done)."""
    progress = step / max(args.steps, 1)
    warm = min(1.0, (step + 1) / args.warmup) if args.warmup > 0 else 1.0
    return args.lr * warm * min(max(1.0 - progress, 0.0), 1.0)


@torch.no_grad()
def update_average(average, model, half_life, images_seen, batch):
    """EDM's rule: decay 0.5 ^ (batch / (half-life · images seen)); buffers (BatchNorm statistics) copied."""
    decay = 0.5 ** (batch / max(half_life * images_seen, 1e-8))
    for a, p in zip(average.parameters(), model.parameters()):
        a.mul_(decay).add_(p.detach(), alpha=1.0 - decay)
    for a, b in zip(average.buffers(), model.buffers()):
        a.copy_(b)
    return decay


def cpu_state(module):
    """The state_dict on the CPU, an OrderedDict with ContextUnet's keys, as torch.save(model.state_dict())."""
    return collections.OrderedDict((k, v.detach().cpu()) for k, v in module.state_dict().items())


def atomic_write(path, write):
    """Writes through `write(file)` to a temporary file beside `path`, then renames it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp",
                               dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def weights_digest(module):
    """SHA-256 of the parameters: the same on every rank, or DDP went wrong."""
    h = hashlib.sha256()
    for p in module.parameters():
        h.update(p.detach().cpu().numpy().tobytes())
    return h.hexdigest()


def setup(args, data, state, rank, world, device):
    """The model (wrapped in DDP), Adam, the weight average (rank 0) and this rank's noise generator."""
    torch.manual_seed(args.seed)  # every rank builds the same weights; DDP also broadcasts rank 0's
    net = ContextUnet(data["channels"], args.n_feat, data["labels"].shape[1], data["height"])
    if state:
        net.load_state_dict(state["model"])
    net.to(device).train()
    ddp = DistributedDataParallel(net, device_ids=[device.index] if device.type == "cuda" else None)
    opt = torch.optim.Adam(ddp.parameters(), lr=args.lr)
    average = None
    if args.ema_half_life > 0 and rank == 0:  # the weights are the same on every rank: one average will do
        average = copy.deepcopy(net).eval().requires_grad_(False)
        if state and state["ema"]:
            average.load_state_dict(state["ema"])
    gen = torch.Generator(device=device)
    # trainer.cpp's makeGenerator() seed, moved along for ranks other than 0
    gen.manual_seed((args.seed * 0x9E3779B97F4A7C15 + (state["step"] if state else 0)
                     + rank * 0xD1B54A32D192ED03) % 2 ** 64)
    if state:
        opt.load_state_dict(state["optimizer"])
        if state["world_size"] == world:  # the same noise as an uninterrupted run
            gen.set_state(state["generators"][rank])
        torch.set_rng_state(state["rng"]["torch"])
        np.random.set_state(state["rng"]["numpy"])
        random.setstate(state["rng"]["python"])
    return net, ddp, opt, average, gen


def losses(ddp, args, ab, x0, context, gen):
    """trainer.cpp's step up to backward(): (the loss to minimise, the plain MSE)."""
    b, f32 = x0.shape[0], dict(device=x0.device, dtype=torch.float32)
    # Drawn in trainer.cpp's order: noise, t, the perturbation, the context mask (then this script's flips).
    noise = torch.randn(x0.shape, generator=gen, **f32)
    t = torch.randint(1, T + 1, (b,), generator=gen, device=x0.device)
    abt = ab.index_select(0, t).float().view(b, 1, 1, 1)
    perturbed = noise
    if args.input_perturbation > 0:
        perturbed = noise + args.input_perturbation * torch.randn(x0.shape, generator=gen, **f32)
    keep = torch.bernoulli(torch.full((b, 1), args.context_keep, **f32), generator=gen)
    if args.augment:
        flip = torch.rand(b, generator=gen, **f32) < 0.5
        x0 = torch.where(flip.view(b, 1, 1, 1), x0.flip(3), x0)
    xt = abt.sqrt() * x0 + (1.0 - abt).sqrt() * perturbed
    per_sample = (ddp(xt, t.float() / T, context * keep) - noise).square().mean((1, 2, 3))
    mse = per_sample.mean()
    if args.loss == "mse":
        return mse, mse
    snr = ab.index_select(0, t) / (1.0 - ab.index_select(0, t))
    return (per_sample * (snr.clamp_max(args.min_snr_gamma) / snr).float()).mean(), mse


def save(args, data, net, opt, average, gen, world, backend, step, last_loss, speed):
    """Called on every rank: checks that the ranks agree, then rank 0 writes X.train.pt, X.pth and X.json."""
    generators, digests = [None] * world, [None] * world
    dist.all_gather_object(generators, gen.get_state())
    dist.all_gather_object(digests, weights_digest(net))
    if len(set(digests)) != 1:  # every rank sees the same list, so all stop together
        raise TrainingError(f"the ranks' weights differ at step {step}: {digests}")
    if dist.get_rank() == 0:
        base = args.out[:-len(".pth")]
        train_state = dict(
            format=STATE_FORMAT, version=1, step=step, total_steps=args.steps, model=cpu_state(net),
            ema=cpu_state(average) if average is not None else None, optimizer=opt.state_dict(),
            rng=dict(torch=torch.get_rng_state(), numpy=np.random.get_state(), python=random.getstate()),
            generators=generators, world_size=world, args=vars(args), last_loss=last_loss)
        sidecar = {
            "format": "diffusion-explorer-sidecar", "version": 1, "classes": data["classes"],
            "dataset": data["dataset"], "channels": data["channels"], "height": data["height"],
            "width": data["width"], "n_feat": args.n_feat, "n_cfeat": data["labels"].shape[1],
            "schedule": args.schedule, "timesteps": T, "steps": step, "batch": args.batch, "lr": args.lr,
            "seed": args.seed, "loss_weighting": args.loss, "min_snr_gamma": args.min_snr_gamma,
            "input_perturbation": args.input_perturbation, "warmup": args.warmup,
            "context_keep": args.context_keep, "ema_half_life": args.ema_half_life,
            "ema_decay": 0.5 ** (1.0 / (args.ema_half_life * step)) if average is not None and step else 0.0,
            "weights": "ema" if average is not None else "raw", "world_size": world, "backend": backend,
            "last_loss": last_loss, "images_per_second": round(speed, 1),
            "saved_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
        atomic_write(base + ".train.pt", lambda f: torch.save(train_state, f))
        atomic_write(args.out, lambda f: torch.save(cpu_state(average if average is not None else net), f))
        atomic_write(base + ".json", lambda f: f.write(
            (json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n").encode("utf-8")))
    dist.barrier()  # the other ranks wait until the files are complete


def train(args, data, state, rank, world, backend, device):
    random.seed(args.seed)
    np.random.seed(args.seed % 2 ** 32)
    net, ddp, opt, average, gen = setup(args, data, state, rank, world, device)
    start = step = state["step"] if state else 0
    if state and rank == 0:
        print(f"resumed at step {start} of {args.steps} from {args.resume}", flush=True)
    images, labels = data["images"].to(device), data["labels"].to(device)
    ab = alpha_bar(args.schedule).to(device)
    sampler = DistributedSampler(range(data["count"]), world, rank, shuffle=True, seed=args.seed, drop_last=True)
    batches = BatchSampler(sampler, args.batch // world, drop_last=True)
    epoch, skip = divmod(start, len(batches))  # a resumed run goes on in the middle of its epoch
    every = args.log_every or max(1, args.steps // 100)
    last_loss, window, window_steps = float("nan"), 0.0, 0
    began = window_began = time.perf_counter()
    while step < args.steps:
        sampler.set_epoch(epoch)
        for i, indices in enumerate(batches):
            if i < skip:
                continue
            if step >= args.steps:
                break
            for group in opt.param_groups:
                group["lr"] = learning_rate(args, step)
            indices = torch.as_tensor(indices, device=device)
            x0 = images.index_select(0, indices).float() / 127.5 - 1.0
            opt.zero_grad(set_to_none=True)
            loss, mse = losses(ddp, args, ab, x0, labels.index_select(0, indices), gen)
            reported = mse.detach().clone()
            dist.all_reduce(reported)  # the plain MSE of the global batch: for the log and the finite check
            loss.backward()
            value = reported.item() / world
            if not math.isfinite(value):
                raise TrainingError(f"the loss became {value} at step {step + 1}; the weights were left as "
                                    f"they were before that step and nothing more was written. Try a lower "
                                    f"learning rate.")
            opt.step()
            step += 1
            last_loss, window, window_steps = value, window + value, window_steps + 1
            if average is not None:
                update_average(average, net, args.ema_half_life, step * args.batch, args.batch)
            if rank == 0 and (step % every == 0 or step == args.steps):
                now = time.perf_counter()
                print(f"step {step}/{args.steps}  loss {window / window_steps:.4f}  "
                      f"lr {learning_rate(args, step - 1):.3g}  "
                      f"{window_steps * args.batch / (now - window_began):.1f} images/s", flush=True)
                window, window_steps, window_began = 0.0, 0, now
            if args.save_every and step % args.save_every == 0 and step < args.steps:
                speed = (step - start) * args.batch / (time.perf_counter() - began)
                save(args, data, net, opt, average, gen, world, backend, step, last_loss, speed)
        epoch, skip = epoch + 1, 0
    seconds = time.perf_counter() - began
    speed = (step - start) * args.batch / seconds
    save(args, data, net, opt, average, gen, world, backend, step, last_loss, speed)
    if rank == 0:
        agree = f"; the weights agree on all {world} ranks" if world > 1 else ""
        print(f"done: steps {start}..{step} ({(step - start) * args.batch} images) in {seconds:.2f} s, "
              f"{speed:.1f} images/s{agree}", flush=True)
        print(f"wrote {args.out} ({'ema' if average is not None else 'raw'} weights), "
              f"{args.out[:-len('.pth')]}.json, {args.out[:-len('.pth')]}.train.pt", flush=True)


def main(argv=None):
    args = parse_args(argv)
    launched = "RANK" in os.environ and "WORLD_SIZE" in os.environ  # started by torchrun
    rank, world = int(os.environ.get("RANK", 0)), int(os.environ.get("WORLD_SIZE", 1))
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    try:  # everything that can be wrong with the input, checked before any rank waits for the others
        cuda = torch.cuda.is_available()
        backend = args.backend if args.backend != "auto" else ("nccl" if cuda else "gloo")
        if backend == "nccl" and not cuda:
            raise InputError("--backend nccl needs CUDA, which this machine lacks; use gloo")
        if cuda and local_rank >= torch.cuda.device_count():
            raise InputError(f"local rank {local_rank}, but there are only {torch.cuda.device_count()} GPUs; "
                             f"lower --nproc_per_node")
        state = load_state(args.resume) if args.resume else None
        if state:
            apply_recipe(args, state)
        check_args(args, world)
        data = load_data(args.data)
        if state:
            m = state["model"]
            shape = (m["init_conv.conv1.0.weight"].shape[1], m["contextembed1.model.0.weight"].shape[1],
                     m["up0.0.weight"].shape[2] * 4)
            if shape != (data["channels"], data["labels"].shape[1], data["height"]):
                raise InputError(f"{args.resume} holds a model of (channels, classes, side) {shape}, which "
                                 f"does not fit {args.data}")
        if data["count"] // world < args.batch // world:
            raise InputError(f"{data['count']} images make {data['count'] // world} for each of {world} "
                             f"processes, fewer than a batch of {args.batch // world}; lower --batch")
    except InputError as e:
        if local_rank == 0:  # one message a machine
            print(f"train_ddp.py: error: {e}", file=sys.stderr)
        return 2
    device = torch.device("cuda", local_rank) if cuda else torch.device("cpu")
    if cuda:
        torch.cuda.set_device(device)
        torch.backends.cudnn.benchmark = True
    if launched:
        dist.init_process_group(backend)
    else:  # a plain `python3 train_ddp.py`: a group of one, so that the code is the same
        dist.init_process_group(backend, store=dist.HashStore(), rank=0, world_size=1)
    if rank == 0:
        print(f"world size {world}", flush=True)
    try:
        train(args, data, state, rank, world, backend, device)
    except TrainingError as e:
        if rank == 0:
            print(f"train_ddp.py: error: {e}", file=sys.stderr)
        return 1
    finally:
        dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    sys.exit(main())
