"""The reference interpreter: executes dialir IR with numpy, one op at a time.

It is the oracle every lowering is checked against (like Glow's CPU reference backend): run
a function before and after a pass and compare. It gives semantics to `func`, `cf`, `arith`,
`math`, `memref`, `builtin.unrealized_conversion_cast` and `nn` (through
`dialir.dialects.nn.reference.evaluate`); later dialects plug theirs in with
`register_handler(op_name, fn)`.

Runtime values:
  integers, index   numpy scalars of the storage dtype (`storage_dtype`): signless and signed
                    integers as signed numpy ints, unsigned as unsigned ints, i1 as bool,
                    index as int64; always wrapped to the type's width
  floats            numpy float16/float32/float64 scalars; bf16 values are float32 rounded
                    to bf16 precision after every op (the nn dialect's convention: numpy has
                    no bf16), the f8 kinds are ml_dtypes scalars
  tensors, vectors  numpy arrays, never written to
  memrefs           writable numpy arrays or views of them: a view shares its buffer as a
                    memref shares its allocation
  functions         the `func.func` op (what `func.constant` yields)

Elementwise handlers are written once for scalars and arrays, so a region whose body works
on scalars runs on whole arrays at once (`run_region`), which is how ops with scalar-body
regions applied elementwise are evaluated.

What MLIR leaves undefined (division by zero, signed division overflow, out-of-bounds loads
and stores, shifts past the width, float-to-int overflow, a failed `cf.assert`) is an error
at the op's location here, never a silently wrong value.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dialir.core.ir.attrs import (
    ArrayAttr,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    DictionaryAttr,
    FloatAttr,
    IntegerAttr,
    Location,
    StringAttr,
    SymbolRefAttr,
    UnitAttr,
)
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.operation import Block, Operation, Region
from dialir.core.ir.traits import IsTerminator, ReturnLike, SymbolTable
from dialir.core.ir.types import (
    DYNAMIC,
    FloatType,
    FunctionType,
    IndexType,
    IntegerType,
    MemRefType,
    RankedTensorType,
    ShapedType,
    Type,
    UnrankedMemRefType,
    UnrankedTensorType,
    VectorType,
)

try:  # bf16 and the small float formats; onnx depends on ml_dtypes, so it is normally there
    import ml_dtypes
except ImportError:  # pragma: no cover - without it those element types have no storage
    ml_dtypes = None

DYNAMIC_INDEX = -9223372036854775808  # MLIR's ShapedType::kDynamic in static index lists


class InterpreterError(DiagnosticError):
    """Execution failed: the diagnostic names the op (or the function) and its location."""


class ExecutionError(Exception):
    """Raised by a handler: the interpreter turns it into an `InterpreterError` at the op
    being executed, as "'<op name>' op <message>"."""


class Jump:
    """What a branch handler returns: continue at `block` with `args` as its arguments."""

    __slots__ = ("block", "args")

    def __init__(self, block: Block, args: Sequence[Any]) -> None:
        self.block = block
        self.args = args


Handler = Callable[["Interpreter", Operation, list], Any]
"""`handler(interp, op, operand_values)` -> the result values (a sequence, one per result);
a terminator returns a `Jump`, or the values it passes back to the region's owner."""

_HANDLERS: dict[str, Handler] = {}


def register_handler(op_name: str, fn: Handler | None = None) -> Any:
    """Give `op_name` its semantics (replacing any earlier handler). Usable as a decorator:
    `@register_handler("loop.for")`."""
    if fn is None:
        return lambda f: register_handler(op_name, f)
    _HANDLERS[op_name] = fn
    return fn


def handler_for(op_name: str) -> Handler | None:
    """The handler registered for `op_name` (nn handlers are loaded on first use)."""
    h = _HANDLERS.get(op_name)
    if h is None and op_name.startswith("nn."):
        _load_nn_semantics()
        h = _HANDLERS.get(op_name)
    return h


# -- storage -------------------------------------------------------------------------------

# bf16 is held in float32 (as nn arrays hold it); `round_bf16` rounds after each op.
_FLOAT_DTYPES: dict[str, Any] = {
    "f16": np.float16, "bf16": np.float32, "f32": np.float32, "f64": np.float64,
}  # fmt: skip
if ml_dtypes is not None:
    for _kind, _name in (
        ("f8E5M2", "float8_e5m2"), ("f8E4M3FN", "float8_e4m3fn"),
        ("f8E5M2FNUZ", "float8_e5m2fnuz"), ("f8E4M3FNUZ", "float8_e4m3fnuz"),
        ("f8E4M3B11FNUZ", "float8_e4m3b11fnuz"), ("f8E3M4", "float8_e3m4"),
        ("f8E4M3", "float8_e4m3"), ("f8E8M0FNU", "float8_e8m0fnu"),
        ("f6E2M3FN", "float6_e2m3fn"), ("f6E3M2FN", "float6_e3m2fn"),
        ("f4E2M1FN", "float4_e2m1fn"),
    ):  # fmt: skip
        if hasattr(ml_dtypes, _name):
            _FLOAT_DTYPES[_kind] = getattr(ml_dtypes, _name)


_BFLOAT16 = np.dtype(ml_dtypes.bfloat16) if ml_dtypes is not None else None


def element_type(t: Type) -> Type:
    return t.element_type if isinstance(t, ShapedType) else t


def storage_dtype(t: Type) -> np.dtype:
    """The numpy dtype holding values (or elements) of type `t` at run time."""
    et = element_type(t)
    if isinstance(et, IndexType):
        return np.dtype(np.int64)
    if isinstance(et, IntegerType):
        w = et.width
        if w == 1:
            return np.dtype(np.bool_)
        for bits in (8, 16, 32, 64):
            if 0 < w <= bits:
                return np.dtype(f"{'u' if et.signedness == 'unsigned' else 'i'}{bits // 8}")
        raise ExecutionError(f"no storage for integer type '{et}' (widths 1 to 64 run)")
    if isinstance(et, FloatType):
        dtype = _FLOAT_DTYPES.get(et.kind)
        if dtype is None:
            raise ExecutionError(f"no storage for float type '{et}'")
        return np.dtype(dtype)
    raise ExecutionError(f"no storage for element type '{et}'")


def is_bf16(t: Type) -> bool:
    et = element_type(t)
    return isinstance(et, FloatType) and et.kind == "bf16"


def round_bf16(x: Any) -> Any:
    """float32 values rounded to bf16 precision (to nearest, ties to even), still float32."""
    if ml_dtypes is not None:
        return x.astype(ml_dtypes.bfloat16).astype(np.float32)
    bits = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000).astype(np.uint32)
    out = np.where(np.isnan(x), x, rounded.view(np.float32))
    return _scalar_like(x, np.asarray(out, dtype=np.float32))


class _IntInfo:
    """How an integer type is stored: its width, storage and unsigned dtypes, and whether
    values need re-wrapping after numpy arithmetic (i1 and widths other than 8/16/32/64)."""

    __slots__ = ("width", "dtype", "sdtype", "udtype", "is_bool", "unsigned", "native")

    def __init__(self, t: Type) -> None:
        self.width = 64 if isinstance(t, IndexType) else t.width
        self.dtype = storage_dtype(t)
        self.is_bool = self.width == 1
        self.unsigned = isinstance(t, IntegerType) and t.signedness == "unsigned"
        bits = 8 if self.is_bool else self.dtype.itemsize * 8
        self.sdtype = np.dtype(f"i{bits // 8}")
        self.udtype = np.dtype(f"u{bits // 8}")
        # Native: numpy's own wrap-around is the type's, and values are stored signed.
        self.native = self.width == bits and not self.is_bool and not self.unsigned


_INT_INFO: dict[Type, _IntInfo] = {}


def _int_info(t: Type) -> _IntInfo:
    et = element_type(t)
    info = _INT_INFO.get(et)
    if info is None:
        if not isinstance(et, (IntegerType, IndexType)):
            raise ExecutionError(f"expected an integer-like type, got '{t}'")
        info = _INT_INFO[et] = _IntInfo(et)
    return info


