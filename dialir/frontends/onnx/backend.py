"""dialir as an ONNX backend (`onnx.backend.base.Backend`), so ONNX's own backend test
machinery can drive it:

    from dialir.frontends.onnx import backend
    rep = backend.prepare(model, "CPU")      # import + graph passes, once
    outputs = rep.run([x])                   # numpy in, numpy out (by position or name)
    backend.run_model(model, [x]); backend.run_node(node, [a, b])

Models are compiled to native code (the `onnx-to-llvm` pipeline and the JIT engine, as
`dialir.compile_onnx`) by default; `prepare(model, native=False)` runs them on the reference
interpreter (`dialir.execution.interpreter`) instead. Inputs are checked against the imported
function's argument types (count, dtype, shape) before anything runs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import ml_dtypes
import numpy as np
import onnx
from onnx import helper, numpy_helper
from onnx.backend.base import Backend, BackendRep, Device, DeviceType, namedtupledict

from dialir.conversions.onnx_to_llvm import GRAPH_PASSES, onnx_to_llvm_pipeline
from dialir.core.ir.context import Context
from dialir.core.ir.types import DYNAMIC, FloatType, IntegerType, RankedTensorType
from dialir.core.ods.builtin import ModuleOp
from dialir.core.passes import parse_pipeline
from dialir.dialects.nn.elements import SUB_BYTE_INTS
from dialir.execution.interpreter import arg_names, result_names, run_function, storage_dtype
from dialir.frontends.onnx.compiled_model import compile_module
from dialir.frontends.onnx.importer import import_model, max_opset
from dialir.target.machine import TargetOptions, f32_lanes


class OnnxBackendError(ValueError):
    """Inputs that do not fit the model, or a device dialir cannot run on."""


def default_pipeline() -> str:
    """The graph-level pipeline the interpreter path runs: `func.func(GRAPH_PASSES)`."""
    return "builtin.module(func.func(" + ",".join(GRAPH_PASSES) + "))"


class DialirBackendRep(BackendRep):
    """A prepared model: its entry's signature (captured at the nn level) and how it runs.
    `run` checks and converts the inputs, `_execute` runs the model on them."""

    def __init__(self, module: ModuleOp) -> None:
        self.module = module
        self.func = next(op for op in module.body.ops if op.name == "func.func")
        ftype = self.func.get_attr("function_type").value
        self.input_types: list[RankedTensorType] = list(ftype.inputs)
        self.result_types: list[RankedTensorType] = list(ftype.results)
        self.input_names = [n or f"#{i}" for i, n in enumerate(arg_names(self.func))]
        self.output_names = [n or f"output_{i}" for i, n in enumerate(result_names(self.func))]

    def run(self, inputs: Any, **kwargs: Any) -> tuple[Any, ...]:
        """Run on `inputs`: a sequence in the order of the model's (non-initializer) inputs,
        a dict by input name, or one array (numpy arrays or TensorProtos). Returns the
        outputs, by position or name."""
        results = self._execute(self.check_inputs(inputs))
        results = [
            r if (dt := _onnx_dtype(t)) is None else r.astype(dt)
            for r, t in zip(results, self.result_types)
        ]
        return namedtupledict("Outputs", self.output_names)(*results)

    def _execute(self, arrays: list[np.ndarray]) -> list[np.ndarray]:
        """The outputs (in the interpreter's storage dtypes) for checked inputs."""
        return run_function(self.module, "main", arrays)

    def check_inputs(self, inputs: Any) -> list[np.ndarray]:
        names, types = self.input_names, self.input_types
        if isinstance(inputs, dict):
            unknown = [k for k in inputs if k not in names]
            if unknown:
                raise OnnxBackendError(
                    f"unknown input name(s) {unknown}; the model's inputs are {names}"
                )
            missing = [n for n in names if n not in inputs]
            if missing:
                raise OnnxBackendError(f"missing input(s) {missing}")
            values = [inputs[n] for n in names]
        elif isinstance(inputs, np.ndarray):
            values = [inputs]
        elif isinstance(inputs, Sequence):
            values = list(inputs)
        else:
            raise OnnxBackendError(
                f"inputs must be a list of numpy arrays or a dict by name, not "
                f"{type(inputs).__name__}"
            )
        if len(values) != len(types):
            raise OnnxBackendError(
                f"the model takes {len(types)} input(s) {names}, but {len(values)} were given"
            )
        arrays = []
        for name, t, v in zip(names, types, values):
            if isinstance(v, onnx.TensorProto):
                v = numpy_helper.to_array(v)
            arr = np.asarray(v) if not isinstance(v, np.ndarray) else v
            want = storage_dtype(t)
            narrow = _onnx_dtype(t)
            if narrow is not None and arr.dtype == narrow:
                arr = arr.astype(want)  # bf16 in float32, i4 in int8, ...: exact
            if arr.dtype != want:
                raise OnnxBackendError(
                    f"input '{name}' must have dtype {want} (element type {t.element_type}), "
                    f"got {arr.dtype}"
                )
            if arr.ndim != t.rank or any(
                d is not DYNAMIC and d != s for d, s in zip(t.shape, arr.shape)
            ):
                shown = "[" + ", ".join("?" if d is DYNAMIC else str(d) for d in t.shape) + "]"
                raise OnnxBackendError(
                    f"input '{name}' must have shape {shown}, got {list(arr.shape)}"
                )
            arrays.append(arr)
        return arrays


class NativeBackendRep(DialirBackendRep):
    """A prepared model compiled to native code (`compile_module`); `module` is the lowered
    llvm-dialect module and `compiled` the CompiledModel that runs it."""

    def __init__(self, module: ModuleOp, pipeline: str, opt_level: int = 3,
                 cache: bool | str = True) -> None:  # fmt: skip
        super().__init__(module)
        self.compiled = compile_module(module, pipeline, opt_level, cache)

    def _execute(self, arrays: list[np.ndarray]) -> list[np.ndarray]:
        feeds = {i.name: a for i, a in zip(self.compiled.inputs, arrays)}
        return list(self.compiled.run(feeds).values())


def _onnx_dtype(t: RankedTensorType) -> np.dtype | None:
    """ONNX's numpy dtype for `t`'s elements where dialir holds them in a wider one (bf16 in
    float32, 2- and 4-bit integers in int8/uint8), else None."""
    et = t.element_type
    if isinstance(et, FloatType) and et.kind == "bf16":
        return np.dtype(ml_dtypes.bfloat16)
    if isinstance(et, IntegerType):
        return SUB_BYTE_INTS.get((et.width, et.signedness == "unsigned"))
    return None


class DialirBackend(Backend):
    """The ONNX backend interface over dialir's importer, graph passes and interpreter."""

    @classmethod
    def supports_device(cls, device: str) -> bool:
        try:
            return Device(device).type == DeviceType.CPU
        except (AttributeError, ValueError):
            return False

    @classmethod
    def is_compatible(cls, model: onnx.ModelProto, device: str = "CPU", **kwargs: Any) -> bool:
        return cls.supports_device(device)

    @classmethod
    def prepare(
        cls,
        model: onnx.ModelProto | str | os.PathLike | bytes,
        device: str = "CPU",
        *,
        native: bool = True,
        optimize: bool = True,
        pipeline: str | None = None,
        opt_level: int = 3,
        cache: bool | str = True,
        base_dir: str | os.PathLike | None = None,
        **kwargs: Any,
    ) -> DialirBackendRep:
        """Import `model` and return the handle that runs it. Native (the default): lowered
        by `pipeline` (default: `onnx-to-llvm`, without its graph passes when `optimize` is
        false) and compiled at `opt_level` (`cache` as `ExecutionEngine`'s). Interpreted
        (`native=False`): the graph pipeline `pipeline` runs (default: `default_pipeline()`;
        none when `optimize` is false)."""
        if not cls.supports_device(device):
            raise OnnxBackendError(f"device '{device}' is not supported (dialir runs on 'CPU')")
        if native:  # in a context of its own, as compile_onnx
            pipeline = pipeline or onnx_to_llvm_pipeline(
                graph_passes=optimize, vector_width=f32_lanes(TargetOptions.host())
            )
            with Context():
                module = import_model(model, base_dir=base_dir)
                return NativeBackendRep(module, pipeline, opt_level, cache)
        module = import_model(model, base_dir=base_dir)
        if optimize or pipeline is not None:
            parse_pipeline(pipeline or default_pipeline()).run(module)
        return DialirBackendRep(module)

    @classmethod
    def run_model(
        cls, model: onnx.ModelProto, inputs: Any, device: str = "CPU", **kwargs: Any
    ) -> tuple[Any, ...]:
        return cls.prepare(model, device, **kwargs).run(inputs)

    @classmethod
    def run_node(
        cls,
        node: onnx.NodeProto,
        inputs: Any,
        device: str = "CPU",
        outputs_info: Sequence[tuple[np.dtype, tuple[int, ...]]] | None = None,
        **kwargs: Any,
    ) -> tuple[Any, ...]:
        """Run one node: it becomes a one-node model whose inputs are the node's (non-empty)
        inputs, typed from the given arrays."""
        names = [n for n in node.input if n]
        values = [inputs[n] for n in names] if isinstance(inputs, dict) else list(inputs)
        if len(values) != len(names):
            raise OnnxBackendError(
                f"node '{node.name or node.op_type}' has {len(names)} inputs, "
                f"but {len(values)} were given"
            )
        graph_inputs = []
        for name, v in zip(names, values):
            arr = np.asarray(v)
            elem = helper.np_dtype_to_tensor_dtype(arr.dtype)
            graph_inputs.append(helper.make_tensor_value_info(name, elem, arr.shape))
        outputs = [n for n in node.output if n]
        graph_outputs = []
        for i, name in enumerate(outputs):
            if outputs_info is not None and i < len(outputs_info):
                dtype, shape = outputs_info[i]
                elem = helper.np_dtype_to_tensor_dtype(np.dtype(dtype))
                graph_outputs.append(helper.make_tensor_value_info(name, elem, shape))
            else:
                graph_outputs.append(helper.make_empty_tensor_value_info(name))
        opset = kwargs.pop("opset_version", None) or max_opset()
        graph = helper.make_graph([node], "run_node", graph_inputs, graph_outputs)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
        return cls.run_model(model, [np.asarray(v) for v in values], device, **kwargs)


prepare = DialirBackend.prepare
run_model = DialirBackend.run_model
run_node = DialirBackend.run_node
supports_device = DialirBackend.supports_device
is_compatible = DialirBackend.is_compatible
