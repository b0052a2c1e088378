"""insightface's IResNet (arcface_torch iresnet50 / iresnet100) and the two
networks of the paper built on the iresnet50 trunk (method §3.3-§3.5),
rebuilt with the parameter names of their checkpoints.

Trunk (112x112 RGB, (x/255 - 0.5)/0.5):
  conv1 3x3/1 (64) - bn1 - prelu
  layer1..layer4: IBasicBlocks [3, 4, 14, 3] (r50) or [3, 13, 30, 3] (r100),
                  each layer starts with stride 2; a block is
                  bn1 - conv1 3x3 - bn2 - prelu - conv2 3x3 (stride) - bn3, + identity
                  (identity = downsample: 1x1 conv (stride) + BN where shapes change)
  bn2 - flatten (512*7*7) - dropout (p=0) - fc 25088 -> 512 - features (BatchNorm1d)
The 512-d BatchNorm1d output is the embedding ("backbone.pth" of
arcface_torch, fp16=False at inference: everything here runs in float32).

Heads:
  insightface backbone.pth     none: the embedding is the output
  vggface2-arc.pth             weight [8631, 512]: cosine classifier
                               normalize(x) . normalize(weight)^T, no scale
  vggface-evidential.pth       fc2: Linear(512, 8631), raw evidential logits z

Grad-CAM target: layer4.2.conv2, the last block's second conv before bn3 and
the identity add (method §2.3).
"""

from typing import List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

DEPTHS = {"iresnet50": (3, 4, 14, 3), "iresnet100": (3, 13, 30, 3)}
EMBEDDING = 512
FC_SCALE = 7 * 7
VGGFACE2_CLASSES = 8631
TARGET_LAYER = "layer4.2.conv2"


def _conv3x3(inplanes, planes, stride=1):
    return nn.Conv2d(inplanes, planes, kernel_size=3, stride=stride, padding=1, bias=False)