def _signed(x: Any, info: _IntInfo) -> Any:
    """The values as signed integers of the type's width (i1 true is -1)."""
    if info.native:
        return x
    if info.is_bool:
        return -x.astype(np.int8)
    if info.unsigned:
        x = x.astype(info.sdtype)
    half = 1 << (info.width - 1)
    return ((x + half) & ((half << 1) - 1)) - half if info.width < x.dtype.itemsize * 8 else x


def _unsigned(x: Any, info: _IntInfo) -> Any:
    """The values as unsigned integers of the type's width."""
    if info.is_bool:
        return x.astype(np.uint8)
    u = x.astype(info.udtype)
    if info.width < info.udtype.itemsize * 8:
        u = u & ((1 << info.width) - 1)
    return u


def _to_storage(r: Any, info: _IntInfo) -> Any:
    """Integer results (any integer dtype) wrapped to the type's width, in its storage."""
    if info.is_bool:
        return (r & 1).astype(np.bool_)
    r = r.astype(info.dtype)
    if info.native or info.width == info.dtype.itemsize * 8:
        return r
    if info.unsigned:
        return r & ((1 << info.width) - 1)
    half = 1 << (info.width - 1)
    return ((r + half) & ((half << 1) - 1)) - half


def _scalar_like(x: Any, r: np.ndarray) -> Any:
    """`r` as a numpy scalar when the operand `x` was one (np.where makes 0-d arrays)."""
    return r[()] if not isinstance(x, np.ndarray) else r


def _any(mask: Any) -> bool:
    return bool(np.any(mask))


# -- the interpreter -----------------------------------------------------------------------


class Interpreter:
    """Executes the functions of one module. Global memrefs live as long as the instance.

    `externals` maps the names of external function declarations to Python callables
    (`fn(*args) -> sequence of results`)."""

    def __init__(
        self,
        module: Operation,
        externals: dict[str, Callable] | None = None,
        max_call_depth: int = 1000,
    ) -> None:
        self.module = module
        self.externals = dict(externals or {})
        self.max_call_depth = max_call_depth
        self._plans: dict[Block, list] = {}
        self._symbols: dict[Operation, dict[str, Operation]] = {}
        self._globals: dict[Operation, np.ndarray] = {}
        self._cache: dict[Operation, Any] = {}  # per-op facts handlers compute once
        self._env: dict = {}
        self._depth = 0
        # (start address, end address, flat buffer) of each memref argument of the running
        # call: what reinterpret_cast offsets count from.
        self._roots: list[tuple[int, int, np.ndarray]] = []

    # -- entry points ----------------------------------------------------------------------

    def function(self, name: str) -> Operation:
        """The `func.func` named `name` in the module."""
        op = self._symbol_table(self.module).get(name)
        if op is None or op.name != "func.func":
            names = sorted(n for n, o in self._symbol_table(self.module).items()
                           if o.name == "func.func")  # fmt: skip
            known = ", ".join(f"@{n}" for n in names) or "none"
            raise InterpreterError.at(
                self.module.location, f"no function named '{name}' (functions: {known})"
            )
        return op

    def run(self, name: str | Operation, inputs: Sequence[Any]) -> list[np.ndarray]:
        """Call function `name` (or a `func.func` op) on `inputs`, checked against its type,
        and return its results as numpy arrays (scalars as 0-d arrays)."""
        func = name if isinstance(name, Operation) else self.function(name)
        ftype = func.get_attr("function_type").value
        self._roots = []
        args, writeback = self._check_inputs(func, ftype, list(inputs))
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 8 * self.max_call_depth + 1000))
        try:
            with np.errstate(all="ignore"):  # wrap-around and IEEE specials are the semantics
                results = self.call(func, args)
        finally:
            sys.setrecursionlimit(limit)
        for src, dst in writeback:
            dst[...] = src
        self._check_results(func, ftype, results)
        return [r if isinstance(r, (np.ndarray, Operation)) else np.asarray(r) for r in results]

    def call(self, func: Operation, args: Sequence[Any]) -> list:
        """Run a `func.func` on already checked runtime values (what `func.call` does)."""
        if not func.regions or not func.regions[0].blocks:
            return self._call_external(func, args)
        if self._depth >= self.max_call_depth:
            raise InterpreterError.at(
                func.location, f"call depth exceeds {self.max_call_depth} (runaway recursion?)"
            )
        saved = self._env
        self._depth += 1
        try:
            return list(self._execute(func.regions[0], args, {}))
        finally:
            self._depth -= 1
            self._env = saved

    def run_region(self, region: Region, args: Sequence[Any]) -> list:
        """Run a region nested in the op being executed (it sees the values of the enclosing
        regions) from its entry block; returns the values its final terminator yields. The
        arguments may be scalars or arrays: elementwise bodies run on whole arrays."""
        saved = self._env
        try:
            return list(self._execute(region, args, saved))
        finally:
            self._env = saved

    # -- the loop --------------------------------------------------------------------------

    def _execute(self, region: Region, args: Sequence[Any], env: dict) -> Any:
        if not region.blocks:
            raise InterpreterError.at(_owner_loc(region), "cannot execute an empty region")
        self._env = env
        block = region.blocks[0]
        plans = self._plans
        while True:
            params = block.args
            if len(params) != len(args):
                raise InterpreterError.at(
                    _owner_loc(region),
                    f"block expects {len(params)} arguments, {len(args)} were passed",
                )
            for p, a in zip(params, args):
                env[p] = a
            plan = plans.get(block)
            if plan is None:
                plan = self._compile(block)
            out: Any = ()
            op = None
            get = env.__getitem__
            try:
                for handler, op, operands, results in plan:
                    out = handler(self, op, list(map(get, operands)))
                    if results:
                        if len(out) != len(results):
                            raise ExecutionError(
                                f"semantics produced {len(out)} values for {len(results)} results"
                            )
                        if len(results) == 1:
                            env[results[0]] = out[0]
                        else:
                            for r, v in zip(results, out):
                                env[r] = v
            except InterpreterError:
                raise
            except ExecutionError as e:
                raise InterpreterError.at(op.location, f"'{op.name}' op {e}") from None
            except KeyError as e:
                if op is not None and any(v not in env for v in op.operands):
                    raise InterpreterError.at(
                        op.location, f"'{op.name}' op uses a value that was not computed"
                    ) from None
                raise _failure(op, e) from e
            except RecursionError:
                raise InterpreterError.at(op.location, "Python recursion limit reached") from None
            except Exception as e:  # noqa: BLE001 - numpy and semantic errors at the op
                raise _failure(op, e) from e
            if type(out) is Jump:
                block, args = out.block, out.args
                continue
            return out

    def _compile(self, block: Block) -> list:
        """The block's ops with their handlers and operand/result lists, built once."""
        plan = []
        for op in block.ops:
            h = handler_for(op.name)
            if h is None:
                h = _yield if type(op).has_trait(ReturnLike) else _missing
            elif op.name.startswith(("arith.", "math.")) and any(
                is_bf16(r.type) for r in op.results
            ):
                h = _rounding_bf16(h)
            plan.append((h, op, tuple(u.value for u in op.operand_uses), op.results))
        last = block.last
        if last is not None and type(last).is_registered and not type(last).has_trait(IsTerminator):
            raise InterpreterError.at(last.location, "block does not end with a terminator")
        self._plans[block] = plan
        return plan

    # -- symbols and globals ---------------------------------------------------------------

    def _symbol_table(self, table: Operation) -> dict[str, Operation]:
        symbols = self._symbols.get(table)
        if symbols is None:
            symbols = {}
            for region in table.regions:
                for block in region.blocks:
                    for op in block.ops:
                        name = op.get_attr("sym_name")
                        if isinstance(name, StringAttr):
                            symbols.setdefault(name.value, op)
            self._symbols[table] = symbols
        return symbols

    def lookup_symbol(self, op: Operation, ref: Any) -> Operation:
        """The op a symbol reference from `op` names (nearest symbol table, then nested)."""
        if not isinstance(ref, SymbolRefAttr):
            raise ExecutionError(f"expected a symbol reference, got {ref}")
        table = op.parent_op
        while table is not None and not type(table).has_trait(SymbolTable):
            table = table.parent_op
        if table is None:
            table = self.module
        target = self._symbol_table(table).get(ref.root)
        for name in ref.nested:
            target = None if target is None else self._symbol_table(target).get(name)
        if target is None:
            raise ExecutionError(f"no symbol named '{_ref_text(ref)}'")
        return target

    def global_buffer(self, global_op: Operation) -> np.ndarray:
        """The buffer of a `memref.global`, made from its initial value on first use."""
        buf = self._globals.get(global_op)
        if buf is None:
            t = global_op.get_attr("type").value
            init = global_op.get_attr("initial_value")
            dtype = storage_dtype(t)
            if init is None:
                raise ExecutionError(
                    f"global '@{global_op.get_attr('sym_name').value}' is an external "
                    "declaration without a value"
                )
            if isinstance(init, UnitAttr):
                buf = _uninitialized(t.shape, dtype)
            else:
                buf = np.array(elements_array(init), dtype=dtype).reshape(t.shape)
            if global_op.get_attr("constant") is not None:
                buf.flags.writeable = False
            self._globals[global_op] = buf
        return buf

    def _call_external(self, func: Operation, args: Sequence[Any]) -> list:
        name = func.get_attr("sym_name").value
        fn = self.externals.get(name)
        if fn is None:
            raise InterpreterError.at(
                func.location,
                f"function '@{name}' is an external declaration; pass its implementation in "
                "`externals`",
            )
        return list(fn(*args))

    # -- checking arguments and results ----------------------------------------------------

    def _check_inputs(self, func: Operation, ftype: FunctionType, inputs: list) -> tuple:
        name = func.get_attr("sym_name").value
        want = ftype.inputs
        if len(inputs) != len(want):
            raise InterpreterError.at(
                func.location,
                f"@{name} takes {len(want)} argument{'s' if len(want) != 1 else ''}, "
                f"{len(inputs)} were given",
            )
        names = arg_names(func)
        entry = func.regions[0].blocks[0] if func.regions and func.regions[0].blocks else None
        if entry is not None:  # MLIR text names its arguments: %x is 'x'
            hints = [a.name_hint for a in entry.args]
            names = [n or (h if h and not h.isdigit() else None) for n, h in zip(names, hints)]
        args, writeback = [], []
        for i, (t, value) in enumerate(zip(want, inputs)):
            try:
                v = convert_input(t, value)
            except ExecutionError as e:
                raise InterpreterError.at(
                    func.location, f"@{name} argument #{i}{_quoted(names[i])}: {e}"
                ) from None
            if isinstance(t, (MemRefType, UnrankedMemRefType)):
                v, flat = _adopt_memref(v)
                if v is not value and value.flags.writeable:
                    writeback.append((v, value))  # the caller sees the function's stores
                self._roots.append((_address(flat), _address(flat) + flat.nbytes, flat))
            args.append(v)
        return args, writeback

    def _check_results(self, func: Operation, ftype: FunctionType, results: list) -> None:
        name = func.get_attr("sym_name").value
        if len(results) != len(ftype.results):
            raise InterpreterError.at(
                func.location,
                f"@{name} returned {len(results)} values for {len(ftype.results)} results",
            )
        for i, (t, v) in enumerate(zip(ftype.results, results)):
            problem = type_mismatch(t, v)
            if problem is not None:
                raise InterpreterError.at(func.location, f"@{name} result #{i}: {problem}")


