"""An ONNX model compiled to native code: `dialir.compile_onnx(model) -> CompiledModel`.

    model = dialir.compile_onnx("model.onnx")            # import, onnx-to-llvm, JIT
    outputs = model.run({"x": x})                        # by ONNX input / output name
    model.inputs, model.outputs                          # names, shapes, dtypes

The model is imported (nn ops), lowered by a pipeline (`onnx-to-llvm` by default, any
pipeline text that ends in the llvm dialect otherwise), translated and compiled once by the
JIT engine (cached on disk by the IR's hash). `run` checks every feed against the model's
inputs (names, dtype, shape, C-contiguity) and raises a ValueError or TypeError naming the
input before any native code runs.

The lowered entry function either returns its outputs as memrefs, or takes one output buffer
per output after the inputs (destination-passing style); `run` handles both, allocating the
output buffers of the second kind.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import onnx

from dialir.conversions.nn_to_affine.boundary import from_loop_level, to_loop_level
from dialir.conversions.onnx_to_llvm import missing_passes, onnx_to_llvm_pipeline
from dialir.core.ir.attrs import ArrayAttr, DictionaryAttr, TypeAttr, UnitAttr
from dialir.core.ir.context import Context
from dialir.core.ir.operation import Operation
from dialir.core.ir.types import DYNAMIC, FunctionType, MemRefType, ShapedType, Type
from dialir.core.passes import PassManager
from dialir.dialects.llvm.types import LLVMPointerType
from dialir.execution.interpreter import arg_names, result_names, storage_dtype
from dialir.execution.jit import ExecutionEngine
from dialir.frontends.onnx.importer import import_model
from dialir.target.machine import TargetOptions, f32_lanes

ENTRY = "main"


class PipelineUnavailableError(RuntimeError):
    """The pipeline names passes that no module registers (yet)."""


@dataclass(frozen=True)
class TensorInfo:
    """An input or output of a compiled model: its ONNX name, shape (None for a dynamic
    dimension) and numpy dtype."""

    name: str
    shape: tuple[int | None, ...]
    dtype: np.dtype


def _info(name: str, t: Type) -> TensorInfo:
    shape = tuple(None if d is DYNAMIC else d for d in getattr(t, "shape", ()))
    return TensorInfo(name, shape, storage_dtype(t))


class CompiledModel:
    """A model compiled by `compile_onnx`; `run(feeds)` runs it natively (`call(*arrays)`
    by position)."""

    def __init__(self, engine: ExecutionEngine, inputs: list[TensorInfo],
                 outputs: list[TensorInfo], compile_seconds: float,
                 tensor_types: tuple[list[Type], list[Type]] | None = None,
                 entry: str = ENTRY) -> None:  # fmt: skip
        """`tensor_types`: the entry's (input, output) types before lowering, where the
        lowered function holds elements differently (unsigned as signless, 2- and 4-bit
        integers widened); None when the arrays pass as they are."""
        self.engine = engine
        self.inputs = inputs
        self.outputs = outputs
        self.compile_seconds = compile_seconds
        self._in_types, self._out_types = tensor_types or ([None] * len(inputs),
                                                           [None] * len(outputs))  # fmt: skip
        func = engine.functions.get(entry)
        if func is None:
            raise RuntimeError(f"the lowered module has no public function '{entry}'")
        sig = func.attributes.get("dialir.signature")
        signature = sig.value if isinstance(sig, TypeAttr) else None
        self._function = engine.function(entry, signature)
        n_in, n_out = len(inputs), len(outputs)
        # Destination-passing style: output buffers follow the inputs, nothing is returned.
        self._out_params: list[MemRefType] = []
        if isinstance(signature, FunctionType) and len(signature.inputs) == n_in + n_out:
            self._out_params = list(signature.inputs[n_in:])

    def run(self, feeds: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """The outputs by name for `feeds`, a dict of numpy arrays by input name."""
        results = self._call(self.check_feeds(feeds))
        return {o.name: r for o, r in zip(self.outputs, results)}

    def call(self, *arrays: np.ndarray) -> list[np.ndarray]:
        """The outputs, in order, for the inputs in order (each checked as `run` does)."""
        if len(arrays) != len(self.inputs):
            raise TypeError(f"the model takes {len(self.inputs)} inputs, {len(arrays)} given")
        return self._call([_check(i, a) for i, a in zip(self.inputs, arrays)])

    def _call(self, checked: list[np.ndarray]) -> list[np.ndarray]:
        params = self._function.params
        args = [_to_native(a, t, p) for a, t, p in zip(checked, self._in_types, params)]
        if self._out_params:
            outs = [np.empty(_static_shape(o, t), p.dtype) for o, t, p in
                    zip(self.outputs, self._out_params, params[len(args):])]  # fmt: skip
            self._function(*args, *outs)
            results = outs
        else:
            got = self._function(*args)
            results = [] if got is None else list(got) if isinstance(got, tuple) else [got]
        return [_from_native(r, t, o.dtype) for o, r, t in
                zip(self.outputs, results, self._out_types)]  # fmt: skip

    def check_feeds(self, feeds: Any) -> list[np.ndarray]:
        """The feeds in input order, each checked against its input."""
        if not isinstance(feeds, dict):
            raise TypeError(f"feeds must be a dict of numpy arrays by input name, not "
                            f"{type(feeds).__name__}")  # fmt: skip
        names = [i.name for i in self.inputs]
        extra = [k for k in feeds if k not in names]
        if extra:
            raise ValueError(f"unknown input(s) {extra}; the model's inputs are {names}")
        missing = [n for n in names if n not in feeds]
        if missing:
            raise ValueError(f"missing input(s) {missing}; the model's inputs are {names}")
        return [_check(i, feeds[i.name]) for i in self.inputs]

    def __repr__(self) -> str:
        ins = ", ".join(f"{i.name}: {i.dtype}{list(i.shape)}" for i in self.inputs)
        outs = ", ".join(f"{o.name}: {o.dtype}{list(o.shape)}" for o in self.outputs)
        return f"<CompiledModel ({ins}) -> ({outs})>"


def _check(info: TensorInfo, value: Any) -> np.ndarray:
    what = f"input '{info.name}'"
    if not isinstance(value, np.ndarray):
        raise TypeError(f"{what} must be a numpy array, got {type(value).__name__}")
    if value.dtype != info.dtype:
        raise TypeError(f"{what} must have dtype {info.dtype}, got {value.dtype}")
    shape = list(info.shape)
    if value.ndim != len(shape) or any(
        d is not None and d != s for d, s in zip(shape, value.shape)
    ):
        shown = "[" + ", ".join("?" if d is None else str(d) for d in shape) + "]"
        raise ValueError(f"{what} must have shape {shown}, got {list(value.shape)}")
    if not value.flags.c_contiguous:
        raise ValueError(f"{what} must be C-contiguous (np.ascontiguousarray makes a copy)")
    return value


def _to_native(a: np.ndarray, t: Type | None, param: Any) -> Any:
    """A checked feed as the native function's parameter `param` takes it: unsigned
    elements as the signless integers of their width, bf16 (held in float32) as bf16; no
    copy where nothing changes. A scalar passes as itself."""
    dtype = getattr(param, "dtype", None)
    if dtype is None:
        return a
    if isinstance(t, ShapedType):
        a = to_loop_level(a, t)
    return a if a.dtype == dtype else a.astype(dtype)


def _from_native(r: Any, t: Type | None, dtype: np.dtype) -> Any:
    """A native result as the model's output dtype (the inverse of `_to_native`)."""
    if not isinstance(r, np.ndarray):
        return r
    if isinstance(t, ShapedType):
        held = storage_dtype(t)
        if r.dtype.itemsize != held.itemsize:  # bf16 widens to float32; signedness is a view
            r = r.astype(held)
        r = from_loop_level(r, t)
    return r if r.dtype == dtype else r.astype(dtype)


