"""The interpreter's engine: the handler registry, runtime values, and the loop that runs
blocks, branches between them and calls functions, with every failure reported as a
diagnostic at the op's location.

Handlers live with their dialect (`builtin.py`, `func.py`, `cf.py`, `arith.py`, ...): each
module registers its own with `register_handler`, and is imported the first time a block
holding one of its dialect's ops is run (`register_interpreter_module`, or the
`dialir.interpreter` entry-point group for dialects from other packages).

Runtime values:
  integers, index   numpy scalars of the storage dtype (`storage_dtype`): signless and signed
                    integers as signed numpy ints, unsigned as unsigned ints, i1 as bool,
                    index as int64; always wrapped to the type's width
  floats            numpy float16/float32/float64 scalars; bf16 values are float32 rounded
                    to bf16 precision after every op (`compute_dtype`: numpy has no bf16
                    arithmetic), the f8 kinds are ml_dtypes scalars
  tensors, vectors  numpy arrays, never written to
  memrefs           writable numpy arrays or views of them: a view shares its buffer as a
                    memref shares its allocation
  functions         the `func.func` op (what `func.constant` yields)
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

import numpy as np

from dialir.core.ir.attrs import (
    UNKNOWN_LOC,
    ArrayAttr,
    DenseElementsAttr,
    DenseResourceElementsAttr,
    DictionaryAttr,
    FloatAttr,
    IntegerAttr,
    Location,
    StringAttr,
    SymbolRefAttr,
)
from dialir.core.ir.diagnostics import DiagnosticError
from dialir.core.ir.dtypes import compute_dtype, float_dtype, is_bf16, round_bf16
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

# -- errors and the branch protocol --------------------------------------------------------


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


# -- the handler registry ------------------------------------------------------------------

Handler = Callable[["Interpreter", Operation, list], Any]
"""`handler(interp, op, operand_values)` -> the result values (a sequence, one per result);
a terminator returns a `Jump`, or the values it passes back to the region's owner."""

_HANDLERS: dict[str, Handler] = {}
_ROUNDS_BF16: set[str] = set()  # ops computing bf16 results in float32: rounded after each
_MODULES: dict[str, str | Callable[[], Any]] = {}  # dialect -> its handler module (or loader)
_LOADED: set[str] = set()  # dialects whose handlers were looked for
_ENTRY_POINTS_READ = False


def register_handler(op_name: str, fn: Handler | None = None, *, rounds_bf16: bool = False) -> Any:
    """Give `op_name` its semantics (replacing any earlier handler). Usable as a decorator:
    `@register_handler("scf.for")`. With `rounds_bf16`, the handler computes bf16 values in
    float32 and the engine rounds its bf16 results to bf16 precision."""
    if fn is None:
        return lambda f: register_handler(op_name, f, rounds_bf16=rounds_bf16)
    dot = op_name.find(".")
    if dot > 0 and op_name[:dot] in _MODULES:
        _load_handlers(op_name[:dot])  # first, so that its module does not replace `fn` later
    _HANDLERS[op_name] = fn
    if rounds_bf16:
        _ROUNDS_BF16.add(op_name)
    else:
        _ROUNDS_BF16.discard(op_name)
    return fn


def register_interpreter_module(dialect: str, module: str | Callable[[], Any]) -> None:
    """Make `module` (a module path, imported when needed, or a callable) the one that
    registers the handlers of `dialect`'s ops: it is loaded the first time an op of the
    dialect is about to run, so a dialect's semantics cost nothing until then."""
    _MODULES[dialect] = module
    _LOADED.discard(dialect)


def handler_for(op_name: str) -> Handler | None:
    """The handler registered for `op_name`, loading its dialect's handlers on first use."""
    h = _HANDLERS.get(op_name)
    if h is None:
        dot = op_name.find(".")
        if dot > 0 and _load_handlers(op_name[:dot]):
            h = _HANDLERS.get(op_name)
    return h


def _load_handlers(dialect: str) -> bool:
    """Import the handler module of `dialect` (once); whether anything was loaded."""
    if dialect in _LOADED:
        return False
    _LOADED.add(dialect)
    module = _MODULES.get(dialect)
    if module is None:
        _read_entry_points()
        module = _MODULES.get(dialect)
        if module is None:
            return False
    if isinstance(module, str):
        import_module(module)
    else:
        module()
    return True


def _read_entry_points() -> None:
    """Handler modules of other packages: `[project.entry-points."dialir.interpreter"]`,
    `<dialect> = "package.module"` (a module that registers on import, or a callable)."""
    global _ENTRY_POINTS_READ
    if _ENTRY_POINTS_READ:
        return
    _ENTRY_POINTS_READ = True
    for ep in entry_points(group="dialir.interpreter"):
        _MODULES.setdefault(ep.name, lambda ep=ep: _call_if_callable(ep.load()))