def run_function(
    module: Operation, name: str, inputs: Sequence[Any], **options: Any
) -> list[np.ndarray]:
    """Run function `name` of `module` on numpy `inputs`; its results as numpy arrays.
    Options are `Interpreter`'s (`externals`, `max_call_depth`)."""
    return Interpreter(module, **options).run(name, inputs)


def arg_names(func: Operation) -> list[str | None]:
    """Each argument's `onnx.name` argument attribute, where it has one."""
    return _names(func.get_attr("arg_attrs"), len(func.get_attr("function_type").value.inputs))


def result_names(func: Operation) -> list[str | None]:
    """Each result's `onnx.name` result attribute, where it has one."""
    return _names(func.get_attr("res_attrs"), len(func.get_attr("function_type").value.results))


def _names(attrs: Any, n: int) -> list[str | None]:
    out: list[str | None] = [None] * n
    if isinstance(attrs, ArrayAttr):
        for i, d in enumerate(attrs.value[:n]):
            name = d.get("onnx.name") if isinstance(d, DictionaryAttr) else None
            if isinstance(name, StringAttr):
                out[i] = name.value
    return out


def _quoted(name: str | None) -> str:
    return "" if name is None else f" ('{name}')"


def _ref_text(ref: SymbolRefAttr) -> str:
    return "::".join(["@" + ref.root, *("@" + n for n in ref.nested)])


def _owner_loc(region: Region) -> Location:
    from dialir.core.ir.attrs import UNKNOWN_LOC

    owner = region.parent
    return UNKNOWN_LOC if owner is None else owner.location


def _failure(op: Operation | None, e: Exception) -> InterpreterError:
    from dialir.core.ir.attrs import UNKNOWN_LOC

    if op is None:
        return InterpreterError.at(UNKNOWN_LOC, f"{type(e).__name__}: {e}")
    return InterpreterError.at(op.location, f"'{op.name}' op failed: {type(e).__name__}: {e}")


def _rounding_bf16(h: Handler) -> Handler:
    """`h`, with its bf16 results (computed in float32) rounded to bf16 precision."""

    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        out = h(interp, op, args)
        return [round_bf16(v) if is_bf16(r.type) else v for r, v in zip(op.results, out)]

    return handler


def _missing(interp: Interpreter, op: Operation, args: list) -> Any:
    raise InterpreterError.at(op.location, f"interpreter: no semantics for '{op.name}'")


def _yield(interp: Interpreter, op: Operation, args: list) -> Any:
    """A return-like terminator: its operands go back to the region's owner."""
    return args


# -- values and types ----------------------------------------------------------------------