def _static_shape(info: TensorInfo, t: MemRefType) -> tuple[int, ...]:
    if any(d is DYNAMIC for d in t.shape):
        raise RuntimeError(f"output '{info.name}' has a dynamic shape: its buffer cannot be "
                           "allocated before the call")  # fmt: skip
    return tuple(t.shape)


def _mark_noalias(module: Operation, entry: str = ENTRY) -> None:
    """`noalias` on the entry's pointer parameters: `run` passes distinct arrays for the
    outputs and only reads the inputs, so no buffer is written through two pointers; LLVM
    may then vectorise loops over several buffers without run-time overlap checks."""
    for op in module.regions[0].blocks[0].ops:
        if op.name != "llvm.func" or op.sym_name.value != entry or op.is_declaration:
            continue
        attrs = op.arg_attr_dicts()
        for i, t in enumerate(op.type.params):
            if isinstance(t, LLVMPointerType):
                attrs[i] = {**attrs[i], "llvm.noalias": UnitAttr()}
        op.properties["arg_attrs"] = ArrayAttr([DictionaryAttr(a) for a in attrs])


def compile_onnx(model: str | os.PathLike | bytes | onnx.ModelProto, pipeline: str | None = None,
                 opt_level: int = 3, cache: bool | str = True) -> CompiledModel:  # fmt: skip
    """Import an ONNX model, lower it with `pipeline` (default `onnx-to-llvm`), compile it
    for the host CPU at `opt_level`. Raises PipelineUnavailableError when the pipeline names
    passes that are not registered."""
    _check_pipeline(pipeline)
    start = time.perf_counter()
    # A context of its own: the model's weights (blobs) are freed with it, not kept in the
    # default context under their ONNX names (the compiled code holds its own copy).
    with Context():
        return compile_module(import_model(model), pipeline, opt_level, cache, start)