def _call_if_callable(obj: Any) -> None:
    if callable(obj):
        obj()


# -- storage -------------------------------------------------------------------------------


def element_type(t: Type) -> Type:
    return t.element_type if isinstance(t, ShapedType) else t


_STORAGE: dict[Type, np.dtype] = {}


def storage_dtype(t: Type) -> np.dtype:
    """The numpy dtype holding values (or elements) of type `t` at run time: the element
    type's `compute_dtype`, where the interpreter can compute in it."""
    et = element_type(t)
    dtype = _STORAGE.get(et)
    if dtype is None:
        dtype = _STORAGE[et] = _storage_dtype(et)
    return dtype


def _storage_dtype(et: Type) -> np.dtype:
    if isinstance(et, IntegerType) and not 0 < et.width <= 64:
        raise ExecutionError(f"no storage for integer type '{et}' (widths 1 to 64 run)")
    if isinstance(et, FloatType) and et.kind != "bf16" and float_dtype(et.kind) is None:
        raise ExecutionError(f"no storage for float type '{et}'")
    if not isinstance(et, (IntegerType, IndexType, FloatType)):
        raise ExecutionError(f"no storage for element type '{et}'")
    return compute_dtype(et)


class IntInfo:
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


_INT_INFO: dict[Type, IntInfo] = {}


def int_info(t: Type) -> IntInfo:
    et = element_type(t)
    info = _INT_INFO.get(et)
    if info is None:
        if not isinstance(et, (IntegerType, IndexType)):
            raise ExecutionError(f"expected an integer-like type, got '{t}'")
        info = _INT_INFO[et] = IntInfo(et)
    return info


def as_signed(x: Any, info: IntInfo) -> Any:
    """The values as signed integers of the type's width (i1 true is -1)."""
    if info.native:
        return x
    if info.is_bool:
        return -x.astype(np.int8)
    if info.unsigned:
        x = x.astype(info.sdtype)
    half = 1 << (info.width - 1)
    return ((x + half) & ((half << 1) - 1)) - half if info.width < x.dtype.itemsize * 8 else x


def as_unsigned(x: Any, info: IntInfo) -> Any:
    """The values as unsigned integers of the type's width."""
    if info.is_bool:
        return x.astype(np.uint8)
    u = x.astype(info.udtype)
    if info.width < info.udtype.itemsize * 8:
        u = u & ((1 << info.width) - 1)
    return u


def to_storage(r: Any, info: IntInfo) -> Any:
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


def scalar_like(x: Any, r: np.ndarray) -> Any:
    """`r` as a numpy scalar when the operand `x` was one (np.where makes 0-d arrays)."""
    return r[()] if not isinstance(x, np.ndarray) else r


def any_true(mask: Any) -> bool:
    return bool(np.any(mask))


def uninitialized(shape: Sequence[int], dtype: np.dtype) -> np.ndarray:
    """Fresh memory: NaN for floats, so that reading memory nobody wrote shows up in the
    results instead of passing as zeros."""
    if dtype.kind == "f" or dtype.kind == "V":
        return np.full(shape, np.nan, dtype=dtype)
    return np.zeros(shape, dtype=dtype)


def check_indices(m: np.ndarray, indices: Sequence[Any]) -> tuple:
    """`indices` as a subscript of `m` after checking they lie inside it (numpy would wrap
    negative ones around; MLIR leaves out-of-bounds accesses undefined: an error here)."""
    shape = m.shape
    for i, (x, n) in enumerate(zip(indices, shape)):
        if not 0 <= x < n:
            idx = ", ".join(str(int(v)) for v in indices)
            raise ExecutionError(
                f"index [{idx}] is out of bounds of a memref of shape {list(shape)} (dimension {i})"
            )
    return tuple(indices)


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


