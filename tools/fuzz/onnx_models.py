"""The ONNX campaign: mutated models (bytes and fields) through the importer, the verifier, the
graph pipeline and the interpreter, with random inputs of the declared types.

Seeds: the bundled example model and the models of ONNX's own backend node tests. Field
mutations change shapes, element types, attributes, opset versions, names, graph edges and
external-data entries; byte mutations flip, insert and truncate the serialised proto. Every
outcome must be success or an error that names the problem (an `OnnxImportError`, a
diagnostic, a backend `ValueError`); anything else is a crash, written (minimised by
removing nodes where that keeps the same crash) under the output folder.
"""

from __future__ import annotations

import copy
import random
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import onnx
from dialir_tools.fuzz.outcome import (
    PROGRESS_EVERY,
    Hang,
    alarms,
    log,
    signature,
    stop_on_signal,
    time_limit,
)
from onnx import AttributeProto, TensorProto

from dialir.core.ir.context import Context
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.types import DYNAMIC
from dialir.core.ir.verifier import verify
from dialir.execution.jit import JitError
from dialir.frontends.onnx import OnnxImportError, import_model
from dialir.frontends.onnx.backend import DialirBackend, OnnxBackendError

EDGE_INTS = [0, 1, -1, 2, 3, -2, 7, 1 << 20, 1 << 31, -(1 << 31), (1 << 62), -(1 << 63)]
EDGE_FLOATS = [0.0, -0.0, 1.0, -1.0, 1e-30, 1e30, float("inf"), float("-inf"), float("nan")]


def seeds(example: Path | None) -> list[bytes]:
    out = []
    if example is not None and example.exists():
        out.append(example.read_bytes())
    import onnx.backend.test.case.node as node_cases  # heavy: only for a campaign

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for case in node_cases.collect_testcases(None):
            if case.model is not None and case.model.ByteSize() < 200_000:
                data = case.model.SerializeToString()
                if _imports(data):  # mutants of a model dialir reads reach deeper paths
                    out.append(data)
    return out


def _imports(data: bytes) -> bool:
    try:
        with Context():
            import_model(data)
        return True
    except EXPECTED:
        return False


# -- field mutations --------------------------------------------------------------------------


def _dims(rng: random.Random, model: onnx.ModelProto) -> None:
    vis = list(model.graph.input) + list(model.graph.output) + list(model.graph.value_info)
    shapes = [vi.type.tensor_type.shape for vi in vis if vi.type.HasField("tensor_type")]
    shapes = [s for s in shapes if len(s.dim)]
    if not shapes:
        return
    dim = rng.choice(rng.choice(shapes).dim)
    if rng.random() < 0.3:
        dim.dim_param = rng.choice(["N", "", "batch size", "1"])
    else:
        dim.dim_value = rng.choice(EDGE_INTS)


def _rank(rng: random.Random, model: onnx.ModelProto) -> None:
    vis = [vi for vi in model.graph.input if vi.type.HasField("tensor_type")]
    if vis:
        shape = rng.choice(vis).type.tensor_type.shape
        if rng.random() < 0.5 and len(shape.dim):
            del shape.dim[rng.randrange(len(shape.dim))]
        else:
            shape.dim.add().dim_value = rng.choice([1, 2, 3])


def _elem_type(rng: random.Random, model: onnx.ModelProto) -> None:
    vis = list(model.graph.input) + list(model.graph.output)
    vis = [vi for vi in vis if vi.type.HasField("tensor_type")]
    if vis:
        rng.choice(vis).type.tensor_type.elem_type = rng.randrange(0, 27)


def _attribute(rng: random.Random, model: onnx.ModelProto) -> None:
    attrs = [a for n in model.graph.node for a in n.attribute]
    if not attrs:
        return
    a = rng.choice(attrs)
    r = rng.random()
    if r < 0.15:
        a.type = rng.choice([t for t in AttributeProto.AttributeType.values()])
    elif a.type == AttributeProto.INT:
        a.i = rng.choice(EDGE_INTS)
    elif a.type == AttributeProto.FLOAT:
        a.f = rng.choice(EDGE_FLOATS)
    elif a.type == AttributeProto.INTS:
        if a.ints and r < 0.6:
            a.ints[rng.randrange(len(a.ints))] = rng.choice(EDGE_INTS)
        elif a.ints:
            del a.ints[rng.randrange(len(a.ints))]
        else:
            a.ints.append(rng.choice(EDGE_INTS))
    elif a.type == AttributeProto.STRING:
        a.s = rng.choice([b"", b"NOTSET", b"SAME_UPPER", b"\xff\xfe", b"x" * 300])
    elif a.type == AttributeProto.TENSOR:
        _tensor(rng, a.t)
    else:
        a.name = rng.choice(["axis", "perm", "", a.name + "_"])


