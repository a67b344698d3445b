#!/usr/bin/env python3
"""Writes deq-deep's test model, tiny-cnn.onnx: a 3x3 convolution (no padding) with four hand-set filters, ReLU,
global mean pooling. Filters 0-2 copy the R, G and B channels, filter 3 is R's horizontal difference, so a uniform
RGB image (r, g, b) embeds to exactly [r, g, b, 0]. Needs only the onnx package (Debian: python3-onnx).

    python3 scripts/make-test-cnn.py deq-deep/src/test/resources/tiny-cnn.onnx
"""
import sys

import onnx
from onnx import TensorProto, helper

w = [0.0] * (4 * 3 * 3 * 3)
at = lambda o, c, y, x: ((o * 3 + c) * 3 + y) * 3 + x
for c in range(3):
    w[at(c, c, 1, 1)] = 1.0
w[at(3, 0, 1, 2)], w[at(3, 0, 1, 0)] = 1.0, -1.0
graph = helper.make_graph(
    [helper.make_node("Conv", ["image", "w"], ["conv"], kernel_shape=[3, 3]),
     helper.make_node("Relu", ["conv"], ["relu"]),
     helper.make_node("GlobalAveragePool", ["relu"], ["pooled"]),
     helper.make_node("Flatten", ["pooled"], ["embedding"], axis=1)],
    "tiny-cnn",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["n", 3, "h", "w"])],
    [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["n", 4])],
    [helper.make_tensor("w", TensorProto.FLOAT, [4, 3, 3, 3], w)])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="deq make-test-cnn.py")
model.ir_version = 8
p = model.metadata_props.add()
p.key, p.value = "deq.size", "32"
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])