def describe(value: Any) -> str:
    """A short description of a runtime value for diagnostics."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {tuple(value.shape)} and dtype {value.dtype}"
    if isinstance(value, np.generic):
        return f"a scalar of dtype {value.dtype}"
    if isinstance(value, Operation):
        return f"a '{value.name}' op"
    return f"a Python {type(value).__name__}"


def _shape_text(shape: Sequence[Any]) -> str:
    return "x".join("?" if d is DYNAMIC else str(d) for d in shape) or "scalar"


def type_mismatch(t: Type, value: Any) -> str | None:
    """Why `value` is not a runtime value of type `t`, or None if it is."""
    if isinstance(t, (RankedTensorType, VectorType, MemRefType)):
        if not isinstance(value, np.ndarray):
            return f"expected {t}, got {describe(value)}"
        dtype = storage_dtype(t)
        if value.dtype != dtype:
            return f"expected {t} (dtype {dtype}), got {describe(value)}"
        if value.ndim != len(t.shape):
            return f"expected {t} (rank {len(t.shape)}), got {describe(value)}"
        for i, (d, n) in enumerate(zip(t.shape, value.shape)):
            if d is not DYNAMIC and d != n:
                return f"expected {t}, got {describe(value)}: dimension {i} is {n}, not {d}"
        return None
    if isinstance(t, (UnrankedTensorType, UnrankedMemRefType)):
        if not isinstance(value, np.ndarray):
            return f"expected {t}, got {describe(value)}"
        dtype = storage_dtype(t)
        return (
            None if value.dtype == dtype else f"expected {t} (dtype {dtype}), got {describe(value)}"
        )
    if isinstance(t, (IntegerType, IndexType, FloatType)):
        dtype = storage_dtype(t)
        if not isinstance(value, (np.generic, np.ndarray)) or np.ndim(value) != 0:
            return f"expected a scalar {t}, got {describe(value)}"
        return (
            None if value.dtype == dtype else f"expected {t} (dtype {dtype}), got {describe(value)}"
        )
    if isinstance(t, FunctionType):
        if isinstance(value, Operation) and value.name == "func.func":
            return None
        return f"expected a function of type {t}, got {describe(value)}"
    return None  # a dialect type the interpreter does not model: passed through


def convert_input(t: Type, value: Any) -> Any:
    """`value` as the runtime value of an argument of type `t`; ExecutionError when it is not
    one. Python scalars are accepted for scalar types; numpy values must have the exact
    dtype."""
    if isinstance(t, (IntegerType, IndexType, FloatType)):
        dtype = storage_dtype(t)
        if isinstance(value, np.ndarray) and value.ndim == 0:
            value = value[()]
        if isinstance(value, (bool, int, float)) and not isinstance(value, np.generic):
            return _python_scalar(t, dtype, value)
    elif isinstance(t, (RankedTensorType, VectorType)) and isinstance(value, np.generic):
        value = np.asarray(value)
    if is_bf16(t) and getattr(value, "dtype", None) == _BFLOAT16:
        value = value.astype(np.float32)  # exact: the nn convention holds bf16 in float32
    problem = type_mismatch(t, value)
    if problem is not None:
        raise ExecutionError(problem)
    return value


def _python_scalar(t: Type, dtype: np.dtype, value: Any) -> Any:
    if isinstance(t, FloatType):
        if isinstance(value, bool):
            raise ExecutionError(f"expected a {t} value, got a Python bool")
        return dtype.type(value)
    if isinstance(value, float):
        raise ExecutionError(f"expected an integer value of type {t}, got a Python float")
    info = _int_info(t)
    v = int(value)
    lo = 0 if info.unsigned else -(1 << (info.width - 1))
    hi = (1 << info.width) - 1 if info.unsigned or info.is_bool else (1 << (info.width - 1)) - 1
    if info.is_bool:
        lo = -1
    if not lo <= v <= hi:
        raise ExecutionError(f"value {v} is out of range for type {t}")
    return _to_storage(np.int64(v) if v < (1 << 63) else np.uint64(v), info)


def elements_array(attr: Any) -> np.ndarray:
    """The values of a dense or dense_resource elements attribute (read-only array)."""
    if isinstance(attr, DenseElementsAttr):
        arr = attr.array
        dtype = storage_dtype(attr.type)
        return arr if arr.dtype == dtype else arr.astype(dtype)
    if isinstance(attr, DenseResourceElementsAttr):
        key, blob = attr.handle.key, attr.handle.blob
        if blob is None:
            raise ExecutionError(f"unknown dense_resource blob '{key}'")
        dtype = storage_dtype(attr.type)
        shape = tuple(attr.type.shape)
        n = math.prod(shape)
        if len(blob.data) != n * dtype.itemsize:
            raise ExecutionError(
                f"dense_resource blob '{key}' holds {len(blob.data)} bytes, "
                f"{attr.type} needs {n * dtype.itemsize}"
            )
        return np.frombuffer(blob.data, dtype=dtype).reshape(shape)
    raise ExecutionError(f"expected an elements attribute, got {attr}")


def constant_value(attr: Any, t: Type) -> Any:
    """The runtime value of a constant attribute of type `t`."""
    if isinstance(attr, IntegerAttr):
        info = _int_info(t)
        v = attr.value
        return _to_storage(np.int64(v) if v < (1 << 63) else np.uint64(v), info)
    if isinstance(attr, FloatAttr):
        v = storage_dtype(t).type(attr.value)
        return round_bf16(v) if is_bf16(t) else v
    arr = elements_array(attr)
    return round_bf16(arr) if is_bf16(t) else arr


def _uninitialized(shape: Sequence[int], dtype: np.dtype) -> np.ndarray:
    """Fresh memory: NaN for floats, so that reading memory nobody wrote shows up in the
    results instead of passing as zeros."""
    if dtype.kind == "f" or dtype.kind == "V" or dtype.name in ("bfloat16",):
        return np.full(shape, np.nan, dtype=dtype)
    return np.zeros(shape, dtype=dtype)


# -- func ----------------------------------------------------------------------------------


@register_handler("func.return")
def _func_return(interp: Interpreter, op: Operation, args: list) -> Any:
    return args


@register_handler("func.call")
def _func_call(interp: Interpreter, op: Operation, args: list) -> Any:
    callee = interp._cache.get(op)
    if callee is None:
        callee = interp._cache[op] = interp.lookup_symbol(op, op.get_attr("callee"))
        if callee.name != "func.func":
            raise ExecutionError(f"'{_ref_text(op.get_attr('callee'))}' is not a function")
    return _call_noting(interp, op, callee, args)


@register_handler("func.call_indirect")
def _func_call_indirect(interp: Interpreter, op: Operation, args: list) -> Any:
    callee = args[0]
    if not isinstance(callee, Operation):
        raise ExecutionError(f"callee is {describe(callee)}, not a function")
    return _call_noting(interp, op, callee, args[1:])


def _call_noting(interp: Interpreter, op: Operation, callee: Operation, args: list) -> list:
    try:
        return interp.call(callee, args)
    except InterpreterError as e:
        e.diagnostics[0].attach_note("called from here", op.location)
        raise


@register_handler("func.constant")
def _func_constant(interp: Interpreter, op: Operation, args: list) -> Any:
    target = interp.lookup_symbol(op, op.get_attr("value"))
    return (target,)


# -- cf ------------------------------------------------------------------------------------


@register_handler("cf.br")
def _cf_br(interp: Interpreter, op: Operation, args: list) -> Any:
    return Jump(op.successors[0], args)


@register_handler("cf.cond_br")
def _cf_cond_br(interp: Interpreter, op: Operation, args: list) -> Any:
    split = interp._cache.get(op)
    if split is None:
        split = interp._cache[op] = 1 + op.get_attr("operandSegmentSizes").values[1]
    if args[0]:
        return Jump(op.successors[0], args[1:split])
    return Jump(op.successors[1], args[split:])


@register_handler("cf.switch")
def _cf_switch(interp: Interpreter, op: Operation, args: list) -> Any:
    table = interp._cache.get(op)
    if table is None:
        values = op.get_attr("case_values")
        cases = [] if values is None else [int(v) for v in values.array.reshape(-1).tolist()]
        sizes = op.get_attr("case_operand_segments").values
        _, n_default, _ = op.get_attr("operandSegmentSizes").values
        starts, pos = [], 1 + n_default
        for size in sizes:
            starts.append((pos, pos + size))
            pos += size
        table = {}
        for i, v in enumerate(cases):
            table.setdefault(v, (op.successors[1 + i], starts[i]))
        table = interp._cache[op] = (table, n_default)
    cases, n_default = table
    flag = int(_signed(args[0], _int_info(op.operand(0).type)))
    hit = cases.get(flag)
    if hit is None:
        return Jump(op.successors[0], args[1 : 1 + n_default])
    block, (start, stop) = hit
    return Jump(block, args[start:stop])


@register_handler("cf.assert")
def _cf_assert(interp: Interpreter, op: Operation, args: list) -> Any:
    if not args[0]:
        msg = op.get_attr("msg")
        text = msg.value if isinstance(msg, StringAttr) else ""
        raise ExecutionError(f"assertion failed: {text}" if text else "assertion failed")
    return ()


# -- builtin -------------------------------------------------------------------------------


@register_handler("builtin.unrealized_conversion_cast")
def _unrealized_cast(interp: Interpreter, op: Operation, args: list) -> Any:
    if len(args) != len(op.results):
        raise ExecutionError(
            f"casts {len(args)} values to {len(op.results)}: only 1:1 casts have semantics"
        )
    return args


# -- arith: constants and integer arithmetic -----------------------------------------------


@register_handler("arith.constant")
def _arith_constant(interp: Interpreter, op: Operation, args: list) -> Any:
    value = interp._cache.get(op)
    if value is None:
        value = interp._cache[op] = constant_value(op.get_attr("value"), op.results[0].type)
    return (value,)


def _int_binary(fn: Callable, unsigned: bool = False) -> Handler:
    """An integer op computing `fn(a, b, info)` on signed (or unsigned) views of its
    operands; the result wraps to the type's width."""

    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        a, b = args
        info = _int_info(op.results[0].type)
        if info.native and not unsigned:
            return (fn(a, b, info),)
        view = _unsigned if unsigned else _signed
        return (_to_storage(fn(view(a, info), view(b, info), info), info),)

    return handler