def _tensor(rng: random.Random, t: TensorProto) -> None:
    r = rng.random()
    if r < 0.25 and len(t.dims):
        t.dims[rng.randrange(len(t.dims))] = rng.choice(EDGE_INTS)
    elif r < 0.45:
        t.data_type = rng.randrange(0, 27)
    elif r < 0.65 and t.raw_data:
        t.raw_data = t.raw_data[: rng.randrange(len(t.raw_data) + 1)]
    elif r < 0.8:
        t.data_location = TensorProto.EXTERNAL
        del t.external_data[:]
        for key, value in rng.sample(
            [("location", rng.choice(["w.bin", "../../etc/passwd", "/dev/zero", "", "a\0b"])),
             ("offset", str(rng.choice(EDGE_INTS))), ("length", str(rng.choice(EDGE_INTS))),
             ("checksum", "x")], k=rng.randrange(1, 4),
        ):  # fmt: skip
            entry = t.external_data.add()
            entry.key, entry.value = key, value
    else:
        t.dims.append(rng.choice([0, 1, 2, 1 << 40]))


def _initializer(rng: random.Random, model: onnx.ModelProto) -> None:
    if model.graph.initializer:
        _tensor(rng, rng.choice(model.graph.initializer))
    else:
        _attribute(rng, model)


def _opset(rng: random.Random, model: onnx.ModelProto) -> None:
    if model.opset_import and rng.random() < 0.8:
        o = rng.choice(model.opset_import)
        if rng.random() < 0.7:
            o.version = rng.choice([0, 1, 5, 7, 11, 13, 17, 21, 22, 99, -1])
        else:
            o.domain = rng.choice(["", "ai.onnx", "com.microsoft", "x"])
    else:
        del model.opset_import[:]


def _edges(rng: random.Random, model: onnx.ModelProto) -> None:
    nodes = model.graph.node
    if not nodes:
        return
    node = rng.choice(nodes)
    names = [n for nd in nodes for n in (*nd.input, *nd.output)]
    names += [vi.name for vi in model.graph.input]
    r = rng.random()
    if r < 0.3 and node.input:
        node.input[rng.randrange(len(node.input))] = rng.choice(names + ["", "undefined"])
    elif r < 0.5 and node.output:
        node.output[rng.randrange(len(node.output))] = rng.choice(names + [""])
    elif r < 0.65:
        node.input.append(rng.choice(names))
    elif r < 0.8 and len(nodes) > 1:
        i, j = rng.sample(range(len(nodes)), 2)
        a, b = copy.deepcopy(nodes[i]), copy.deepcopy(nodes[j])
        nodes[i].CopyFrom(b)
        nodes[j].CopyFrom(a)
    elif r < 0.9:
        node.op_type = rng.choice(["Add", "Relu", "Conv", "Nope", "", node.op_type.lower()])
    else:
        del nodes[rng.randrange(len(nodes))]


def _names(rng: random.Random, model: onnx.ModelProto) -> None:
    vis = list(model.graph.input) + list(model.graph.output)
    if vis:
        rng.choice(vis).name = rng.choice(["", "x", "a b", "%0", "\u00e9", "x" * 500])


FIELD_MUTATORS = [_dims, _dims, _rank, _elem_type, _attribute, _attribute, _initializer,
                  _opset, _edges, _edges, _names]  # fmt: skip