class IBasicBlock(nn.Module):
    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: Optional[nn.Module] = None):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes, eps=1e-05)
        self.conv1 = _conv3x3(inplanes, planes)
        self.bn2 = nn.BatchNorm2d(planes, eps=1e-05)
        self.prelu = nn.PReLU(planes)
        self.conv2 = _conv3x3(planes, planes, stride)
        self.bn3 = nn.BatchNorm2d(planes, eps=1e-05)
        self.downsample = downsample

    def forward(self, x: Tensor) -> Tensor:
        # The original block, step by step.
        identity = x
        out = self.bn1(x)
        out = self.conv1(out)
        out = self.bn2(out)
        out = self.prelu(out)
        out = self.conv2(out)
        out = self.bn3(out)
        if self.downsample is not None:
            identity = self.downsample(x)
        return out + identity

    def split(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        """(conv2 output, identity)."""
        out = self.prelu(self.bn2(self.conv1(self.bn1(x))))
        identity = x
        if self.downsample is not None:
            identity = self.downsample(x)
        return self.conv2(out), identity

    def join(self, f: Tensor, identity: Tensor) -> Tensor:
        return self.bn3(f) + identity


class IResNet(nn.Module):
    """The trunk and the 512-d embedding; forward gives the embedding, as
    arcface_torch's backbone does."""

    def __init__(self, layers=DEPTHS["iresnet50"]):
        super().__init__()
        self.inplanes = 64
        self.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(64, eps=1e-05)
        self.prelu = nn.PReLU(64)
        self.layer1 = self._make_layer(64, layers[0], 2)
        self.layer2 = self._make_layer(128, layers[1], 2)
        self.layer3 = self._make_layer(256, layers[2], 2)
        self.layer4 = self._make_layer(512, layers[3], 2)
        self.bn2 = nn.BatchNorm2d(512, eps=1e-05)
        self.dropout = nn.Dropout(p=0.0)
        self.fc = nn.Linear(512 * FC_SCALE, EMBEDDING)
        self.features = nn.BatchNorm1d(EMBEDDING, eps=1e-05)

    def _make_layer(self, planes, blocks, stride):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(planes, eps=1e-05))
        layers = [IBasicBlock(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes
        for _ in range(1, blocks):
            layers.append(IBasicBlock(self.inplanes, planes))
        return nn.Sequential(*layers)

    def embed(self, x: Tensor) -> Tensor:
        x = self.prelu(self.bn1(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = self.bn2(x)
        x = torch.flatten(x, 1)
        x = self.dropout(x)
        return self.features(self.fc(x))

    def forward(self, x: Tensor) -> Tensor:
        return self.embed(x)

    def contract(self) -> "IResNetContract":
        return IResNetContract(self, [])


class CosineHead(nn.Module):
    """cos(x, w_c) for every class c: normalize(x) . normalize(weight)^T."""

    def __init__(self, weight: nn.Parameter):
        super().__init__()
        self.weight = weight

    def forward(self, x: Tensor) -> Tensor:
        return F.linear(F.normalize(x), F.normalize(self.weight))


class VGGFace2ArcIResNet(IResNet):
    """models/vggface_arcface.py's iresnet50_arcface(people_num=8631): the
    trunk plus a cosine classifier without scale; forward gives the cosines."""

    def __init__(self, layers=DEPTHS["iresnet50"], classes: int = VGGFACE2_CLASSES):
        super().__init__(layers)
        self.weight = nn.Parameter(torch.empty(classes, EMBEDDING))
        nn.init.xavier_uniform_(self.weight)

    def forward(self, x: Tensor) -> Tensor:
        x = self.embed(x)
        return F.linear(F.normalize(x), F.normalize(self.weight))

    def contract(self) -> "IResNetContract":
        return IResNetContract(self, [CosineHead(self.weight)])


class EvidentialIResNet(IResNet):
    """models/iresnet_edl.py's iresnet50(people_num=8631): the trunk plus
    fc2 = Linear(512, 8631); forward gives the raw logits z, whose evidence is
    ReLU(z) (method §3.5)."""

    def __init__(self, layers=DEPTHS["iresnet50"], classes: int = VGGFACE2_CLASSES):
        super().__init__(layers)
        self.fc2 = nn.Linear(EMBEDDING, classes)

    def forward(self, x: Tensor) -> Tensor:
        return self.fc2(self.embed(x))

    def contract(self) -> "IResNetContract":
        return IResNetContract(self, [self.fc2])


class IResNetContract(nn.Module):
    """forward(image, delta=None) -> [F, embedding, head_1(embedding), ...]

    F is the output of the last block's conv2 (layer4.<last>.conv2); the
    network continues from F + delta (delta broadcast; None or zeros(1) for
    plain inference).  The wrapper holds the original net's modules."""

    def __init__(self, net: IResNet, heads: List[nn.Module]):
        super().__init__()
        self.conv1 = net.conv1
        self.bn1 = net.bn1
        self.prelu = net.prelu
        self.layer1 = net.layer1
        self.layer2 = net.layer2
        self.layer3 = net.layer3
        blocks = list(net.layer4.children())
        self.layer4_before = nn.Sequential(*blocks[:-1])
        self.target = blocks[-1]
        self.bn2 = net.bn2
        self.fc = net.fc
        self.features = net.features
        self.heads = nn.ModuleList(heads)
        self.eval()

    def forward(self, x: Tensor, delta: Optional[Tensor] = None) -> List[Tensor]:
        h = self.prelu(self.bn1(self.conv1(x)))
        h = self.layer3(self.layer2(self.layer1(h)))
        h = self.layer4_before(h)
        f, identity = self.target.split(h)
        g = f if delta is None else f + delta
        h = self.bn2(self.target.join(g, identity))
        embedding = self.features(self.fc(torch.flatten(h, 1)))
        out = [f, embedding]
        for head in self.heads:
            out.append(head(embedding))
        return out