def _check_pipeline(pipeline: str | None) -> str:
    if pipeline is None:  # the host's vectors for the convolution micro-kernel
        pipeline = onnx_to_llvm_pipeline(vector_width=f32_lanes(TargetOptions.host()))
    missing = missing_passes(pipeline)
    if missing:
        raise PipelineUnavailableError(
            f"the pipeline needs passes that are not registered: {', '.join(missing)}"
        )
    return pipeline


def compile_module(module: Operation, pipeline: str | None = None, opt_level: int = 3,
                   cache: bool | str = True, start: float | None = None,
                   entry: str = ENTRY) -> CompiledModel:  # fmt: skip
    """Lower and compile a module whose function `entry` is the model (nn ops on tensors as
    imported, or any level the pipeline lowers: affine, scf, memref, ...); the module is
    lowered in place. `start`: when the compile began, for `compile_seconds`."""
    pipeline = _check_pipeline(pipeline)
    start = time.perf_counter() if start is None else start
    name = entry
    entry = next(
        (op for op in module.body.ops
         if op.name == "func.func" and op.get_attr("sym_name").value == name), None,
    )  # fmt: skip
    if entry is None:
        raise ValueError(f"the module has no func.func @{name}")
    ftype = entry.get_attr("function_type").value
    hints = (
        [a.name_hint for a in entry.regions[0].blocks[0].args] if entry.regions[0].blocks else []
    )
    hints = [h if h and not h.isdigit() else None for h in hints] + [None] * len(ftype.inputs)
    inputs = [
        _info(n or hints[i] or f"input_{i}", t)
        for i, (n, t) in enumerate(zip(arg_names(entry), ftype.inputs))
    ]  # fmt: skip
    outputs = [
        _info(n or f"output_{i}", t)
        for i, (n, t) in enumerate(zip(result_names(entry), ftype.results))
    ]  # fmt: skip
    tensor_types = (list(ftype.inputs), list(ftype.results))
    lower_start = time.perf_counter()
    PassManager.parse(pipeline).run(module)
    _mark_noalias(module, name)
    lowered = time.perf_counter() - lower_start
    engine = ExecutionEngine(module, opt_level=opt_level, cache=cache)
    engine.timings.extra["lower"] = lowered
    return CompiledModel(engine, inputs, outputs, time.perf_counter() - start, tensor_types,
                         name)  # fmt: skip