def _check_divisor(b: Any) -> None:
    if _any(b == 0):
        raise ExecutionError("division by zero")


def _check_signed_division(a: Any, b: Any, info: _IntInfo) -> None:
    _check_divisor(b)
    if _any((a == -(1 << (info.width - 1))) & (b == -1)):
        raise ExecutionError("signed division overflow (minimum value divided by -1)")


def _divsi(a: Any, b: Any, info: _IntInfo) -> Any:
    _check_signed_division(a, b, info)
    return (a - np.fmod(a, b)) // b  # exact division after removing the truncated remainder


def _ceildivsi(a: Any, b: Any, info: _IntInfo) -> Any:
    _check_signed_division(a, b, info)
    r = np.fmod(a, b)
    q = (a - r) // b
    return q + ((r != 0) & ((a < 0) == (b < 0))).astype(q.dtype)


def _floordivsi(a: Any, b: Any, info: _IntInfo) -> Any:
    _check_signed_division(a, b, info)
    return a // b


def _remsi(a: Any, b: Any, info: _IntInfo) -> Any:
    _check_divisor(b)
    return np.fmod(a, b)


def _divui(a: Any, b: Any, info: _IntInfo) -> Any:
    _check_divisor(b)
    return a // b


def _ceildivui(a: Any, b: Any, info: _IntInfo) -> Any:
    _check_divisor(b)
    return a // b + (a % b != 0).astype(a.dtype)


def _remui(a: Any, b: Any, info: _IntInfo) -> Any:
    _check_divisor(b)
    return a % b


def _shift_amount(b: Any, info: _IntInfo) -> Any:
    u = _unsigned(b, info)
    if _any(u >= info.width):
        raise ExecutionError(f"shift amount is not less than the bit width ({info.width})")
    return u


def _shli(a: Any, b: Any, info: _IntInfo) -> Any:
    return a << _shift_amount(b, info).astype(a.dtype)


def _shrsi(a: Any, b: Any, info: _IntInfo) -> Any:
    return a >> _shift_amount(b, info).astype(a.dtype)


def _shrui(a: Any, b: Any, info: _IntInfo) -> Any:
    return a >> _shift_amount(b, info).astype(a.dtype)


for _name, _fn, _unsigned_op in (
    ("addi", lambda a, b, i: a + b, False),
    ("subi", lambda a, b, i: a - b, False),
    ("muli", lambda a, b, i: a * b, False),
    ("divsi", _divsi, False),
    ("divui", _divui, True),
    ("ceildivsi", _ceildivsi, False),
    ("ceildivui", _ceildivui, True),
    ("floordivsi", _floordivsi, False),
    ("remsi", _remsi, False),
    ("remui", _remui, True),
    ("andi", lambda a, b, i: a & b, False),
    ("ori", lambda a, b, i: a | b, False),
    ("xori", lambda a, b, i: a ^ b, False),
    ("shli", _shli, False),
    ("shrsi", _shrsi, False),
    ("shrui", _shrui, True),
    ("maxsi", lambda a, b, i: np.maximum(a, b), False),
    ("minsi", lambda a, b, i: np.minimum(a, b), False),
    ("maxui", lambda a, b, i: np.maximum(a, b), True),
    ("minui", lambda a, b, i: np.minimum(a, b), True),
):
    register_handler(f"arith.{_name}", _int_binary(_fn, _unsigned_op))


@register_handler("arith.addui_extended")
def _addui_extended(interp: Interpreter, op: Operation, args: list) -> Any:
    info = _int_info(op.results[0].type)
    a, b = _unsigned(args[0], info), _unsigned(args[1], info)
    total = a + b
    if info.width < info.udtype.itemsize * 8:
        total = total & ((1 << info.width) - 1)
    return (_to_storage(total, info), total < a)


# -- arith: floats -------------------------------------------------------------------------


def _float_binary(fn: Callable) -> Handler:
    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        return (fn(args[0], args[1]),)

    return handler


for _name, _fn in (
    ("addf", lambda a, b: a + b),
    ("subf", lambda a, b: a - b),
    ("mulf", lambda a, b: a * b),
    ("divf", lambda a, b: a / b),
    ("remf", np.fmod),
    ("maximumf", np.maximum),  # NaN-propagating
    ("minimumf", np.minimum),
    ("maxnumf", np.fmax),  # NaN-ignoring
    ("minnumf", np.fmin),
):
    register_handler(f"arith.{_name}", _float_binary(_fn))


@register_handler("arith.negf")
def _negf(interp: Interpreter, op: Operation, args: list) -> Any:
    return (-args[0],)


# -- arith: comparisons and select ---------------------------------------------------------

_CMPI_SIGNED = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "slt": lambda a, b: a < b,
    "sle": lambda a, b: a <= b,
    "sgt": lambda a, b: a > b,
    "sge": lambda a, b: a >= b,
}
_CMPI_UNSIGNED = {
    "ult": lambda a, b: a < b,
    "ule": lambda a, b: a <= b,
    "ugt": lambda a, b: a > b,
    "uge": lambda a, b: a >= b,
}
_CMPI_CASES = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"]


@register_handler("arith.cmpi")
def _cmpi(interp: Interpreter, op: Operation, args: list) -> Any:
    plan = interp._cache.get(op)
    if plan is None:
        pred = _CMPI_CASES[op.get_attr("predicate").value]
        fn = _CMPI_SIGNED.get(pred)
        view = _signed if fn is not None else _unsigned
        plan = interp._cache[op] = (fn or _CMPI_UNSIGNED[pred], view, _int_info(op.operand(0).type))
    fn, view, info = plan
    if info.native and view is _signed:
        return (fn(args[0], args[1]),)
    return (fn(view(args[0], info), view(args[1], info)),)


_CMPF = [
    lambda a, b: (a != a) & False,  # false
    lambda a, b: a == b,  # oeq
    lambda a, b: a > b,  # ogt
    lambda a, b: a >= b,  # oge
    lambda a, b: a < b,  # olt
    lambda a, b: a <= b,  # ole
    lambda a, b: (a < b) | (a > b),  # one
    lambda a, b: (a == a) & (b == b),  # ord
    lambda a, b: ~((a < b) | (a > b)),  # ueq
    lambda a, b: ~(a <= b),  # ugt
    lambda a, b: ~(a < b),  # uge
    lambda a, b: ~(a >= b),  # ult
    lambda a, b: ~(a > b),  # ule
    lambda a, b: a != b,  # une
    lambda a, b: (a != a) | (b != b),  # uno
    lambda a, b: (a == a) | True,  # true
]


@register_handler("arith.cmpf")
def _cmpf(interp: Interpreter, op: Operation, args: list) -> Any:
    return (_CMPF[op.get_attr("predicate").value](args[0], args[1]),)


@register_handler("arith.select")
def _select(interp: Interpreter, op: Operation, args: list) -> Any:
    cond, t, f = args
    if isinstance(cond, np.ndarray) and cond.ndim > 0:
        return (np.where(cond, t, f),)
    return (t if cond else f,)


# -- arith: casts --------------------------------------------------------------------------


def _cast(fn: Callable) -> Handler:
    """A cast computing `fn(x, in_type, out_type)`."""

    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        return (fn(args[0], op.operand(0).type, op.results[0].type),)

    return handler


def _extsi(x: Any, a: Type, b: Type) -> Any:
    return _signed(x, _int_info(a)).astype(storage_dtype(b))


def _extui(x: Any, a: Type, b: Type) -> Any:
    return _unsigned(x, _int_info(a)).astype(storage_dtype(b))