def shape_text(shape: Sequence[Any]) -> str:
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
    dtype (bf16 may come as ml_dtypes.bfloat16, ONNX's type for it)."""
    if isinstance(t, (IntegerType, IndexType, FloatType)):
        dtype = storage_dtype(t)
        if isinstance(value, np.ndarray) and value.ndim == 0:
            value = value[()]
        if isinstance(value, (bool, int, float)) and not isinstance(value, np.generic):
            return _python_scalar(t, dtype, value)
    elif isinstance(t, (RankedTensorType, VectorType)) and isinstance(value, np.generic):
        value = np.asarray(value)
    if is_bf16(t) and getattr(value, "dtype", None) == float_dtype("bf16"):
        value = value.astype(np.float32)  # exact: bf16 is computed in float32
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
    info = int_info(t)
    v = int(value)
    lo = 0 if info.unsigned else -(1 << (info.width - 1))
    hi = (1 << info.width) - 1 if info.unsigned or info.is_bool else (1 << (info.width - 1)) - 1
    if info.is_bool:
        lo = -1
    if not lo <= v <= hi:
        raise ExecutionError(f"value {v} is out of range for type {t}")
    return to_storage(np.int64(v) if v < (1 << 63) else np.uint64(v), info)


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
        info = int_info(t)
        v = attr.value
        return to_storage(np.int64(v) if v < (1 << 63) else np.uint64(v), info)
    if isinstance(attr, FloatAttr):
        v = storage_dtype(t).type(attr.value)
        return round_bf16(v) if is_bf16(t) else v
    arr = elements_array(attr)
    return round_bf16(arr) if is_bf16(t) else arr


# -- the interpreter -----------------------------------------------------------------------


class Interpreter:
    """Executes the functions of one module.

    `externals` maps the names of external function declarations to Python callables
    (`fn(*args) -> sequence of results`). Handlers keep per-op facts they compute once in
    `cache` (keyed by op; a memref.global's buffer lives there as long as the instance)."""

    def __init__(
        self,
        module: Operation,
        externals: dict[str, Callable] | None = None,
        max_call_depth: int = 1000,
    ) -> None:
        self.module = module
        self.externals = dict(externals or {})
        self.max_call_depth = max_call_depth
        self.cache: dict[Operation, Any] = {}
        # (start address, end address, flat buffer) of each memref argument of the running
        # call: the allocations memref views of the arguments live in.
        self.roots: list[tuple[int, int, np.ndarray]] = []
        self._plans: dict[Block, list] = {}
        self._symbols: dict[Operation, dict[str, Operation]] = {}
        self._env: dict = {}
        self._depth = 0

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
        self.roots = []
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

    @property
    def values(self) -> dict:
        """The runtime values of the running function, by `Value` (one dict per call, shared
        by its nested regions): where a handler that compiles a region reads what the region
        uses from outside, and leaves what nested regions run by `run_region` read."""
        return self._env

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
                raise op_error(op, e) from None
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
            plan.append((op_handler(op), op, tuple(u.value for u in op.operand_uses), op.results))
        last = block.last
        if last is not None and type(last).is_registered and not type(last).has_trait(IsTerminator):
            raise InterpreterError.at(last.location, "block does not end with a terminator")
        self._plans[block] = plan
        return plan

    # -- symbols ---------------------------------------------------------------------------

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
            raise ExecutionError(f"no symbol named '{ref_text(ref)}'")
        return target

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
                self.roots.append((address(flat), address(flat) + flat.nbytes, flat))
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


def ref_text(ref: SymbolRefAttr) -> str:
    """`@a::@b`: a symbol reference as MLIR spells it, for diagnostics."""
    return "::".join(["@" + ref.root, *("@" + n for n in ref.nested)])


def address(a: np.ndarray) -> int:
    """The address of an array's first element."""
    return a.__array_interface__["data"][0]


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


def _quoted(name: str | None) -> str:
    return "" if name is None else f" ('{name}')"


def _owner_loc(region: Region) -> Location:
    owner = region.parent
    return UNKNOWN_LOC if owner is None else owner.location


def op_error(op: Operation, e: Exception) -> InterpreterError:
    """The diagnostic for `e` raised while running `op`: a handler's `ExecutionError` as
    "'<op name>' op <message>", anything else as a failure of the op."""
    if isinstance(e, InterpreterError):
        return e
    if isinstance(e, ExecutionError):
        return InterpreterError.at(op.location, f"'{op.name}' op {e}")
    if isinstance(e, RecursionError):
        return InterpreterError.at(op.location, "Python recursion limit reached")
    return _failure(op, e)


def _failure(op: Operation | None, e: Exception) -> InterpreterError:
    if op is None:
        return InterpreterError.at(UNKNOWN_LOC, f"{type(e).__name__}: {e}")
    return InterpreterError.at(op.location, f"'{op.name}' op failed: {type(e).__name__}: {e}")


def op_handler(op: Operation) -> Handler:
    """What runs `op`: its registered handler (rounding bf16 results where the handler asks
    for it), a return-like terminator's pass-through, or one reporting missing semantics."""
    h = handler_for(op.name)
    if h is None:
        return _yield if type(op).has_trait(ReturnLike) else _missing
    if op.name in _ROUNDS_BF16 and any(is_bf16(r.type) for r in op.results):
        return _rounding_bf16(h)
    return h


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
