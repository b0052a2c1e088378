"""The paper's attribute net A (Face-Attributes2.pth; method §3.1-§3.2),
rebuilt with the parameter names of that checkpoint.

The Caffe-style ResNet-50 trunk of vggface2_resnet (stride on conv1,
ceil-mode max pool, 7x7 average pool to 2048) with 30 parallel linear heads
fc1..fc30, one per attribute, in the order of ATTRIBUTES.  The original
forward returns the list of the 30 logit vectors (87 logits in all).
Input: 224x224 BGR minus the VGGFace2 mean, as the identification net.

Class words (method §3.1, pre-trained/README.md of the Sim2Word repository):
Gender, Age, Race and Hair color are categorical, every class is a word;
every other head is yes/no with class 0 = yes (present) and class 1 = no; the
third class of the three-class yes/no heads is undocumented and taken as
"undefined" (method §6.19), never ranked.

Grad-CAM target: layer4.2.conv3, before bn3 (method §2.3).
"""

import re
from typing import List

from torch import Tensor, nn

from vggface2_resnet import Bottleneck, CaffeResNet50, CaffeResNetContract

TARGET_LAYER = "layer4.2.conv3"

YES_NO = ["yes", "no"]
YES_NO_UNDEFINED = ["yes", "no", "undefined"]

# (attribute name as the paper's code spells it, classes, kind); head i+1 is fc<i+1>.
ATTRIBUTES = [
    ("Gender", ["Male", "Female"], "categorical"),
    ("Age", ["Young", "Middle Aged", "Senior"], "categorical"),
    ("Race", ["Asian", "White", "Black"], "categorical"),
    ("Bald", YES_NO_UNDEFINED, "yes-no"),
    ("Wavy Hair", YES_NO_UNDEFINED, "yes-no"),
    ("Receding Hairline", YES_NO_UNDEFINED, "yes-no"),
    ("Bangs", YES_NO_UNDEFINED, "yes-no"),
    ("Sideburns", YES_NO_UNDEFINED, "yes-no"),
    ("Hair color", ["Black Hair", "Blond Hair", "Brown Hair", "Gray Hair", "Unknown Hair"], "categorical"),
    ("no beard", YES_NO, "yes-no"),
    ("Mustache", YES_NO, "yes-no"),
    ("5 o Clock Shadow", YES_NO, "yes-no"),
    ("Goatee", YES_NO, "yes-no"),
    ("Oval Face", YES_NO_UNDEFINED, "yes-no"),
    ("Square Face", YES_NO_UNDEFINED, "yes-no"),
    ("Round Face", YES_NO_UNDEFINED, "yes-no"),
    ("Double Chin", YES_NO_UNDEFINED, "yes-no"),
    ("High Cheekbones", YES_NO_UNDEFINED, "yes-no"),
    ("Chubby", YES_NO_UNDEFINED, "yes-no"),
    ("Obstructed Forehead", YES_NO_UNDEFINED, "yes-no"),
    ("Fully Visible Forehead", YES_NO_UNDEFINED, "yes-no"),
    ("Brown Eyes", YES_NO_UNDEFINED, "yes-no"),
    ("Bags Under Eyes", YES_NO_UNDEFINED, "yes-no"),
    ("Bushy Eyebrows", YES_NO_UNDEFINED, "yes-no"),
    ("Arched Eyebrows", YES_NO_UNDEFINED, "yes-no"),
    ("Mouth Closed", YES_NO_UNDEFINED, "yes-no"),
    ("Smiling", YES_NO_UNDEFINED, "yes-no"),
    ("Big Lips", YES_NO_UNDEFINED, "yes-no"),
    ("Big Nose", YES_NO_UNDEFINED, "yes-no"),
    ("Pointy Nose", YES_NO_UNDEFINED, "yes-no"),
]


def output_name(attribute: str) -> str:
    """The descriptor's output name of a head: 'Hair color' -> 'hair_color',
    '5 o Clock Shadow' -> 'attr_5_o_clock_shadow'."""
    slug = re.sub(r"[^a-z0-9]+", "_", attribute.lower()).strip("_")
    return slug if slug[0].isalpha() else "attr_" + slug


def heads_descriptor() -> List[dict]:
    return [{"attribute": name, "output": output_name(name), "kind": kind, "classes": list(classes),
             "layer": "fc%d" % (i + 1)}
            for i, (name, classes, kind) in enumerate(ATTRIBUTES)]


class AttributeResNet50(CaffeResNet50):
    """models/resnet.py's resnet50() of the Sim2Word repository: forward
    returns the 30 heads' logits as a list."""

    def __init__(self):
        super().__init__(Bottleneck)
        for i, (_, classes, _) in enumerate(ATTRIBUTES):
            setattr(self, "fc%d" % (i + 1), nn.Linear(512 * Bottleneck.expansion, len(classes)))

    def heads(self) -> List[nn.Linear]:
        return [getattr(self, "fc%d" % (i + 1)) for i in range(len(ATTRIBUTES))]

    def forward(self, x: Tensor) -> List[Tensor]:
        pooled = self.pooled(x)
        return [fc(pooled) for fc in self.heads()]

    def contract(self) -> CaffeResNetContract:
        return CaffeResNetContract(self, self.heads())
