#!/usr/bin/env python3
"""Trains a CNN image embedding for `deq` by self-supervised contrastive learning (SimCLR, Chen et al. 2020)
on an archive's own images, without labels, and writes it as an ONNX model for the `cnn:model=FILE` descriptor.

The network is a ResNet-18 layout at half width (2.8 M parameters, 256-d embedding: the mean of the last block's
non-negative activations). Input: RGB in [0, 1], any size; the model normalises internally. The ONNX metadata
key `deq.size` records the square input size it was trained at, which `deq` uses unless the spec overrides it.

It reads RGB image files (.jpg/.png/.tif) and holds them all in memory at --size (2,100 images at 192 px: 0.9 GB as
float32 on the GPU): for a larger archive, point --images at a sample of it.

Needs PyTorch, torchvision, Pillow and NumPy (onnxruntime, if present, checks the export). A GPU is used when
there is one; on one H100, 270 s of training reached the plateau on UC Merced (2,100 images).

    python3 scripts/train-simclr.py --images ../shared/data/uc-merced-landuse/Images --out ucm-simclr.onnx
"""
import argparse, glob, math, os, sys, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torchvision.ops import roi_align

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


class Block(nn.Module):
    """Basic residual block: two 3x3 convolutions, projection shortcut when the shape changes."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.skip = None if stride == 1 and cin == cout else nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        h = self.b2(self.c2(F.relu(self.b1(self.c1(x)))))
        return F.relu(h + (x if self.skip is None else self.skip(x)))


class Embedder(nn.Module):
    """ResNet-18 layout at half width; RGB in [0, 1] to a non-negative embedding (global mean pooling)."""

    def __init__(self, widths=(32, 64, 128, 256)):
        super().__init__()
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(STD).view(1, 3, 1, 1))
        self.stem = nn.Sequential(nn.Conv2d(3, widths[0], 5, 2, 2, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU())
        layers, cin = [], widths[0]
        for i, cout in enumerate(widths):
            layers += [Block(cin, cout, 1 if i == 0 else 2), Block(cout, cout, 1)]
            cin = cout
        self.layers = nn.Sequential(*layers)
        self.dim = widths[-1]

    def forward(self, x):
        return self.layers(self.stem((x - self.mean) / self.std)).mean(dim=(2, 3))


def load_images(folder, size):
    paths = sorted(p for p in glob.glob(os.path.join(folder, "**", "*"), recursive=True)
                   if p.lower().endswith((".jpg", ".jpeg", ".png", ".tif", ".tiff")))
    if not paths:
        sys.exit(f"train-simclr: error: no .jpg/.png/.tif images under {folder}")
    images, skipped = [], 0
    for p in paths:
        try:
            im = Image.open(p).convert("RGB")
        except Exception as e:  # one bad file never stops the run
            print(f"skipped {p}: {e}", file=sys.stderr)
            skipped += 1
            continue
        images.append(np.asarray(im.resize((size, size), Image.BICUBIC, reducing_gap=3.0)))
    print(f"{len(images)} images at {size}x{size} from {folder} ({skipped} skipped)", flush=True)
    return torch.from_numpy(np.stack(images)).permute(0, 3, 1, 2).contiguous()


def augment(x, out, gen):
    """Per-image random resized crop (20-100 % of the area), flips, transposition, colour jitter, greyscale."""
    b, s, dev = x.shape[0], x.shape[-1], x.device
    u = lambda lo, hi, *shape: torch.empty(*(shape or (b,)), device=dev).uniform_(lo, hi, generator=gen)
    area = u(0.2, 1.0) * s * s
    aspect = torch.exp(u(math.log(3 / 4), math.log(4 / 3)))
    w = torch.sqrt(area * aspect).clamp(16, s)
    h = torch.sqrt(area / aspect).clamp(16, s)
    x0, y0 = u(0, 1) * (s - w), u(0, 1) * (s - h)
    boxes = torch.stack([torch.arange(b, device=dev, dtype=torch.float), x0, y0, x0 + w, y0 + h], 1)
    v = roi_align(x, boxes, (out, out), 1.0, 2, True)
    for op in (lambda t: t.flip(3), lambda t: t.flip(2), lambda t: t.transpose(2, 3)):
        v = torch.where((u(0, 1) < 0.5)[:, None, None, None], op(v), v)
    on = (u(0, 1, b, 1, 1, 1) < 0.8).float()
    v = v * (1 + on * u(-0.4, 0.4, b, 1, 1, 1))
    m = v.mean(dim=(1, 2, 3), keepdim=True)
    v = (v - m) * (1 + on * u(-0.4, 0.4, b, 1, 1, 1)) + m
    g = 0.299 * v[:, 0:1] + 0.587 * v[:, 1:2] + 0.114 * v[:, 2:3]
    v = (v - g) * (1 + on * u(-0.4, 0.4, b, 1, 1, 1)) + g
    v = torch.where(u(0, 1, b, 1, 1, 1) < 0.2, g.expand_as(v), v)
    return v.clamp(0, 1).contiguous(memory_format=torch.channels_last)


def export(net, path, size, note):
    model = Embedder().eval()
    model.load_state_dict({k: v.float().cpu() for k, v in net.state_dict().items()})
    example = torch.rand(2, 3, size, size)
    torch.onnx.export(model, example, path, input_names=["image"], output_names=["embedding"], opset_version=17,
                      dynamic_axes={"image": {0: "n", 2: "h", 3: "w"}, "embedding": {0: "n"}}, dynamo=False)
    import onnx
    m = onnx.load(path)
    for k, v in (("deq.size", str(size)), ("deq.training", note)):
        p = m.metadata_props.add()
        p.key, p.value = k, v
    onnx.save(m, path)
    try:
        import onnxruntime as ort
        got = ort.InferenceSession(path, providers=["CPUExecutionProvider"]).run(None, {"image": example.numpy()})[0]
        with torch.no_grad():
            want = model(example).numpy()
        print(f"wrote {path} ({os.path.getsize(path)} bytes); onnxruntime max |diff| {np.abs(got - want).max():.2e}")
    except ImportError:
        print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", required=True, help="folder of .jpg/.png/.tif images, searched recursively")
    ap.add_argument("--out", required=True, help="ONNX file to write")
    ap.add_argument("--size", type=int, default=192, help="square size images are resized to (default 192)")
    ap.add_argument("--crop", type=int, default=128, help="size of the random crops trained on (default 128)")
    ap.add_argument("--seconds", type=float, default=300, help="training time (default 300)")
    ap.add_argument("--batch", type=int, default=512, help="images per step, two views each (default 512)")
    ap.add_argument("--temperature", type=float, default=0.2)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    gen = torch.Generator(device=dev).manual_seed(a.seed)
    x = load_images(a.images, a.size).to(dev).float().div_(255)
    n, batch = x.shape[0], min(a.batch, x.shape[0])
    net = Embedder().to(dev).to(memory_format=torch.channels_last)
    head = nn.Sequential(nn.Linear(net.dim, 1024), nn.BatchNorm1d(1024), nn.ReLU(), nn.Linear(1024, 128)).to(dev)
    opt = torch.optim.AdamW(list(net.parameters()) + list(head.parameters()), lr=a.lr, weight_decay=1e-4)
    targets = torch.cat([torch.arange(batch, 2 * batch), torch.arange(0, batch)]).to(dev)
    print(f"training {sum(p.numel() for p in net.parameters())} parameters on {dev} for {a.seconds:.0f} s", flush=True)
    t0, step, last = time.time(), 0, 0.0
    while (elapsed := time.time() - t0) < a.seconds:
        # warm-up over 20 s, then cosine decay to zero at the time limit
        lr = a.lr * min(1.0, elapsed / 20) * 0.5 * (1 + math.cos(math.pi * elapsed / a.seconds))
        for group in opt.param_groups:
            group["lr"] = lr
        perm = torch.randperm(n, device=dev, generator=gen)
        for i in range(0, n - batch + 1, batch):
            xb = x[perm[i:i + batch]]
            with torch.autocast(dev, torch.bfloat16):
                z = head(net(torch.cat([augment(xb, a.crop, gen), augment(xb, a.crop, gen)])))
            z = F.normalize(z.float(), dim=1)
            sim = (z @ z.T / a.temperature).fill_diagonal_(-1e9)
            loss = F.cross_entropy(sim, targets)  # NT-Xent: each view's positive is its twin
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
        if elapsed - last >= 15:
            print(f"{elapsed:5.0f} s  step {step}  loss {loss.item():.3f}  lr {lr:.1e}", flush=True)
            last = elapsed
    note = f"SimCLR on {n} images from {os.path.basename(os.path.normpath(a.images))}, {step} steps of {batch}, seed {a.seed}"
    print(note, flush=True)
    export(net, a.out, a.size, note)


if __name__ == "__main__":
    main()
