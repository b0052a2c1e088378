"""The VGGFace2 SENet-50 (senet50_ft_weight.pkl, senet50_scratch_weight.pkl;
method §3.3), rebuilt with the parameter names of those pickles.

Same Caffe-style trunk as vggface2_resnet (stride on conv1, ceil-mode max
pool, 7x7 average pool, fc 2048 -> 8631), with squeeze-and-excitation inside
every bottleneck, after bn3 and before the residual add:

  s = sigmoid(conv5(relu(conv4(avg_pool(bn3(conv3(...)))))))
  out = relu(s * bn3(...) + residual)

conv4 reduces the channels 16-fold and conv5 restores them, both 1x1 with
bias.

Grad-CAM target (method §6.6): the paper's automatic choice, the last
registered Conv2d, is layer4.2.conv5 — the 1x1 excitation conv, whose 1x1
map gives a degenerate ID map.  The exported model names its target
explicitly: layer4.2.conv3, before bn3, as for the ResNet-50.  Everything the
SE branch computes is downstream of it and therefore follows F + delta.
"""

from typing import Optional, Tuple

import torch.nn.functional as F
from torch import Tensor, nn

from vggface2_resnet import VGGFACE2_CLASSES, CaffeResNet50, CaffeResNetContract

TARGET_LAYER = "layer4.2.conv3"
SE_REDUCTION = 16


class SEBottleneck(nn.Module):
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
        self.conv4 = nn.Conv2d(planes * 4, planes * 4 // SE_REDUCTION, kernel_size=1, stride=1, bias=True)
        self.conv5 = nn.Conv2d(planes * 4 // SE_REDUCTION, planes * 4, kernel_size=1, stride=1, bias=True)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x: Tensor) -> Tensor:
        # The original block, step by step.
        residual = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.conv3(out)
        out = self.bn3(out)
        squeeze = F.avg_pool2d(out, kernel_size=out.size(2))
        excitation = self.sigmoid(self.conv5(self.relu(self.conv4(squeeze))))
        if self.downsample is not None:
            residual = self.downsample(x)
        return self.relu(excitation * out + residual)

    def split(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        """(conv3 output, residual)."""
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        residual = x
        if self.downsample is not None:
            residual = self.downsample(x)
        return self.conv3(out), residual

    def join(self, f: Tensor, residual: Tensor) -> Tensor:
        out = self.bn3(f)
        squeeze = F.avg_pool2d(out, kernel_size=out.size(2))
        excitation = self.sigmoid(self.conv5(self.relu(self.conv4(squeeze))))
        return self.relu(excitation * out + residual)


class VGGFace2SENet50(CaffeResNet50):
    """senet50(num_classes=8631); forward gives the identity logits."""

    def __init__(self, num_classes: int = VGGFACE2_CLASSES):
        super().__init__(SEBottleneck)
        self.fc = nn.Linear(512 * SEBottleneck.expansion, num_classes)

    def forward(self, x: Tensor) -> Tensor:
        return self.fc(self.pooled(x))

    def contract(self) -> CaffeResNetContract:
        return CaffeResNetContract(self, [self.fc])
