"""The VGGFace2 ResNet-50 (method §3.3, §3.4): the Caffe model of the VGGFace2
authors as converted to PyTorch weight pickles (resnet50_scratch_weight.pkl,
resnet50_ft_weight.pkl), rebuilt here with the parameter names of those
pickles, plus the Grad-CAM contract wrapper shared by every Caffe-style
ResNet-50 of the paper (this one, SENet-50 and the attribute net).

Architecture (Caffe flavour of ResNet-50):
  conv1 7x7/2 (64, no bias) - bn1 - ReLU - maxpool 3x3/2, padding 0, ceil_mode
  layer1..layer4: [3, 4, 6, 3] bottlenecks; the stride sits on the block's
                  first 1x1 conv (conv1), not on the 3x3 as in torchvision
  avgpool 7x7 stride 1 -> 2048   ("VGGFace2-verification" embedding)
  fc 2048 -> 8631                 (VGGFace2-train identities)
Input: 224x224 BGR minus [91.4953, 103.8827, 131.0912], no division.

Grad-CAM target: layer4.2.conv3, the last block's 1x1 conv output before
bn3, the residual add and the ReLU (method §2.3).
"""

from typing import List, Optional, Tuple

import torch
from torch import Tensor, nn

VGGFACE2_CLASSES = 8631
VGGFACE2_MEAN_BGR = [91.4953, 103.8827, 131.0912]
TARGET_LAYER = "layer4.2.conv3"


class Bottleneck(nn.Module):
    """Caffe-style bottleneck: the stride is on conv1."""

    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: Optional[nn.Module] = None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, kernel_size=1, stride=stride, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU()
        self.downsample = downsample

    def forward(self, x: Tensor) -> Tensor:
        # The original block, step by step.
        residual = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.conv3(out)
        out = self.bn3(out)
        if self.downsample is not None:
            residual = self.downsample(x)
        return self.relu(out + residual)

    # The same block cut at conv3's output, for the Grad-CAM contract.
    def split(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        """(conv3 output, residual)."""
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        residual = x
        if self.downsample is not None:
            residual = self.downsample(x)
        return self.conv3(out), residual

    def join(self, f: Tensor, residual: Tensor) -> Tensor:
        """The rest of the block from (possibly shifted) conv3 activations."""
        return self.relu(self.bn3(f) + residual)


class CaffeResNet50(nn.Module):
    """The trunk every Caffe-style ResNet-50 of the paper shares; subclasses
    add their heads and the original forward."""

    def __init__(self, block=Bottleneck, layers=(3, 4, 6, 3)):
        super().__init__()
        self.inplanes = 64
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU()
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=0, ceil_mode=True)
        self.layer1 = self._make_layer(block, 64, layers[0], 1)
        self.layer2 = self._make_layer(block, 128, layers[1], 2)
        self.layer3 = self._make_layer(block, 256, layers[2], 2)
        self.layer4 = self._make_layer(block, 512, layers[3], 2)
        self.avgpool = nn.AvgPool2d(7, stride=1)

    def _make_layer(self, block, planes, blocks, stride):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes * block.expansion, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes))
        return nn.Sequential(*layers)

    def pooled(self, x: Tensor) -> Tensor:
        """The original trunk up to the flattened average pool."""
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = self.avgpool(x)
        return x.view(x.size(0), -1)


class VGGFace2ResNet50(CaffeResNet50):
    """resnet50(num_classes=8631) of the VGGFace2 pickles; forward gives the
    identity logits, as the paper's identification net R."""

    def __init__(self, num_classes: int = VGGFACE2_CLASSES):
        super().__init__(Bottleneck)
        self.fc = nn.Linear(512 * Bottleneck.expansion, num_classes)

    def forward(self, x: Tensor) -> Tensor:
        return self.fc(self.pooled(x))

    def contract(self) -> "CaffeResNetContract":
        return CaffeResNetContract(self, [self.fc])


class CaffeResNetContract(nn.Module):
    """forward(image, delta=None) -> [F, embedding, head_1(embedding), ...]

    F is the output of the last block's conv3 (layer4.<last>.conv3); the
    network continues from F + delta (delta broadcast; None or zeros(1) for
    plain inference).  The embedding is the flattened 7x7 average pool.  The
    heads are the net's linear layers in descriptor order.  The wrapper holds
    the original net's modules (same parameters), not a copy."""

    def __init__(self, net: CaffeResNet50, heads: List[nn.Module]):
        super().__init__()
        self.conv1 = net.conv1
        self.bn1 = net.bn1
        self.maxpool = net.maxpool
        self.layer1 = net.layer1
        self.layer2 = net.layer2
        self.layer3 = net.layer3
        blocks = list(net.layer4.children())
        self.layer4_before = nn.Sequential(*blocks[:-1])
        self.target = blocks[-1]
        self.avgpool = net.avgpool
        self.heads = nn.ModuleList(heads)
        self.eval()

    def forward(self, x: Tensor, delta: Optional[Tensor] = None) -> List[Tensor]:
        h = self.maxpool(torch.relu(self.bn1(self.conv1(x))))
        h = self.layer3(self.layer2(self.layer1(h)))
        h = self.layer4_before(h)
        f, residual = self.target.split(h)
        g = f if delta is None else f + delta
        h = self.target.join(g, residual)
        embedding = torch.flatten(self.avgpool(h), 1)
        out = [f, embedding]
        for head in self.heads:
            out.append(head(embedding))
        return out