def _trunci(x: Any, a: Type, b: Type) -> Any:
    return _to_storage(x, _int_info(b))


def _index_cast(x: Any, a: Type, b: Type) -> Any:
    return _to_storage(_signed(x, _int_info(a)), _int_info(b))


def _sitofp(x: Any, a: Type, b: Type) -> Any:
    return _signed(x, _int_info(a)).astype(storage_dtype(b))


def _uitofp(x: Any, a: Type, b: Type) -> Any:
    return _unsigned(x, _int_info(a)).astype(storage_dtype(b))


def _fp_to_int(signed: bool) -> Callable:
    def cast(x: Any, a: Type, b: Type) -> Any:
        info = _int_info(b)
        t = np.trunc(x.astype(np.float64))
        w = info.width
        lo, hi = (-(2.0 ** (w - 1)), 2.0 ** (w - 1)) if signed else (0.0, 2.0**w)
        if not np.all((t >= lo) & (t < hi)):
            kind = "signed" if signed else "unsigned"
            raise ExecutionError(f"value out of the range of {w}-bit {kind} integers (poison)")
        if signed:
            return _to_storage(t.astype(np.int64), info)
        return _to_storage(t.astype(np.uint64), info)

    return cast


def _float_cast(x: Any, a: Type, b: Type) -> Any:
    return x.astype(storage_dtype(b))


def _bitcast(x: Any, a: Type, b: Type) -> Any:
    if is_bf16(a):  # float32 storage: the bf16 bits are its upper half
        x = (x.view(np.uint32) >> 16).astype(np.uint16)
    if is_bf16(b):
        return (_unsigned(x, _int_info(a)).astype(np.uint32) << 16).view(np.float32)
    dtype = storage_dtype(b)
    return x if x.dtype == dtype else x.view(dtype)


for _name, _fn in (
    ("extsi", _extsi),
    ("extui", _extui),
    ("trunci", _trunci),
    ("index_cast", _index_cast),
    ("index_castui", lambda x, a, b: _to_storage(_unsigned(x, _int_info(a)), _int_info(b))),
    ("sitofp", _sitofp),
    ("uitofp", _uitofp),
    ("fptosi", _fp_to_int(True)),
    ("fptoui", _fp_to_int(False)),
    ("extf", _float_cast),
    ("truncf", _float_cast),
    ("bitcast", _bitcast),
):
    register_handler(f"arith.{_name}", _cast(_fn))


# -- math ----------------------------------------------------------------------------------


def _round_half_away(a: Any) -> Any:
    t = np.trunc(a)
    return np.where(np.abs(a - t) >= 0.5, t + np.sign(a), t).astype(a.dtype)


def _erf(a: Any) -> Any:
    out = np.vectorize(math.erf, otypes=[np.float64])(np.asarray(a, dtype=np.float64))
    return out.astype(a.dtype)


def _float_unary(fn: Callable) -> Handler:
    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        x = args[0]
        r = fn(x)
        if isinstance(x, np.ndarray):
            return (r if r.dtype == x.dtype else r.astype(x.dtype),)
        r = np.asarray(r)
        return ((r if r.dtype == x.dtype else r.astype(x.dtype))[()],)

    return handler


for _name, _fn in (
    ("absf", np.abs), ("atan", np.arctan), ("cbrt", np.cbrt), ("ceil", np.ceil),
    ("cos", np.cos), ("cosh", np.cosh), ("erf", _erf), ("exp", np.exp), ("exp2", np.exp2),
    ("expm1", np.expm1), ("floor", np.floor), ("log", np.log), ("log10", np.log10),
    ("log1p", np.log1p), ("log2", np.log2), ("round", _round_half_away),
    ("roundeven", np.rint), ("rsqrt", lambda a: 1 / np.sqrt(a)), ("sin", np.sin),
    ("sinh", np.sinh), ("sqrt", np.sqrt), ("tan", np.tan), ("tanh", np.tanh),
    ("trunc", np.trunc),
):  # fmt: skip
    register_handler(f"math.{_name}", _float_unary(_fn))

for _name, _fn in (("powf", np.power), ("atan2", np.arctan2), ("copysign", np.copysign)):
    register_handler(f"math.{_name}", _float_binary(_fn))


@register_handler("math.fma")
def _fma(interp: Interpreter, op: Operation, args: list) -> Any:
    a, b, c = args
    if a.dtype.itemsize < 8:  # the exact product of two narrow floats fits a double
        r = a.astype(np.float64) * b + c
        return (r.astype(a.dtype),)
    return (a * b + c,)


@register_handler("math.fpowi")
def _fpowi(interp: Interpreter, op: Operation, args: list) -> Any:
    a, b = args
    e = _signed(b, _int_info(op.operand(1).type)).astype(np.float64)
    return (np.power(a.astype(np.float64), e).astype(a.dtype),)


@register_handler("math.ipowi")
def _ipowi(interp: Interpreter, op: Operation, args: list) -> Any:
    info = _int_info(op.results[0].type)
    a = np.asarray(_signed(args[0], info)).astype(np.int64)
    b = np.asarray(_signed(args[1], info)).astype(np.int64)
    a, b = np.broadcast_arrays(a, b)
    if _any((a == 0) & (b < 0)):
        raise ExecutionError("zero raised to a negative power (division by zero)")
    result = np.ones(a.shape, dtype=np.int64)
    base = a.copy()
    e = np.where(b < 0, 0, b).astype(np.uint64)
    while _any(e):  # square and multiply; int64 wrap-around is the width's modulo
        result = np.where(e & 1, result * base, result)
        base = base * base
        e = e >> np.uint64(1)
    negative = np.where(a == 1, 1, np.where(a == -1, np.where(b % 2 == 0, 1, -1), 0))
    result = np.where(b < 0, negative, result)
    return (_scalar_like(args[0], _to_storage(result, info)),)


@register_handler("math.absi")
def _absi(interp: Interpreter, op: Operation, args: list) -> Any:
    info = _int_info(op.results[0].type)
    return (_to_storage(np.abs(_signed(args[0], info)), info),)


def _bit_length(u: np.ndarray) -> np.ndarray:
    """Bits needed for each unsigned value (0 for 0), vectorised."""
    u = np.asarray(u, dtype=np.uint64)
    n = np.zeros(u.shape, dtype=np.uint64)
    for s in (32, 16, 8, 4, 2, 1):
        hi = u >> np.uint64(s)
        nz = hi != 0
        n = n + np.where(nz, np.uint64(s), np.uint64(0))
        u = np.where(nz, hi, u)
    return n + (u != 0)


def _int_unary(fn: Callable) -> Handler:
    def handler(interp: Interpreter, op: Operation, args: list) -> Any:
        info = _int_info(op.results[0].type)
        u = np.asarray(_unsigned(args[0], info), dtype=np.uint64)
        r = fn(u, info.width).astype(np.uint64)
        return (_scalar_like(args[0], _to_storage(r, info)),)

    return handler


register_handler("math.ctpop", _int_unary(lambda u, w: np.bitwise_count(u)))
register_handler("math.ctlz", _int_unary(lambda u, w: w - _bit_length(u)))
register_handler(
    "math.cttz",
    _int_unary(
        lambda u, w: np.where(u == 0, np.uint64(w), _bit_length(u & (~u + np.uint64(1))) - 1)
    ),
)


# -- memref --------------------------------------------------------------------------------


