"""Helpers for the dialir-run lit tests: write .npz inputs, compare and show .npz outputs.

python npz.py write OUT.npz NAME=EXPR ...   arrays from numpy expressions (`np` in scope);
                                            NAME `_` gives positional arrays (arr_0...)
python npz.py show FILE.npz                 one line per array: key dtype shape values
python npz.py compare GOT.npz WANT.npz      "KEY: match" or "KEY: differs ..." per array
python npz.py onnx-model DIR                a small CNN-ish model (Conv, BatchNorm, Relu,
                                            MaxPool, Flatten, Gemm, Softmax) built with
                                            onnx.helper, its inputs and onnxruntime's
                                            outputs: DIR/model.onnx, inputs.npz,
                                            expected.npz
"""

import sys

import numpy as np


def write(path, specs):
    named, positional = {}, []
    for spec in specs:
        name, expr = spec.split("=", 1)
        value = eval(expr, {"np": np})  # noqa: S307 - test inputs written by the test itself
        if name == "_":
            positional.append(value)
        else:
            named[name] = value
    np.savez(path, *positional, **named)


def show(path):
    with np.load(path) as data:
        for key in sorted(data.files):
            a = data[key]
            values = np.array2string(a.reshape(-1), separator=", ", precision=4, threshold=64)
            print(f"{key} {a.dtype} {list(a.shape)} {values}")


def compare(got_path, want_path):
    got, want = dict(np.load(got_path)), dict(np.load(want_path))
    for key in sorted(set(got) | set(want)):
        if key not in got or key not in want:
            print(f"{key}: only in {'expected' if key in want else 'output'}")
            continue
        a, b = got[key], want[key]
        if a.shape != b.shape or a.dtype != b.dtype:
            print(f"{key}: differs: {a.dtype}{list(a.shape)} vs {b.dtype}{list(b.shape)}")
        elif np.allclose(a, b, rtol=1e-4, atol=1e-5):
            print(f"{key}: match")
        else:
            print(f"{key}: differs by up to {np.max(np.abs(a - b)):.3g}")


def onnx_model(out_dir):
    import onnx
    import onnxruntime
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)

    def init(name, *shape):
        return numpy_helper.from_array(rng.standard_normal(shape).astype(np.float32), name)

    inits = [
        init("w1", 4, 1, 3, 3), init("b1", 4),
        numpy_helper.from_array(np.abs(rng.standard_normal(4)).astype(np.float32) + 0.5, "scale"),
        init("bias", 4), init("mean", 4),
        numpy_helper.from_array(np.abs(rng.standard_normal(4)).astype(np.float32) + 0.5, "var"),
        init("w2", 36, 5), init("b2", 5),
    ]  # fmt: skip
    nodes = [
        helper.make_node("Conv", ["image", "w1", "b1"], ["c"], pads=[1, 1, 1, 1], name="conv1"),
        helper.make_node(
            "BatchNormalization", ["c", "scale", "bias", "mean", "var"], ["n"], name="bn1"
        ),  # fmt: skip
        helper.make_node("Relu", ["n"], ["r"], name="relu1"),
        helper.make_node(
            "MaxPool", ["r"], ["p"], kernel_shape=[2, 2], strides=[2, 2], name="pool1"
        ),  # fmt: skip
        helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "w2", "b2"], ["g"], name="fc"),
        helper.make_node("Softmax", ["g"], ["probs"], axis=1, name="softmax"),
        helper.make_node("Add", ["g", "offset"], ["shifted"], name="shift"),
    ]
    graph = helper.make_graph(
        nodes, "tiny_cnn",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 1, 6, 6]),
         helper.make_tensor_value_info("offset", TensorProto.FLOAT, [5])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["N", 5]),
         helper.make_tensor_value_info("shifted", TensorProto.FLOAT, ["N", 5])],
        inits,
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, f"{out_dir}/model.onnx")
    inputs = {
        "image": rng.standard_normal((2, 1, 6, 6)).astype(np.float32),
        "offset": rng.standard_normal(5).astype(np.float32),
    }
    np.savez(f"{out_dir}/inputs.npz", **inputs)
    np.savez(f"{out_dir}/positional.npz", inputs["image"], inputs["offset"])
    np.savez(f"{out_dir}/wrong_shape.npz", image=np.zeros((2, 1, 5, 6), np.float32),
             offset=inputs["offset"])  # fmt: skip
    session = onnxruntime.InferenceSession(
        model.SerializeToString(), providers=["CPUExecutionProvider"]
    )
    probs, shifted = session.run(None, inputs)
    np.savez(f"{out_dir}/expected.npz", probs=probs, shifted=shifted)


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "write":
        write(rest[0], rest[1:])
    elif command == "show":
        show(rest[0])
    elif command == "compare":
        compare(rest[0], rest[1])
    elif command == "onnx-model":
        onnx_model(rest[0])
    else:
        sys.exit(f"unknown command {command}")
