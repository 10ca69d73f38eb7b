#!/usr/bin/python3
"""ContextUnet in PyTorch, key for key the layout of Diffusion Explorer's C++ model, for models exported with
`diffusion-explorer-cli export CHECKPOINT OUT.pth`.

    import torch, contextunet
    model = contextunet.load("model.pth")            # configuration read from the tensor shapes
    x = contextunet.sample_ddim(model, torch.randn(4, 3, 16, 16), torch.eye(5)[[0, 1, 2, 3]], steps=25)

Unlike the course, the 1x1 shortcut of init_conv is a registered, trained submodule (init_conv.shortcut).
With course_shortcut=True the module behaves as the course's does: no init_conv.shortcut keys, and a freshly
initialised 1x1 convolution (drawn from torch's global generator) on every forward pass. load() picks the mode from
the keys it finds.
"""
import torch
import torch.nn as nn

T = 500


class ResidualConvBlock(nn.Module):
    def __init__(self, cin, cout, is_res=False, course_shortcut=False):
        super().__init__()
        self.is_res, self.same, self.course_shortcut = is_res, cin == cout, course_shortcut
        self.conv1 = nn.Sequential(nn.Conv2d(cin, cout, 3, 1, 1), nn.BatchNorm2d(cout), nn.GELU())
        self.conv2 = nn.Sequential(nn.Conv2d(cout, cout, 3, 1, 1), nn.BatchNorm2d(cout), nn.GELU())
        if is_res and not self.same and not course_shortcut:
            self.shortcut = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        x2 = self.conv2(self.conv1(x))
        if not self.is_res:
            return x2
        if self.same:
            return (x + x2) / 1.414
        if self.course_shortcut:  # what the course does: a new, untrained 1x1 convolution on every call
            return (nn.Conv2d(x.shape[1], x2.shape[1], 1).to(x.device)(x) + x2) / 1.414
        return (self.shortcut(x) + x2) / 1.414


class UnetDown(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.model = nn.Sequential(ResidualConvBlock(cin, cout), ResidualConvBlock(cout, cout), nn.MaxPool2d(2))

    def forward(self, x):
        return self.model(x)


class UnetUp(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.model = nn.Sequential(nn.ConvTranspose2d(cin, cout, 2, 2), ResidualConvBlock(cout, cout),
                                   ResidualConvBlock(cout, cout))

    def forward(self, x, skip):
        return self.model(torch.cat((x, skip), 1))


class EmbedFC(nn.Module):
    def __init__(self, din, demb):
        super().__init__()
        self.din = din
        self.model = nn.Sequential(nn.Linear(din, demb), nn.GELU(), nn.Linear(demb, demb))

    def forward(self, x):
        return self.model(x.reshape(-1, self.din))


class ContextUnet(nn.Module):
    def __init__(self, in_channels=3, n_feat=64, n_cfeat=5, height=16, course_shortcut=False):
        super().__init__()
        self.in_channels, self.n_feat, self.n_cfeat, self.height = in_channels, n_feat, n_cfeat, height
        self.init_conv = ResidualConvBlock(in_channels, n_feat, is_res=True, course_shortcut=course_shortcut)
        self.down1 = UnetDown(n_feat, n_feat)
        self.down2 = UnetDown(n_feat, 2 * n_feat)
        self.to_vec = nn.Sequential(nn.AvgPool2d(4), nn.GELU())
        self.timeembed1 = EmbedFC(1, 2 * n_feat)
        self.timeembed2 = EmbedFC(1, n_feat)
        self.contextembed1 = EmbedFC(n_cfeat, 2 * n_feat)
        self.contextembed2 = EmbedFC(n_cfeat, n_feat)
        self.up0 = nn.Sequential(nn.ConvTranspose2d(2 * n_feat, 2 * n_feat, height // 4, height // 4),
                                 nn.GroupNorm(8, 2 * n_feat), nn.ReLU())
        self.up1 = UnetUp(4 * n_feat, n_feat)
        self.up2 = UnetUp(2 * n_feat, n_feat)
        self.out = nn.Sequential(nn.Conv2d(2 * n_feat, n_feat, 3, 1, 1), nn.GroupNorm(8, n_feat), nn.ReLU(),
                                 nn.Conv2d(n_feat, in_channels, 3, 1, 1))

    def forward(self, x, t, c=None):
        """x: (B, C, H, W); t: B times in [0, 1]; c: (B, n_cfeat) context or None for zeros."""
        x = self.init_conv(x)
        d1 = self.down1(x)
        d2 = self.down2(d1)
        hidden = self.to_vec(d2)
        if c is None:
            c = torch.zeros(x.shape[0], self.n_cfeat, dtype=x.dtype)
        f = self.n_feat
        t = t.reshape(-1, 1).to(x.dtype)
        u1 = self.up0(hidden)
        u2 = self.up1(self.contextembed1(c).view(-1, 2 * f, 1, 1) * u1 + self.timeembed1(t).view(-1, 2 * f, 1, 1), d2)
        u3 = self.up2(self.contextembed2(c).view(-1, f, 1, 1) * u2 + self.timeembed2(t).view(-1, f, 1, 1), d1)
        return self.out(torch.cat((u3, x), 1))


def config_of(state):
    """(in_channels, n_feat, n_cfeat, height) read from a state_dict's tensor shapes."""
    w = state["init_conv.conv1.0.weight"]
    return w.shape[1], w.shape[0], state["contextembed1.model.0.weight"].shape[1], state["up0.0.weight"].shape[2] * 4


def load(path):
    state = torch.load(path)
    model = ContextUnet(*config_of(state), course_shortcut="init_conv.shortcut.weight" not in state)
    model.load_state_dict(state, strict=True)
    return model.eval()


def alpha_bar(timesteps=T, beta1=1e-4, beta2=0.02):
    beta = (beta2 - beta1) * torch.linspace(0, 1, timesteps + 1, dtype=torch.float64) + beta1
    ab = torch.cumprod(1 - beta, 0)
    ab[0] = 1
    return ab


@torch.no_grad()
def sample_ddim(model, x, context, steps=25):
    """Deterministic DDIM (eta = 0) from the noise x, visiting t = round(T k / steps) for k = steps .. 0."""
    ab = alpha_bar()
    ts = [round(T * k / steps) for k in range(steps, -1, -1)]
    for t, t_prev in zip(ts[:-1], ts[1:]):
        eps = model(x, torch.full((x.shape[0],), t / T), context)
        a, a_prev = ab[t].item(), ab[t_prev].item()
        x0 = (x - (1 - a) ** 0.5 * eps) / a ** 0.5
        x = a_prev ** 0.5 * x0 + (1 - a_prev) ** 0.5 * eps
    return x
