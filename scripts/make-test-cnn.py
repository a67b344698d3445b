#!/usr/bin/env python3
"""Writes deq-deep's test models: a 3x3 convolution (no padding) with C + 1 hand-set filters, ReLU, global mean
pooling. Filters 0..C-1 copy the input channels, filter C is channel 0's horizontal difference, so a uniform image
(v_0, .., v_C-1) embeds to exactly [v_0, .., v_C-1, 0]. Needs only the onnx package (Debian: python3-onnx).

    python3 scripts/make-test-cnn.py deq-deep/src/test/resources/tiny-cnn.onnx        # RGB, 3 channels
    python3 scripts/make-test-cnn.py deq-deep/src/test/resources/tiny-cnn-s2.onnx 12  # Sentinel-2, 12 channels
    python3 scripts/make-test-cnn.py deq-deep/src/test/resources/tiny-cnn-double.onnx 3 double  # float64 output, refused
"""
import sys

import onnx
from onnx import TensorProto, helper

channels = int(sys.argv[2]) if len(sys.argv) > 2 else 3
double = len(sys.argv) > 3 and sys.argv[3] == "double"
w = [0.0] * ((channels + 1) * channels * 3 * 3)
at = lambda o, c, y, x: ((o * channels + c) * 3 + y) * 3 + x
for c in range(channels):
    w[at(c, c, 1, 1)] = 1.0
w[at(channels, 0, 1, 2)], w[at(channels, 0, 1, 0)] = 1.0, -1.0
nodes = [helper.make_node("Conv", ["image", "w"], ["conv"], kernel_shape=[3, 3]),
         helper.make_node("Relu", ["conv"], ["relu"]),
         helper.make_node("GlobalAveragePool", ["relu"], ["pooled"]),
         helper.make_node("Flatten", ["pooled"], ["flat" if double else "embedding"], axis=1)]
if double:  # a float64 embedding, which deq refuses
    nodes.append(helper.make_node("Cast", ["flat"], ["embedding"], to=TensorProto.DOUBLE))
graph = helper.make_graph(
    nodes,
    "tiny-cnn",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["n", channels, "h", "w"])],
    [helper.make_tensor_value_info("embedding", TensorProto.DOUBLE if double else TensorProto.FLOAT, ["n", channels + 1])],
    [helper.make_tensor("w", TensorProto.FLOAT, [channels + 1, channels, 3, 3], w)])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="deq make-test-cnn.py")
model.ir_version = 8
p = model.metadata_props.add()
p.key, p.value = "deq.size", "32"
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])
