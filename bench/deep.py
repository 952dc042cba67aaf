"""The network of native/resnet.h in PyTorch, timed on the same batches as
bench/deep.mjs (run by it when python3 can import torch).

Usage: python3 bench/deep.py <2d|3d> <batch> <size> <threads> <steps> <stemMaxPool 0|1>
Prints one JSON line: {"stepsMs": [one time per timed step], "torch": ...}.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def layers(dims):
    if dims == 3:
        return nn.Conv3d, nn.BatchNorm3d, nn.MaxPool3d
    return nn.Conv2d, nn.BatchNorm2d, nn.MaxPool2d


class BasicBlock(nn.Module):
    def __init__(self, dims, cin, cout, stride):
        super().__init__()
        conv, bn, _ = layers(dims)
        self.conv1 = conv(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = bn(cout)
        self.conv2 = conv(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = bn(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(conv(cin, cout, 1, stride, bias=False), bn(cout))

    def forward(self, x):
        identity = self.downsample(x) if self.downsample is not None else x
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + identity)


class ResNet18(nn.Module):
    def __init__(self, dims, cin=1, widths=(32, 64, 128, 256), classes=2, stem_max_pool=False):
        super().__init__()
        conv, bn, pool = layers(dims)
        self.conv1 = conv(cin, widths[0], 7, 2, 3, bias=False)
        self.bn1 = bn(widths[0])
        self.maxpool = pool(3, 2, 1) if stem_max_pool else None
        stages, cprev = [], widths[0]
        for s, w in enumerate(widths):
            stride = 1 if s == 0 else 2
            stages.append(nn.Sequential(BasicBlock(dims, cprev, w, stride), BasicBlock(dims, w, w, 1)))
            cprev = w
        self.stages = nn.ModuleList(stages)
        self.fc = nn.Linear(cprev, classes, bias=False)

    def feature_maps(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        if self.maxpool is not None:
            x = self.maxpool(x)
        for stage in self.stages:
            x = stage(x)
        return x


def train_step(net, opt, x, masks, y, gamma=2.0, dice_weight=0.05):
    net.train()
    opt.zero_grad()
    maps = net.feature_maps(x)
    spatial = list(range(2, maps.dim()))
    logits = net.fc(maps.mean(spatial))
    log_pt = F.log_softmax(logits, 1).gather(1, y.unsqueeze(1)).squeeze(1)
    focal = (-(1 - log_pt.exp()) ** gamma * log_pt).mean()
    w = net.fc.weight.index_select(0, y) - net.fc.weight.index_select(0, 1 - y)
    w = w.view(*y.shape, -1, *([1] * len(spatial)))
    cam = F.relu((maps * w).sum(1, keepdim=True))
    flat = cam.flatten(1)
    stat = [x.shape[0], 1] + [1] * len(spatial)
    low, high = flat.min(1).values.view(stat), flat.max(1).values.view(stat)
    cam = (cam - low) / (high - low + 1e-6)
    mode = "trilinear" if len(spatial) == 3 else "bilinear"
    cam = F.interpolate(cam, size=masks.shape[2:], mode=mode, align_corners=False)
    overlap = (cam * masks).flatten(1).sum(1)
    total = cam.flatten(1).sum(1) + masks.flatten(1).sum(1)
    dice = (1 - (2 * overlap + 1) / (total + 1)).mean()
    loss = focal + dice_weight * dice
    loss.backward()
    opt.step()
    return loss.item()


def main():
    kind, batch, size, threads, steps, stem_max_pool = sys.argv[1:7]
    dims = 3 if kind == "3d" else 2
    batch, size, threads, steps = int(batch), int(size), int(threads), int(steps)
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = ResNet18(dims, stem_max_pool=stem_max_pool == "1")
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, betas=(0.9, 0.999), weight_decay=0.01)
    shape = [batch, 1] + [size] * dims
    x = torch.rand(shape)
    masks = (torch.rand(shape) > 0.5).float()
    y = torch.arange(batch) % 2
    train_step(net, opt, x, masks, y)  # warm-up
    steps_ms = []
    for _ in range(steps):
        started = time.perf_counter()
        train_step(net, opt, x, masks, y)
        steps_ms.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"stepsMs": steps_ms, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