def mutate(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.25:  # bytes
        b = bytearray(data)
        for _ in range(rng.choice([1, 2, 4])):
            r = rng.random()
            if r < 0.5 and b:
                b[rng.randrange(len(b))] = rng.randrange(256)
            elif r < 0.75:
                b.insert(rng.randrange(len(b) + 1), rng.randrange(256))
            else:
                del b[rng.randrange(len(b) + 1) :]
        return bytes(b)
    model = onnx.ModelProto()
    model.ParseFromString(data)
    for _ in range(rng.choice([1, 1, 2, 3])):
        rng.choice(FIELD_MUTATORS)(rng, model)
    return model.SerializeToString()


# -- the oracle ---------------------------------------------------------------------------------

EXPECTED = (OnnxImportError, DiagnosticError, OnnxBackendError)


def check(data: bytes, rng: random.Random, base_dir: str, stats: dict,
          native: bool = False) -> str | None:  # fmt: skip
    """None when the model imports and runs or fails with an error that names the problem;
    else a crash signature. Counts in `stats` how far inputs got. `native`: compiled to
    native code (the backend's default) instead of interpreted."""
    try:
        with Context(), warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                rep = DialirBackend.prepare(data, base_dir=base_dir, native=native)
                stats["imported"] += 1
                verify(rep.module)
                inputs = [_random_input(rng, t) for t in rep.input_types]
                try:
                    rep.run(inputs)
                except JitError:
                    if not native:
                        raise
                    # Native code stopped itself on these inputs (a failed allocation for
                    # a shape input of random values): reported as an error, not a crash.
                    stats["runtime_errors"] += 1
                    return None
                stats["ran"] += 1
            except EXPECTED:
                return None
    except Hang:
        return "hang"
    except Exception as e:  # noqa: BLE001 - what the campaign is looking for
        return signature(e)
    return None


def _random_input(rng: random.Random, t) -> np.ndarray:
    from dialir.core.ir.dtypes import numpy_dtype  # the one type -> dtype map

    shape = [rng.choice([1, 2, 3]) if d is DYNAMIC else d for d in t.shape]
    dtype = numpy_dtype(t.element_type)
    if np.prod(shape, dtype=np.int64) > 1 << 22:
        shape = [1] * len(shape)
    values = np.random.default_rng(rng.randrange(1 << 30)).standard_normal(shape) * 3
    return values.astype(dtype)


def run(example: Path | None, out: Path, seed: int, count: int, budget_s: float,
        per_input_s: int = 20, log=log, native: bool = False) -> dict:  # fmt: skip
    rng = random.Random(seed)
    pool = seeds(example)
    out.mkdir(parents=True, exist_ok=True)
    stats = {"inputs": 0, "imported": 0, "ran": 0, "failures": 0, "distinct": 0}
    if native:
        stats["runtime_errors"] = 0
    stats["seeds"] = len(pool)
    seen: set[str] = set()
    start = time.monotonic()
    with alarms(), stop_on_signal() as stopped:
        with tempfile.TemporaryDirectory() as base_dir:
            (Path(base_dir) / "w.bin").write_bytes(bytes(range(256)) * 16)
            for _ in range(count):
                if time.monotonic() - start > budget_s or stopped():
                    break
                if stats["inputs"] and stats["inputs"] % PROGRESS_EVERY == 0:
                    log(f"progress: {stats} after {time.monotonic() - start:.0f} s")
                data = mutate(rng, rng.choice(pool))
                stats["inputs"] += 1
                if native:
                    # Native code that corrupts memory kills the process: the model that did
                    # it is then the one left here.
                    (out / "last-input.onnx").write_bytes(data)
                try:
                    with time_limit(per_input_s):
                        sig = check(data, random.Random(rng.random()), base_dir, stats, native)
                except Exception as e:  # noqa: BLE001 - a crash in the mutator is no finding
                    log(f"mutator error: {e}")
                    sig = None
                if sig is None:
                    continue
                stats["failures"] += 1
                key = sig.split(":")[0] if sig != "hang" else sig
                if key in seen:
                    continue
                seen.add(key)
                stats["distinct"] += 1
                path = out / f"{len(seen):04d}.onnx"
                path.write_bytes(data)
                path.with_suffix(".txt").write_text(sig + "\n", encoding="utf-8")
                log(f"[{stats['inputs']}] {sig} -> {path}")
    stats["seconds"] = round(time.monotonic() - start, 1)
    return stats