def _adopt_memref(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A memref argument as (the array the function sees, its allocation, flat). A
    C-contiguous array is used as it is; anything else is copied into a buffer of its own
    with the same element strides where it can be (and copied back after the call, so the
    caller sees the stores)."""
    if a.flags.c_contiguous:
        return a, a.reshape(-1)
    item = a.itemsize
    if a.size == 0 or any(s < 0 or s % item for s in a.strides):
        c = np.array(a, order="C")
        return c, c.reshape(-1)
    strides = [s // item for s in a.strides]
    span = sum((n - 1) * s for n, s in zip(a.shape, strides)) + 1
    root = np.empty(span, dtype=a.dtype)
    view = np.lib.stride_tricks.as_strided(root, a.shape, a.strides)
    view[...] = a
    return view, root


def _address(a: np.ndarray) -> int:
    return a.__array_interface__["data"][0]


def _root(interp: Interpreter, a: np.ndarray) -> tuple[np.ndarray, int]:
    """The allocation a memref view lives in, flattened, and the view's element offset.
    A function argument is an allocation of its own (the caller's array may itself be a
    view of something larger); anything else is the numpy array owning the memory."""
    addr = _address(a)
    for start, end, flat in interp._roots:
        if start <= addr < end or start == addr:
            return flat, (addr - start) // max(a.itemsize, 1)
    root = a
    while isinstance(root.base, np.ndarray):
        root = root.base
    if not root.flags.c_contiguous:
        raise ExecutionError("the memref's buffer is not a contiguous allocation")
    flat = root.reshape(-1)
    return flat, (addr - _address(flat)) // max(a.itemsize, 1)


def _mixed(static: Sequence[int], dynamic: Sequence[Any]) -> list[int]:
    """Static values with each dynamic sentinel replaced by the next dynamic operand."""
    it = iter(dynamic)
    return [int(next(it)) if s == DYNAMIC_INDEX else int(s) for s in static]


def _segments(op: Operation, args: list) -> list[list]:
    sizes = op.get_attr("operandSegmentSizes").values
    out, pos = [], 0
    for n in sizes:
        out.append(args[pos : pos + n])
        pos += n
    return out


def _shape_of(t: MemRefType, dynamic: Sequence[Any]) -> tuple[int, ...]:
    it = iter(dynamic)
    shape = tuple(int(next(it)) if d is DYNAMIC else d for d in t.shape)
    if any(d < 0 for d in shape):
        raise ExecutionError(f"negative dimension size in {list(shape)}")
    return shape


def _alloc(interp: Interpreter, op: Operation, args: list) -> Any:
    t = op.results[0].type
    dynamic = _segments(op, args)[0] if op.get_attr("operandSegmentSizes") else args
    return (_uninitialized(_shape_of(t, dynamic), storage_dtype(t)),)


register_handler("memref.alloc", _alloc)
register_handler("memref.alloca", _alloc)


@register_handler("memref.dealloc")
def _dealloc(interp: Interpreter, op: Operation, args: list) -> Any:
    return ()


def _check_indices(m: np.ndarray, indices: Sequence[Any]) -> tuple:
    shape = m.shape
    for i, (x, n) in enumerate(zip(indices, shape)):
        if not 0 <= x < n:
            idx = ", ".join(str(int(v)) for v in indices)
            raise ExecutionError(
                f"index [{idx}] is out of bounds of a memref of shape {list(shape)} (dimension {i})"
            )
    return tuple(indices)


@register_handler("memref.load")
def _load(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[0]
    return (m[_check_indices(m, args[1:])],)


@register_handler("memref.store")
def _store(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[1]
    idx = _check_indices(m, args[2:])
    if not m.flags.writeable:
        raise ExecutionError("store to a read-only memref (a constant global?)")
    m[idx] = args[0]
    return ()


@register_handler("memref.copy")
def _copy(interp: Interpreter, op: Operation, args: list) -> Any:
    src, dst = args
    if src.shape != dst.shape:
        raise ExecutionError(f"copies shape {list(src.shape)} into shape {list(dst.shape)}")
    if not dst.flags.writeable:
        raise ExecutionError("copy into a read-only memref (a constant global?)")
    dst[...] = src
    return ()


@register_handler("memref.dim")
def _dim(interp: Interpreter, op: Operation, args: list) -> Any:
    m, i = args
    if not 0 <= i < m.ndim:
        raise ExecutionError(f"dimension index {int(i)} is out of range for rank {m.ndim}")
    return (np.int64(m.shape[int(i)]),)


@register_handler("memref.rank")
def _rank(interp: Interpreter, op: Operation, args: list) -> Any:
    return (np.int64(args[0].ndim),)


def _same_buffer_cast(interp: Interpreter, op: Operation, args: list) -> Any:
    problem = type_mismatch(op.results[0].type, args[0])
    if problem is not None:
        raise ExecutionError(f"invalid cast at run time: {problem}")
    return (args[0],)


register_handler("memref.cast", _same_buffer_cast)
register_handler("memref.memory_space_cast", _same_buffer_cast)


@register_handler("memref.assume_alignment")
def _assume_alignment(interp: Interpreter, op: Operation, args: list) -> Any:
    return (args[0],) if op.results else ()


@register_handler("memref.prefetch")
def _prefetch(interp: Interpreter, op: Operation, args: list) -> Any:
    return ()


@register_handler("memref.get_global")
def _get_global(interp: Interpreter, op: Operation, args: list) -> Any:
    buf = interp._cache.get(op)
    if buf is None:
        target = interp.lookup_symbol(op, op.get_attr("name"))
        if target.name != "memref.global":
            raise ExecutionError(f"'{_ref_text(op.get_attr('name'))}' is not a memref.global")
        buf = interp._cache[op] = interp.global_buffer(target)
    return (buf,)


def _rank_reduce(view: np.ndarray, result_shape: Sequence[Any]) -> np.ndarray:
    """Drop the unit dimensions a rank-reducing subview leaves out (MLIR's greedy
    computeRankReductionMask)."""
    if view.ndim == len(result_shape):
        return view
    drop, j = [], 0
    for i, n in enumerate(view.shape):
        if j < len(result_shape) and (result_shape[j] is DYNAMIC or result_shape[j] == n):
            j += 1
        elif n == 1:
            drop.append(i)
        else:
            raise ExecutionError(
                f"cannot reduce sizes {list(view.shape)} to the result shape "
                f"{_shape_text(result_shape)}"
            )
    return np.squeeze(view, axis=tuple(drop))


@register_handler("memref.subview")
def _subview(interp: Interpreter, op: Operation, args: list) -> Any:
    src = args[0]
    _, offs, sizes, strides = _segments(op, args)
    offsets = _mixed(op.get_attr("static_offsets").values, offs)
    sizes = _mixed(op.get_attr("static_sizes").values, sizes)
    steps = _mixed(op.get_attr("static_strides").values, strides)
    index = []
    for d, (o, n, s, dim) in enumerate(zip(offsets, sizes, steps, src.shape)):
        if n < 0 or s < 1 and n > 1 or o < 0 or n > 0 and o + (n - 1) * s >= dim:
            raise ExecutionError(
                f"subview [offset {o}, size {n}, stride {s}] is out of bounds of dimension {d} "
                f"(size {dim})"
            )
        index.append(slice(o, o + (n - 1) * s + 1, s) if n > 0 else slice(o, o))
    return (_rank_reduce(src[tuple(index)], op.results[0].type.shape),)


@register_handler("memref.reinterpret_cast")
def _reinterpret_cast(interp: Interpreter, op: Operation, args: list) -> Any:
    _, offs, sizes, strides = _segments(op, args)
    (offset,) = _mixed(op.get_attr("static_offsets").values, offs)
    sizes = _mixed(op.get_attr("static_sizes").values, sizes)
    strides = _mixed(op.get_attr("static_strides").values, strides)
    return (_strided_view(interp, args[0], offset, sizes, strides),)


def _strided_view(
    interp: Interpreter, src: np.ndarray, offset: int, sizes: list[int], strides: list[int]
) -> np.ndarray:
    flat, _ = _root(interp, src)
    if any(n < 0 for n in sizes):
        raise ExecutionError(f"negative size in {sizes}")
    if all(n > 0 for n in sizes):
        lo = offset + sum((n - 1) * s for n, s in zip(sizes, strides) if s < 0)
        hi = offset + sum((n - 1) * s for n, s in zip(sizes, strides) if s > 0)
        if lo < 0 or hi >= flat.size:
            raise ExecutionError(
                f"offset {offset}, sizes {sizes}, strides {strides} reach elements {lo} to {hi} "
                f"of a buffer of {flat.size}"
            )
    elif not 0 <= offset <= flat.size:
        raise ExecutionError(f"offset {offset} is outside a buffer of {flat.size} elements")
    item = flat.itemsize
    base = flat[offset:] if offset < flat.size else flat[:0]
    return np.lib.stride_tricks.as_strided(
        base, shape=tuple(sizes), strides=tuple(s * item for s in strides)
    )


def _view_reshape(src: np.ndarray, shape: Sequence[int]) -> np.ndarray:
    try:
        return np.reshape(src, tuple(shape), copy=False)
    except ValueError:
        raise ExecutionError(
            f"cannot view shape {list(src.shape)} as {list(shape)} without copying "
            "(the source is not contiguous where the dimensions merge)"
        ) from None


@register_handler("memref.collapse_shape")
def _collapse_shape(interp: Interpreter, op: Operation, args: list) -> Any:
    src = args[0]
    groups = [[x.value for x in g] for g in op.get_attr("reassociation")]
    shape = [math.prod(src.shape[i] for i in g) for g in groups]
    return (_view_reshape(src, shape),)


@register_handler("memref.expand_shape")
def _expand_shape(interp: Interpreter, op: Operation, args: list) -> Any:
    shape = _mixed(op.get_attr("static_output_shape").values, args[1:])
    src = args[0]
    if math.prod(shape) != src.size:
        raise ExecutionError(f"output shape {shape} does not hold the {src.size} elements")
    return (_view_reshape(src, shape),)


@register_handler("memref.reshape")
def _reshape(interp: Interpreter, op: Operation, args: list) -> Any:
    src, shape = args
    dims = [int(d) for d in np.asarray(shape).reshape(-1)]
    if any(d < 0 for d in dims) or math.prod(dims) != src.size:
        raise ExecutionError(f"shape {dims} does not hold the {src.size} elements")
    return (_view_reshape(src, dims),)


@register_handler("memref.transpose")
def _transpose(interp: Interpreter, op: Operation, args: list) -> Any:
    perm = [e.position for e in op.get_attr("permutation").value.results]
    return (np.transpose(args[0], perm),)


@register_handler("memref.view")
def _view(interp: Interpreter, op: Operation, args: list) -> Any:
    src, shift = args[0], int(args[1])
    t = op.results[0].type
    shape = _shape_of(t, args[2:])
    dtype = storage_dtype(t)
    nbytes = math.prod(shape) * dtype.itemsize
    if src.ndim != 1 or src.itemsize != 1 or not src.flags.c_contiguous:
        raise ExecutionError("the source must be a contiguous 1-D byte buffer")
    if shift < 0 or shift + nbytes > src.size:
        raise ExecutionError(
            f"a view of {nbytes} bytes at byte {shift} does not fit a buffer of {src.size}"
        )
    return (src[shift : shift + nbytes].view(dtype).reshape(shape),)


@register_handler("memref.extract_strided_metadata")
def _extract_strided_metadata(interp: Interpreter, op: Operation, args: list) -> Any:
    src = args[0]
    flat, offset = _root(interp, src)
    base = np.lib.stride_tricks.as_strided(flat, shape=(), strides=())
    item = src.itemsize
    return (
        base,
        np.int64(offset),
        *(np.int64(n) for n in src.shape),
        *(np.int64(s // item) for s in src.strides),
    )


@register_handler("memref.extract_aligned_pointer_as_index")
def _extract_pointer(interp: Interpreter, op: Operation, args: list) -> Any:
    return (np.int64(args[0].__array_interface__["data"][0]),)


@register_handler("memref.realloc")
def _realloc(interp: Interpreter, op: Operation, args: list) -> Any:
    src = args[0]
    t = op.results[0].type
    new = _uninitialized(_shape_of(t, args[1:]), src.dtype)
    n = min(new.size, src.size)
    new.reshape(-1)[:n] = src.reshape(-1)[:n]
    return (new,)


@register_handler("memref.alloca_scope")
def _alloca_scope(interp: Interpreter, op: Operation, args: list) -> Any:
    return interp.run_region(op.regions[0], [])


_RMW = {
    "addf": lambda old, v: old + v,
    "addi": lambda old, v: old + v,
    "assign": lambda old, v: v,
    "maximumf": np.maximum,
    "maxs": np.maximum,
    "minimumf": np.minimum,
    "mins": np.minimum,
    "mulf": lambda old, v: old * v,
    "muli": lambda old, v: old * v,
    "ori": lambda old, v: old | v,
    "andi": lambda old, v: old & v,
    "maxnumf": np.fmax,
    "minnumf": np.fmin,
}
_RMW_CASES = [
    "addf", "addi", "assign", "maximumf", "maxs", "maxu", "minimumf", "mins", "minu",
    "mulf", "muli", "ori", "andi", "maxnumf", "minnumf",
]  # fmt: skip


@register_handler("memref.atomic_rmw")
def _atomic_rmw(interp: Interpreter, op: Operation, args: list) -> Any:
    value, m = args[0], args[1]
    idx = _check_indices(m, args[2:])
    old = m[idx]
    kind = _RMW_CASES[op.get_attr("kind").value]
    if kind in ("maxu", "minu"):
        info = _int_info(op.operand(0).type)
        pick = np.maximum if kind == "maxu" else np.minimum
        new = _to_storage(pick(_unsigned(old, info), _unsigned(value, info)), info)
    elif kind in ("addi", "muli"):
        info = _int_info(op.operand(0).type)
        new = _to_storage(_RMW[kind](_signed(old, info), _signed(value, info)), info)
    else:
        new = _RMW[kind](old, value)
    m[idx] = new
    return (old,)


@register_handler("memref.generic_atomic_rmw")
def _generic_atomic_rmw(interp: Interpreter, op: Operation, args: list) -> Any:
    m = args[0]
    idx = _check_indices(m, args[1:])
    old = m[idx]
    (new,) = interp.run_region(op.regions[0], [old])
    m[idx] = new
    return (old,)


# -- nn ------------------------------------------------------------------------------------


def _load_nn_semantics() -> None:
    """Register `dialir.dialects.nn.reference.evaluate` for every nn op it has semantics for
    (once; nn ops without a reference stay unhandled)."""
    if "nn.constant" in _HANDLERS:
        return
    try:
        from dialir.dialects.nn import reference
    except ImportError:
        return
    from dialir.dialects.nn.ops import OPS

    for cls in OPS:
        if reference.has_reference(cls.OP_NAME):
            _HANDLERS.setdefault(cls.OP_NAME, _nn_handler)
    _HANDLERS.setdefault("nn.elementwise", _nn_elementwise)


def _nn_elementwise(interp: Interpreter, op: Operation, args: list) -> Any:
    """`nn.elementwise`: the scalar body runs once on whole arrays (the inputs broadcast to
    the result shape), as every arith/math handler works on arrays too."""
    t = op.results[0].type
    shape = np.broadcast_shapes(*(np.shape(a) for a in args)) if args else ()
    if len(shape) != t.rank:
        shape = (1,) * (t.rank - len(shape)) + tuple(shape)
    inputs = [np.broadcast_to(a, shape) for a in args]
    (out,) = interp.run_region(op.regions[0], inputs)
    out = np.broadcast_to(np.asarray(out, dtype=storage_dtype(t.element_type)), shape)
    return [np.ascontiguousarray(out)]


def _nn_handler(interp: Interpreter, op: Operation, args: list) -> Any:
    from dialir.dialects.nn.reference import evaluate

    results = evaluate(op, args)
    # The reference and the op's (inferred) result types must agree: the interpreter is the
    # oracle, so a disagreement is an error, not a silently different shape.
    for i, (r, v) in enumerate(zip(op.results, results)):
        problem = type_mismatch(r.type, v)
        if problem is not None:
            raise ExecutionError(f"result #{i}: {problem}")
    return results


__all__ = [
    "ExecutionError", "Handler", "Interpreter", "InterpreterError", "Jump", "arg_names",
    "constant_value", "convert_input", "describe", "element_type", "elements_array",
    "handler_for", "register_handler", "result_names", "run_function", "storage_dtype",
    "type_mismatch",
]  # fmt: skip
