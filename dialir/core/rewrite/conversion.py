"""Dialect conversion (MLIR's DialectConversion): legality targets, type converters, conversion
patterns that see converted operands, and the full / partial conversion drivers.

    index_to_i64 = TypeConverter()
    index_to_i64.add_conversion(lambda t: t)                      # every type stays legal...
    index_to_i64.add_conversion(lambda t: i64 if t is index else None)  # ...index becomes i64

    @conversion_pattern("arith.addi")
    def convert_addi(op, operands, rewriter):
        '''addi(index, index) -> addi(i64, i64)'''
        rewriter.replace_op_with(op, AddIOp(*operands))
        return True

    target = ConversionTarget()
    target.add_dynamically_legal_dialect("arith", index_to_i64.is_legal)
    apply_partial_conversion(module, target, [convert_addi(index_to_i64)])

How it works. Ops are legalized one at a time, in pre-order. An op that the target does not
accept is handed to the conversion patterns rooted at it, best benefit first; a pattern sees the
op's operands already remapped to the values that replaced them, converted to the pattern's
type converter's types. Ops a pattern creates are legalized right away, recursively; when that
fails, everything the pattern did is rolled back and the next pattern is tried.

Every IR change goes through the `ConversionPatternRewriter`, which applies it at once and
records how to undo it. A value replaced by one of another type is used through an
`unrealized_conversion_cast` back to the old type (a source materialization); a pattern that
needs a value in its converted type gets a cast the other way (a target materialization). At the
end, casts that cancel or are unused are folded away, the remaining ones go through the type
converter's materialization callbacks, and ops that were erased drop their operands. If any op
could not be legalized, the whole log is undone, so the input IR is exactly as it was, and a
`ConversionError` reports every failing op at its location.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from dialir.core.ir.attrs import UNKNOWN_LOC, ArrayAttr, DictionaryAttr, Location, TypeAttr
from dialir.core.ir.diagnostics import Diagnostic, DiagnosticError
from dialir.core.ir.operation import (
    Block,
    BlockArgument,
    Operation,
    OpResult,
    Region,
    Value,
    gc_paused,
)
from dialir.core.ir.printer import Printer
from dialir.core.ir.traits import OpTrait
from dialir.core.ir.types import FunctionType, Type
from dialir.core.ods.builtin import UnrealizedConversionCastOp
from dialir.core.rewrite.patterns import PatternRewriter, RewritePattern

__all__ = [
    "ConversionError",
    "ConversionPattern",
    "ConversionPatternRewriter",
    "ConversionTarget",
    "FunctionSignatureConversion",
    "LegalizationAction",
    "OpTypeConversion",
    "SignatureConversion",
    "TypeConverter",
    "apply_analysis_conversion",
    "apply_full_conversion",
    "apply_partial_conversion",
    "conversion_pattern",
    "reconcile_unrealized_casts",
]

_CAST = UnrealizedConversionCastOp.OP_NAME
# How deep pattern-created ops may trigger further patterns before the attempt counts as a
# failure (patterns with bounded recursion can otherwise recurse without end).
MAX_LEGALIZATION_DEPTH = 64

LegalityCallback = Callable[[Operation], "bool | None"]


# -- the conversion target ----------------------------------------------------------------------


class LegalizationAction(enum.Enum):
    LEGAL = "legal"
    DYNAMIC = "dynamic"
    ILLEGAL = "illegal"


class _LegalityInfo:
    __slots__ = ("action", "callback", "recursive", "recursive_callback")

    def __init__(self, action: LegalizationAction) -> None:
        self.action = action
        self.callback: LegalityCallback | None = None
        self.recursive = False
        self.recursive_callback: LegalityCallback | None = None


def _compose(new: LegalityCallback, old: LegalityCallback | None) -> LegalityCallback:
    """The newest callback decides; when it answers None ("no opinion") the older one does."""
    if old is None:
        return new

    def composed(op: Operation) -> bool | None:
        answer = new(op)
        return old(op) if answer is None else answer

    return composed


def _op_names(ops: Iterable[str | type]) -> list[str]:
    names = []
    for op in ops:
        if isinstance(op, str):
            names.append(op)
            continue
        name = getattr(op, "OP_NAME", None)
        if not name:
            raise TypeError(f"expected an op name or a registered op class, got {op!r}")
        names.append(name)
    return names


def _dialect_names(dialects: Iterable[Any]) -> list[str]:
    return [d if isinstance(d, str) else d.name for d in dialects]


def _as_list(x: Any) -> list:
    return list(x) if isinstance(x, (list, tuple, set, frozenset)) else [x]


class ConversionTarget:
    """Which ops are legal after a conversion: per op, per dialect, or by a predicate.

    An op's own entry wins over its dialect's, which wins over the unknown-op predicate. A
    predicate returns True (legal), False (illegal) or None (no opinion: the predicate
    registered before it decides; when none does, the op is not legal but not illegal either).
    """

    def __init__(self) -> None:
        self._ops: dict[str, _LegalityInfo] = {}
        self._dialects: dict[str, _LegalityInfo] = {}
        self._unknown: LegalityCallback | None = None

    # -- declaring legality ---------------------------------------------------------------

    def add_legal_op(self, *ops: str | type) -> None:
        self._set_ops(ops, LegalizationAction.LEGAL)

    def add_illegal_op(self, *ops: str | type) -> None:
        self._set_ops(ops, LegalizationAction.ILLEGAL)

    def add_dynamically_legal_op(
        self, ops: str | type | Sequence[str | type], predicate: LegalityCallback
    ) -> None:
        """`predicate(op)` decides whether each op named in `ops` is legal."""
        for info in self._set_ops(_as_list(ops), LegalizationAction.DYNAMIC):
            info.callback = _compose(predicate, info.callback)

    def add_legal_dialect(self, *dialects: Any) -> None:
        self._set_dialects(dialects, LegalizationAction.LEGAL)

    def add_illegal_dialect(self, *dialects: Any) -> None:
        self._set_dialects(dialects, LegalizationAction.ILLEGAL)

    def add_dynamically_legal_dialect(self, dialects: Any, predicate: LegalityCallback) -> None:
        """`predicate(op)` decides for ops of these dialects that have no entry of their own."""
        for info in self._set_dialects(_as_list(dialects), LegalizationAction.DYNAMIC):
            info.callback = _compose(predicate, info.callback)

    def mark_unknown_op_dynamically_legal(self, predicate: LegalityCallback) -> None:
        """`predicate(op)` decides for ops that neither they nor their dialect mention."""
        self._unknown = _compose(predicate, self._unknown)

    def mark_op_recursively_legal(
        self, *ops: str | type, predicate: LegalityCallback | None = None
    ) -> None:
        """A legal instance of these ops makes everything nested in it legal too (its regions
        are not looked at); with `predicate`, only instances for which it is not False."""
        for name in _op_names(ops):
            info = self._ops.get(name)
            if info is None or info.action is LegalizationAction.ILLEGAL:
                raise ValueError(
                    f"'{name}' must be marked legal or dynamically legal before it can be "
                    "marked recursively legal"
                )
            info.recursive = True
            info.recursive_callback = (
                None if predicate is None else _compose(predicate, info.recursive_callback)
            )

    def _set_ops(self, ops: Iterable[str | type], action: LegalizationAction) -> list:
        infos = []
        for name in _op_names(ops):
            info = self._ops.get(name)
            if info is None:
                info = self._ops[name] = _LegalityInfo(action)
            info.action = action
            infos.append(info)
        return infos

    def _set_dialects(self, dialects: Iterable[Any], action: LegalizationAction) -> list:
        infos = []
        for name in _dialect_names(dialects):
            info = self._dialects.get(name)
            if info is None:
                info = self._dialects[name] = _LegalityInfo(action)
            info.action = action
            infos.append(info)
        return infos

    # -- asking -----------------------------------------------------------------------------

    def get_op_action(self, op: str | type) -> LegalizationAction | None:
        """The action that applies to ops named `op`, or None when nothing says."""
        name = _op_names([op])[0]
        info = self._lookup(name)
        if info is None:
            return None if self._unknown is None else LegalizationAction.DYNAMIC
        return info.action

    def _lookup(self, name: str) -> _LegalityInfo | None:
        info = self._ops.get(name)
        if info is None:
            info = self._dialects.get(name.partition(".")[0])
        return info

    def _decide(self, op: Operation) -> tuple[LegalizationAction | None, bool | None]:
        """(action, predicate answer) for `op`; the answer only for dynamic legality."""
        info = self._lookup(op.name)
        if info is None:
            if self._unknown is None:
                return None, None
            return LegalizationAction.DYNAMIC, self._unknown(op)
        if info.action is LegalizationAction.DYNAMIC:
            return info.action, None if info.callback is None else info.callback(op)
        return info.action, None

    def legality(self, op: Operation) -> tuple[bool, bool]:
        """(is `op` legal, and if so is it recursively legal)."""
        action, answer = self._decide(op)
        legal = action is LegalizationAction.LEGAL or (
            action is LegalizationAction.DYNAMIC and bool(answer)
        )
        if not legal:
            return False, False
        info = self._ops.get(op.name)
        if info is None or not info.recursive:
            return True, False
        if info.recursive_callback is None:
            return True, True
        return True, info.recursive_callback(op) is not False

    def is_legal(self, op: Operation) -> bool:
        return self.legality(op)[0]

    def is_illegal(self, op: Operation) -> bool:
        """Whether `op` must be converted: marked illegal, or its predicate said False."""
        action, answer = self._decide(op)
        if action is LegalizationAction.DYNAMIC:
            return answer is not None and not answer
        return action is LegalizationAction.ILLEGAL


# -- type conversion ----------------------------------------------------------------------------


class _InputMapping:
    __slots__ = ("start", "size", "replacement")

    def __init__(self, start: int, size: int, replacement: Value | None = None) -> None:
        self.start = start
        self.size = size
        self.replacement = replacement


class SignatureConversion:
    """How the arguments of a signature (a function type, a block) map to new ones: each
    original input becomes zero or more new inputs, or is replaced by an existing value."""

    def __init__(self, num_inputs: int) -> None:
        self._inputs: list[_InputMapping | None] = [None] * num_inputs
        self.converted_types: list[Type] = []

    @property
    def num_original_inputs(self) -> int:
        return len(self._inputs)

    def add_inputs(self, index_or_types: int | Sequence[Type], types: Sequence[Type] = ()) -> None:
        """`add_inputs(i, types)`: original input `i` becomes new inputs of `types`;
        `add_inputs(types)`: append new inputs that no original input maps to."""
        if not isinstance(index_or_types, int):
            self.converted_types.extend(index_or_types)
            return
        if not types:
            raise ValueError("an input converted to no types needs no add_inputs call")
        self._remap(index_or_types, _InputMapping(len(self.converted_types), len(types)))
        self.converted_types.extend(types)

    def remap_input(self, index: int, value: Value) -> None:
        """Original input `index` is dropped and its uses take `value`."""
        self._remap(index, _InputMapping(index, 0, value))

    def input_mapping(self, index: int) -> _InputMapping | None:
        """Where original input `index` went; None when it was dropped."""
        return self._inputs[index]

    def _remap(self, index: int, mapping: _InputMapping) -> None:
        if self._inputs[index] is not None:
            raise ValueError(f"input #{index} has already been remapped")
        self._inputs[index] = mapping


Materialization = Callable[[Any, Type, Sequence[Value], Location], "Value | None"]


class TypeConverter:
    """Converts types through callbacks and builds values of one type from another.

    `add_conversion(fn)`: `fn(type)` returns a type (1:1), a list of types (1:N, or 1:0 when
    empty), None (not handled here: ask the next callback) or False (this type cannot be
    converted). The callback added last is asked first, as in MLIR.

    Materializations, `fn(builder, result_type, inputs, location) -> Value | None`, turn
    converted values back into the original type (source) or original values into the
    converted type (target). Without any, the conversion keeps a
    `builtin.unrealized_conversion_cast`.
    """

    def __init__(self) -> None:
        self._conversions: list[Callable[[Type], Any]] = []
        self._source: list[Materialization] = []
        self._target: list[Materialization] = []
        self._cache: dict[Type, tuple[Type, ...] | None] = {}

    def add_conversion(self, fn: Callable[[Type], Any]) -> Callable[[Type], Any]:
        """Register `fn`; returns it, so this works as a decorator."""
        self._conversions.append(fn)
        self._cache.clear()
        return fn

    def add_source_materialization(self, fn: Materialization) -> Materialization:
        self._source.append(fn)
        return fn

    def add_target_materialization(self, fn: Materialization) -> Materialization:
        self._target.append(fn)
        return fn

    # -- converting types -------------------------------------------------------------------

    def convert_type_list(self, t: Type) -> tuple[Type, ...] | None:
        """What `t` converts to (possibly several types or none), or None if it cannot."""
        try:
            return self._cache[t]
        except KeyError:
            pass
        result: tuple[Type, ...] | None = None
        for fn in reversed(self._conversions):
            out = fn(t)
            if out is None:
                continue
            if out is False:
                break
            if isinstance(out, Type):
                result = (out,)
            elif isinstance(out, (list, tuple)) and all(isinstance(x, Type) for x in out):
                result = tuple(out)
            else:
                raise TypeError(f"type conversion callback {fn!r} returned {out!r} for {t}")
            break
        self._cache[t] = result
        return result

    def convert_type(self, t: Type) -> Type | None:
        """The one type `t` converts to; None if it cannot be converted 1:1."""
        out = self.convert_type_list(t)
        return out[0] if out is not None and len(out) == 1 else None

    def convert_types(self, types: Iterable[Type]) -> list[Type] | None:
        """All converted types, flattened (1:N conversions included); None if any fails."""
        out: list[Type] = []
        for t in types:
            converted = self.convert_type_list(t)
            if converted is None:
                return None
            out.extend(converted)
        return out

    def is_legal(self, x: Type | Operation | Region | Block | Iterable[Type]) -> bool:
        """Whether a type converts to itself; for an op, all its operand and result types;
        for a region or block, its block argument types."""
        if isinstance(x, Type):
            return self.convert_type_list(x) == (x,)
        if isinstance(x, Operation):
            return all(self.is_legal(u.value.type) for u in x.operand_uses) and all(
                self.is_legal(r.type) for r in x.results
            )
        if isinstance(x, Region):
            return all(self.is_legal(b) for b in x.blocks)
        if isinstance(x, Block):
            return all(self.is_legal(a.type) for a in x.args)
        return all(self.is_legal(t) for t in x)

    def is_signature_legal(self, ftype: FunctionType) -> bool:
        return self.is_legal(ftype.inputs) and self.is_legal(ftype.results)

    # -- signatures ---------------------------------------------------------------------------

    def convert_signature_arg(self, index: int, t: Type, conversion: SignatureConversion) -> bool:
        converted = self.convert_type_list(t)
        if converted is None:
            return False
        if converted:
            conversion.add_inputs(index, converted)
        return True

    def convert_signature_args(
        self, types: Sequence[Type], conversion: SignatureConversion, offset: int = 0
    ) -> bool:
        return all(
            self.convert_signature_arg(offset + i, t, conversion) for i, t in enumerate(types)
        )

    def convert_signature(
        self, ftype: FunctionType
    ) -> tuple[SignatureConversion, list[Type]] | None:
        """The input conversion and the converted result types of a function type."""
        conversion = SignatureConversion(len(ftype.inputs))
        if not self.convert_signature_args(ftype.inputs, conversion):
            return None
        results = self.convert_types(ftype.results)
        return None if results is None else (conversion, results)

    def convert_block_signature(self, block: Block) -> SignatureConversion | None:
        conversion = SignatureConversion(len(block.args))
        if not self.convert_signature_args([a.type for a in block.args], conversion):
            return None
        return conversion

    # -- materializations ---------------------------------------------------------------------

    @property
    def has_source_materializations(self) -> bool:
        return bool(self._source)

    @property
    def has_target_materializations(self) -> bool:
        return bool(self._target)

    def materialize_source_conversion(
        self, builder: Any, t: Type, inputs: Sequence[Value], loc: Location = UNKNOWN_LOC
    ) -> Value | None:
        """A value of the original type `t` built from converted `inputs` at `builder`."""
        return self._materialize(self._source, builder, t, inputs, loc)

    def materialize_target_conversion(
        self, builder: Any, t: Type, inputs: Sequence[Value], loc: Location = UNKNOWN_LOC
    ) -> Value | None:
        """A value of the converted type `t` built from original `inputs` at `builder`."""
        return self._materialize(self._target, builder, t, inputs, loc)

    @staticmethod
    def _materialize(
        fns: list[Materialization], builder: Any, t: Type, inputs: Sequence[Value], loc: Location
    ) -> Value | None:
        if not fns:
            cast = Operation.create(_CAST, list(inputs), [t], location=loc)
            return builder.insert(cast).results[0]
        for fn in reversed(fns):
            value = fn(builder, t, list(inputs), loc)
            if value is not None:
                if value.type is not t:
                    raise TypeError(
                        f"materialization {fn!r} built a value of type {value.type}, not {t}"
                    )
                return value
        return None


# -- patterns -------------------------------------------------------------------------------------


class ConversionPattern:
    """Rewrites an op that is not legal, seeing its operands already converted.

    `match_and_rewrite(op, operands, rewriter)` gets `operands`: one value per operand of
    `op`, remapped to what replaced it and converted to this pattern's type converter's types
    (MLIR's adaptor). With `one_to_n = True` each entry is a tuple instead, since a type may
    convert to several. Return True after replacing, erasing or modifying `op` through the
    rewriter; return False (or `rewriter.notify_match_failure(op, why)`) having changed
    nothing that the driver cannot undo.

    `root` is an op name, an op class, a trait or interface class, or None (any op).
    `bounded_recursion = True` lets the pattern apply to ops it created itself.
    """

    root: str | type | None = None
    benefit: int = 1
    bounded_recursion: bool = False
    one_to_n: bool = False

    def __init__(self, type_converter: TypeConverter | None = None, *, benefit: int | None = None):
        self.type_converter = type_converter
        if benefit is not None:
            self.benefit = benefit

    def match_and_rewrite(
        self, op: Operation, operands: list[Any], rewriter: ConversionPatternRewriter
    ) -> bool:
        raise NotImplementedError

    @property
    def root_name(self) -> str | None:
        r = self.root
        if r is None or isinstance(r, str):
            return r
        return getattr(r, "OP_NAME", None)

    def applies_to_class(self, cls: type) -> bool:
        """For patterns not rooted at an op name: does it apply to ops of class `cls`?"""
        return _applies_to_class(self.root, cls)

    @property
    def debug_name(self) -> str:
        return type(self).__name__


def _applies_to_class(root: Any, cls: type) -> bool:
    if root is None:
        return True
    if isinstance(root, str) or getattr(root, "OP_NAME", None) is not None:
        return False
    if issubclass(root, OpTrait):
        return cls.is_registered and root in cls.traits
    return issubclass(cls, root)


def conversion_pattern(
    root: str | type | None, benefit: int = 1, *, bounded_recursion: bool = False,
    one_to_n: bool = False,
) -> Callable[[Callable[..., bool]], type[ConversionPattern]]:  # fmt: skip
    """Decorator: a function `(op, operands, rewriter) -> bool` becomes a conversion pattern
    class; instantiate it with its type converter. Inside, `rewriter.type_converter` is the
    converter in use."""

    def wrap(fn: Callable[..., bool]) -> type[ConversionPattern]:
        return type(
            fn.__name__,
            (ConversionPattern,),
            {
                "root": root,
                "benefit": benefit,
                "bounded_recursion": bounded_recursion,
                "one_to_n": one_to_n,
                "__doc__": fn.__doc__,
                "__module__": fn.__module__,
                "match_and_rewrite": lambda self, op, operands, rewriter: fn(
                    op, operands, rewriter
                ),
            },
        )

    return wrap


class OpTypeConversion(ConversionPattern):
    """`op(x: T) -> T` becomes `op(x': T') -> T'`: the same op rebuilt with converted operand,
    result and block argument types, attributes and successors kept (for structural ops such
    as `func.return`, `func.call`, `cf.br`, whose meaning does not depend on the types)."""

    def __init__(
        self, root: str | type, type_converter: TypeConverter | None = None, *,
        benefit: int | None = None,
    ) -> None:  # fmt: skip
        super().__init__(type_converter, benefit=benefit)
        self.root = root

    def match_and_rewrite(
        self, op: Operation, operands: list[Any], rewriter: ConversionPatternRewriter
    ) -> bool:
        converter = rewriter.type_converter
        if converter is None:
            raise ValueError("OpTypeConversion needs a type converter")
        if converter.is_legal(op) and all(converter.is_legal(r) for r in op.regions):
            return rewriter.notify_match_failure(op, "types are already legal")
        result_types = [converter.convert_type(r.type) for r in op.results]
        if any(t is None for t in result_types):
            return rewriter.notify_match_failure(op, "a result type does not convert 1:1")
        new = Operation.create(
            op.name, operands, result_types, dict(op.attributes), dict(op.properties),
            len(op.regions), list(op.successors), op.location,
        )  # fmt: skip
        for old_r, new_r in zip(op.results, new.results):
            new_r.name_hint = old_r.name_hint
        for old_region, new_region in zip(op.regions, new.regions):
            rewriter.inline_region_before(old_region, new_region, 0)
            if not rewriter.convert_region_types(new_region, converter):
                return rewriter.notify_match_failure(op, "a block argument type does not convert")
        rewriter.set_insertion_point(op)
        rewriter.insert(new)
        rewriter.replace_op(op, new.results)
        return True


class FunctionSignatureConversion(ConversionPattern):
    """Converts the signature of a function-like op in place: the FunctionType in its
    `type_attr` attribute, its body's block arguments, and its argument / result attribute
    dictionaries (which follow their arguments). MLIR's FunctionOpInterface signature
    conversion; `func.func` by default."""

    def __init__(
        self, type_converter: TypeConverter | None = None, root: str | type = "func.func", *,
        type_attr: str = "function_type", benefit: int | None = None,
    ) -> None:  # fmt: skip
        super().__init__(type_converter, benefit=benefit)
        self.root = root
        self.type_attr = type_attr

    def match_and_rewrite(
        self, op: Operation, operands: list[Any], rewriter: ConversionPatternRewriter
    ) -> bool:
        converter = rewriter.type_converter
        if converter is None:
            raise ValueError("FunctionSignatureConversion needs a type converter")
        attr = op.get_attr(self.type_attr)
        if not isinstance(attr, TypeAttr) or not isinstance(attr.value, FunctionType):
            return rewriter.notify_match_failure(op, f"no function type in '{self.type_attr}'")
        ftype = attr.value
        converted = converter.convert_signature(ftype)
        if converted is None:
            return rewriter.notify_match_failure(op, "the signature does not convert")
        conversion, results = converted
        body = op.regions[0] if op.regions else None
        if body is not None and body.blocks:
            if len(body.blocks[0].args) != len(ftype.inputs):
                return rewriter.notify_match_failure(op, "entry block does not match signature")
            if not rewriter.convert_region_types(body, converter, conversion):
                return rewriter.notify_match_failure(op, "a block argument type does not convert")
        new_type = TypeAttr(FunctionType(conversion.converted_types, results))
        store = op.properties if self.type_attr in op.properties else op.attributes

        def change() -> None:
            store[self.type_attr] = new_type
            _remap_arg_attrs(op, "arg_attrs", conversion, len(ftype.inputs))
            _remap_result_attrs(op, converter, ftype.results)

        rewriter.modify_op_in_place(op, change)
        return True


def _remap_arg_attrs(op: Operation, name: str, conversion: SignatureConversion, n: int) -> None:
    """Each new argument takes the attribute dictionary of the input it came from."""
    store = op.properties if name in op.properties else op.attributes
    attrs = store.get(name)
    if not isinstance(attrs, ArrayAttr) or len(attrs) != n:
        return
    empty = DictionaryAttr({})
    out = [empty] * len(conversion.converted_types)
    for i in range(n):
        m = conversion.input_mapping(i)
        if m is not None:
            for j in range(m.start, m.start + m.size):
                out[j] = attrs[i]
    store[name] = ArrayAttr(out)


def _remap_result_attrs(op: Operation, converter: TypeConverter, results: Sequence[Type]) -> None:
    store = op.properties if "res_attrs" in op.properties else op.attributes
    attrs = store.get("res_attrs")
    if not isinstance(attrs, ArrayAttr) or len(attrs) != len(results):
        return
    out = []
    for a, t in zip(attrs, results):
        out.extend([a] * len(converter.convert_type_list(t) or ()))
    store["res_attrs"] = ArrayAttr(out)


# -- the rewriter ---------------------------------------------------------------------------------

_SOURCE, _TARGET = "source", "target"


class ConversionPatternRewriter(PatternRewriter):
    """The rewriter conversion patterns use: every change is applied at once and logged, so
    that a failed pattern, or a failed conversion, can be undone exactly.

    Besides PatternRewriter's API it converts block signatures (`convert_region_types`,
    `apply_signature_conversion`) and finds the converted form of any value
    (`get_remapped_value`). `type_converter` is the converter of the pattern being applied.
    """

    def __init__(self, driver: _ConversionDriver) -> None:
        super().__init__(None)
        self._driver = driver
        self.type_converter: TypeConverter | None = None
        self.current_op: Operation | None = None
        self.current_pattern: Any = None

    # -- creation -----------------------------------------------------------------------------

    def insert(self, op: Operation) -> Operation:
        """Insert `op` at the insertion point; an op without a location takes the location
        of the op being converted."""
        block, anchor = self.block, self.anchor
        if block is None or (anchor is not None and anchor.parent is not block):
            raise ValueError("rewriter has no valid insertion point")
        if anchor is None:
            block.append(op)
        else:
            block.insert_before(anchor, op)
        if op.location is UNKNOWN_LOC:
            src = self.current_op if self.current_op is not None else anchor
            if src is not None:
                op.location = src.location
        self._driver.log.append(("insert", op))
        self.changed = True
        return op

    def create(self, what: type[Operation] | str, *args: Any, **kwargs: Any) -> Operation:
        """Build and insert an op: `create(AddIOp, a, b)` calls the class's constructor;
        `create("test.op", operands, result_types, ...)` builds one by name (like Builder)."""
        if isinstance(what, str):
            return self.insert(Operation.create(what, *args, **kwargs))
        return self.insert(what(*args, **kwargs))

    def clone(self, op: Operation, mapping: dict | None = None) -> Operation:
        return self.insert(op.clone(mapping))

    # -- replacement and erasure --------------------------------------------------------------

    def replace_op(self, op: Operation, values: Sequence[Any]) -> None:
        """Replace `op`'s results and erase it. Each entry of `values` is a value, a sequence
        of values (a 1:N replacement), or None (the result must end up unused). A value of
        another type is used through a cast back to the old type until its users convert."""
        if len(values) != len(op.results):
            raise ValueError(f"'{op.name}' has {len(op.results)} results, got {len(values)} values")
        for r, v in zip(op.results, values):
            self._replace_value(r, v, op)
        self._detach(op)

    def replace_op_with(self, op: Operation, new: Operation) -> Operation:
        """Insert `new` before `op` and replace `op` with its results."""
        block, anchor = self.block, self.anchor
        self.set_insertion_point(op)
        self.insert(new)
        self.block, self.anchor = block, anchor
        self.replace_op(op, new.results)
        return new

    def erase_op(self, op: Operation) -> None:
        """Erase `op` (and what is nested in it). Uses of its results left at the end of the
        conversion are an error (an unresolved materialization from nothing)."""
        for r in op.results:
            self._replace_value(r, None, op)
        self._detach(op)

    def erase_ops(self, ops: Sequence[Operation]) -> None:
        """Erase `ops` together (their results used only by each other, as in a dead cycle)."""
        doomed = set(ops)
        for op in ops:
            for r in op.results:
                if any(u.owner not in doomed for u in r.uses):
                    self._replace_value(r, None, op)
        for op in ops:
            self._detach(op)

    def replace_all_uses_with(self, old: Value, new: Value) -> None:
        self._replace_value(old, new, None)

    def replace_uses_where(self, old: Value, new: Value, predicate: Callable) -> None:
        if new.type is not old.type:
            raise ValueError("replace_uses_where needs a value of the same type")
        log = self._driver.log
        use = old.first_use
        while use is not None:
            nxt = use.next
            if predicate(use):
                log.append(("use", use.owner, use.index, old))
                use.set(new)
            use = nxt
        self.changed = True

    def _replace_value(self, old: Value, new: Any, op: Operation | None) -> None:
        if old.first_use is None:
            return
        driver = self._driver
        if isinstance(new, Value) and new.type is old.type:
            driver.rauw(old, new)
            return
        if new is None:
            inputs: tuple[Value, ...] = ()
        elif isinstance(new, Value):
            inputs = (new,)
        else:
            inputs = tuple(new)
            if len(inputs) == 1 and inputs[0].type is old.type:
                driver.rauw(old, inputs[0])
                return
        if len(inputs) == 1:
            block, anchor = _point_after(inputs[0])
        elif op is not None and op.parent is not None:
            block, anchor = op.parent, op  # several values: they must dominate `op`
        elif isinstance(old, OpResult) and old.owner.parent is not None:
            block, anchor = old.owner.parent, old.owner
        else:
            block, anchor = old.owner_block, old.owner_block.first
        cast = driver.build_cast(
            _SOURCE, inputs, [old.type], block, anchor, _value_loc(old), self.type_converter
        )
        if inputs:
            driver.map(cast.results[0], inputs)
        driver.rauw(old, cast.results[0])

    def _detach(self, op: Operation) -> None:
        if op.parent is None:
            raise ValueError(f"'{op.name}' is not in a block")
        self._driver.log.append(("erase", op, op.parent, op.next))
        op.detach()
        self.changed = True

    # -- in-place modification ----------------------------------------------------------------

    def modify_op_in_place(self, op: Operation, change: Callable[[], Any]) -> None:
        """Run `change` (which edits `op`'s operands, attributes, properties, successors or
        result types directly); the driver can restore them."""
        self.start_op_modification(op)
        change()
        self.finalize_op_modification(op)

    def start_op_modification(self, op: Operation) -> None:
        snapshot = (
            op.operands, dict(op.attributes), dict(op.properties), list(op.successors),
            op.location, [r.type for r in op.results],
        )  # fmt: skip
        self._driver.log.append(("modify", op, snapshot))

    def finalize_op_modification(self, op: Operation) -> None:
        self.changed = True

    # -- moving ops, blocks and regions -------------------------------------------------------

    def move_op_before(self, op: Operation, anchor: Operation) -> None:
        self._move(op, anchor.parent, anchor)

    def move_op_after(self, op: Operation, anchor: Operation) -> None:
        self._move(op, anchor.parent, anchor.next)

    def _move(self, op: Operation, block: Block, before: Operation | None) -> None:
        self._driver.log.append(("move_op", op, op.parent, op.next))
        op.detach()
        if before is None:
            block.append(op)
        else:
            block.insert_before(before, op)
        self.changed = True

    def inline_block_before(self, source: Block, op: Operation, args: Sequence[Value] = ()) -> None:
        self._inline_block(source, op.parent, op, args)

    def merge_blocks(self, source: Block, dest: Block, args: Sequence[Value] = ()) -> None:
        self._inline_block(source, dest, None, args)

    def _inline_block(
        self, source: Block, dest: Block, before: Operation | None, args: Sequence[Value]
    ) -> None:
        if len(args) != len(source.args):
            raise ValueError("argument count mismatch when inlining a block")
        for a, v in zip(source.args, args):
            self._replace_value(a, v, None)
        op = source.first
        while op is not None:
            nxt = op.next
            self._move(op, dest, before)
            op = nxt
        if source.parent is not None:
            self._remove_block(source)

    def inline_region_before(
        self, region: Region, dest: Region, index: int | Block | None = None
    ) -> None:
        """Move all blocks of `region` into `dest`, before block `index` (a position or a
        block; None for the end)."""
        if isinstance(index, Block):
            index = dest.blocks.index(index)
        elif index is None:
            index = len(dest.blocks)
        blocks = list(region.blocks)
        if not blocks:
            return
        # All blocks at once: removing them one by one is quadratic in the block count.
        self._driver.log.append(("move_blocks", blocks, region, dest, index))
        region.blocks.clear()
        dest.blocks[index:index] = blocks
        for b in blocks:
            b.parent = dest
        self.changed = True

    def create_block(
        self, region: Region, arg_types: Sequence[Type] = (), locations: Sequence[Location] = (),
        index: int | None = None,
    ) -> Block:  # fmt: skip
        """A new block in `region` (at `index`, default the end); inserts go to its end."""
        block = Block(arg_types, locations)
        if index is None:
            region.append(block)
        else:
            region.insert(index, block)
        self._driver.log.append(("create_block", block))
        self.set_insertion_point_to_end(block)
        self.changed = True
        return block

    def split_block(self, block: Block, before: Operation) -> Block:
        region = block.parent
        new = Block()
        region.insert(region.blocks.index(block) + 1, new)
        self._driver.log.append(("create_block", new))
        op: Operation | None = before
        while op is not None:
            nxt = op.next
            self._move(op, new, None)
            op = nxt
        self.changed = True
        return new

    def erase_block(self, block: Block) -> None:
        """Erase `block` and its ops; its arguments must be unused outside it."""
        for op in list(block.reversed_ops()):
            self.erase_op(op)
        for a in block.args:
            if a.first_use is not None:
                raise ValueError("cannot erase a block whose arguments are still used")
        if block.parent is not None:
            self._remove_block(block)

    def _remove_block(self, block: Block) -> None:
        region = block.parent
        self._driver.log.append(("remove_block", block, region, region.blocks.index(block)))
        region.remove(block)
        self.changed = True

    # -- failures -------------------------------------------------------------------------------

    def notify_match_failure(self, op: Operation, reason: str) -> bool:
        """Say why the pattern did not apply (kept on a ConversionError); returns False."""
        name = getattr(self.current_pattern, "debug_name", type(self.current_pattern).__name__)
        self._driver.match_failures.append((op.location, op.name, name, reason))
        return False

    # -- types ----------------------------------------------------------------------------------

    def get_remapped_value(self, value: Value) -> Value:
        """`value` as the current pattern sees converted operands (1:1 only)."""
        out = self._driver.remap(value, self.type_converter)
        if out is None or len(out) != 1:
            raise ValueError(f"no 1:1 converted value of type {value.type}")
        return out[0]

    def get_remapped_values(self, values: Iterable[Value]) -> list[Value]:
        return [self.get_remapped_value(v) for v in values]

    def convert_region_types(
        self, region: Region, converter: TypeConverter | None = None,
        entry_conversion: SignatureConversion | None = None,
    ) -> bool:  # fmt: skip
        """Convert the argument types of every block in `region` (the entry block with
        `entry_conversion` when given); False when some type does not convert. Blocks later
        moved into `region` by a pattern are converted the same way."""
        converter = converter or self.type_converter
        if converter is None:
            raise ValueError("convert_region_types needs a type converter")
        driver = self._driver
        driver.log.append(("region_converter", region, driver.region_converters.get(region)))
        driver.region_converters[region] = converter
        for i, block in enumerate(region.blocks):
            conversion = entry_conversion if i == 0 else None
            if conversion is None:
                conversion = converter.convert_block_signature(block)
                if conversion is None:
                    return False
            self.apply_signature_conversion(block, conversion, converter)
        return True

    def apply_signature_conversion(
        self, block: Block, conversion: SignatureConversion,
        converter: TypeConverter | None = None,
    ) -> Block:  # fmt: skip
        """Give `block` the converted argument types, in place: uses of an argument whose
        type changed go through a cast from the new arguments (a source materialization)."""
        converter = converter or self.type_converter
        old_args = list(block.args)
        if conversion.num_original_inputs != len(old_args):
            raise ValueError(
                f"signature conversion for {conversion.num_original_inputs} inputs applied to "
                f"a block with {len(old_args)} arguments"
            )
        new_types = conversion.converted_types
        mappings = [conversion.input_mapping(i) for i in range(len(old_args))]
        identity = len(new_types) == len(old_args) and all(
            m is not None and m.replacement is None and m.start == i and m.size == 1
            and new_types[i] is a.type
            for i, (m, a) in enumerate(zip(mappings, old_args))
        )  # fmt: skip
        if identity:
            return block
        # An argument whose type stays is kept (the same object, maybe at a new index).
        new_args: list[BlockArgument | None] = [None] * len(new_types)
        reused: list[tuple[BlockArgument, int, int]] = []
        for a, m in zip(old_args, mappings):
            if m is None or m.replacement is not None or m.size != 1:
                continue
            if new_types[m.start] is a.type and new_args[m.start] is None:
                new_args[m.start] = a
                reused.append((a, a.index, m.start))
        for a, m in zip(old_args, mappings):
            if m is None or m.replacement is not None:
                continue
            for j in range(m.start, m.start + m.size):
                if new_args[j] is None:
                    new_args[j] = BlockArgument(new_types[j], block, j, a.location)
                    if m.size == 1:
                        new_args[j].name_hint = a.name_hint
        for j, t in enumerate(new_types):
            if new_args[j] is None:
                new_args[j] = BlockArgument(t, block, j)
        driver = self._driver
        driver.log.append(("block_args", block, old_args, reused))
        kept = set()
        for a, _, index in reused:
            a.index = index
            kept.add(a)
        block.args = new_args
        anchor = block.first  # casts go first, in argument order
        for a, m in zip(old_args, mappings):
            if a.first_use is None or a in kept:
                continue
            if m is None:
                cast = driver.build_cast(
                    _SOURCE, (), [a.type], block, anchor, a.location, converter
                )
                driver.rauw(a, cast.results[0])
            elif m.replacement is not None:
                self._replace_value(a, m.replacement, None)
            else:
                inputs = tuple(new_args[m.start : m.start + m.size])
                cast = driver.build_cast(
                    _SOURCE, inputs, [a.type], block, anchor, a.location, converter
                )
                driver.map(cast.results[0], inputs)
                driver.rauw(a, cast.results[0])
        self.changed = True
        return block


def _point_after(value: Value) -> tuple[Block, Operation | None]:
    """Where a value built from `value` can go: right after its definition."""
    if isinstance(value, OpResult):
        owner = value.owner
        return owner.parent, owner.next
    block = value.owner_block
    return block, block.first


def _value_loc(value: Value) -> Location:
    if isinstance(value, OpResult):
        return value.owner.location
    return getattr(value, "location", UNKNOWN_LOC)


# -- errors ---------------------------------------------------------------------------------------


class ConversionError(DiagnosticError):
    """A dialect conversion failed; the IR is as it was before.

    `diagnostics` holds one error per op that could not be legalized (or per materialization
    that could not be built), at its location. `match_failures` holds what patterns said
    about why they did not apply: (location, op name, pattern name, reason).
    """

    def __init__(self, diagnostics: list[Diagnostic], match_failures: Sequence[tuple] = ()) -> None:
        super().__init__(diagnostics)
        self.match_failures = list(match_failures)


# -- the driver -----------------------------------------------------------------------------------

_FULL, _PARTIAL, _ANALYSIS = "full", "partial", "analysis"


class _ConversionDriver:
    """MLIR's OperationConverter + OperationLegalizer, over an undo log."""

    def __init__(
        self, root: Operation, target: ConversionTarget,
        patterns: Iterable[ConversionPattern | RewritePattern],
        type_converter: TypeConverter | None, mode: str,
    ) -> None:  # fmt: skip
        self.root = root
        self.top = root.parent
        self.target = target
        self.type_converter = type_converter
        self.mode = mode
        self.by_name: dict[str, list] = {}
        self.generic: list = []
        for i, p in enumerate(patterns):
            name = p.root_name
            entry = (-p.benefit, i, p)
            if name is not None:
                self.by_name.setdefault(name, []).append(entry)
            else:
                self.generic.append(entry)
        self._for_op: dict[tuple[str, type], list] = {}
        # The undo log: tuples (kind, ...) in the order the changes were made.
        self.log: list[tuple] = []
        self.mapping: dict[Value, tuple[Value, ...]] = {}
        self.casts: dict[Operation, tuple[str, TypeConverter | None]] = {}
        self.region_converters: dict[Region, TypeConverter] = {}
        self.original: set[Operation] = set()
        self.ignored: set[Operation] = set()
        self.active: set[Any] = set()
        self.depth = 0
        self.match_failures: list[tuple] = []
        self.legalized: list[Operation] = []
        self._dead: list[Operation] = []
        self.rewriter = ConversionPatternRewriter(self)

    # -- the main loop ------------------------------------------------------------------------

    def run(self) -> list[Operation]:
        """Convert; returns the ops left unconverted (partial) or legalizable (analysis)."""
        # The conversion creates no garbage cycles worth collecting midway; a full collection
        # over a large IR would cost more than the conversion itself.
        with gc_paused():
            return self._run()

    def _run(self) -> list[Operation]:
        to_convert = self._conversion_set()
        self.original = set(to_convert)
        errors: list[Diagnostic] = []
        unconverted: list[Operation] = []
        try:
            for op in to_convert:
                if op in self.ignored or not self.is_live(op):
                    continue
                if self.legalize(op):
                    if self.mode == _ANALYSIS:
                        self.legalized.append(op)
                    continue
                if self.mode == _FULL:
                    errors.append(_error(op, f"failed to legalize operation '{op.name}'"))
                elif self.mode == _PARTIAL and self.target.is_illegal(op):
                    errors.append(
                        _error(
                            op,
                            f"failed to legalize operation '{op.name}' that was explicitly "
                            "marked illegal",
                        )
                    )
                else:
                    unconverted.append(op)
            if self.mode == _ANALYSIS:
                self.undo(0)
                return self.legalized
            if not errors:
                errors = self._finalize()
        except BaseException:
            self.undo(0)
            raise
        if errors:
            self.undo(0)
            raise ConversionError(errors, self.match_failures)
        self.log.clear()
        return [op for op in unconverted if self.is_live(op)]

    def _conversion_set(self) -> list[Operation]:
        """Pre-order: an op before what is nested in it (a function's signature converts
        before its body); regions of recursively legal ops are left out."""
        out: list[Operation] = []
        stack = [self.root]
        while stack:
            op = stack.pop()
            out.append(op)
            if not op.regions or self.target.legality(op)[1]:
                continue
            nested: list[Operation] = []
            for region in op.regions:
                for block in region.blocks:
                    nested.extend(block.ops)
            nested.reverse()
            stack.extend(nested)
        return out

    def is_live(self, op: Operation) -> bool:
        """Whether `op` is still part of the IR being converted (not erased, not inside
        something erased)."""
        top = self.top
        while True:
            block = op.parent
            if block is top:
                return top is not None or op is self.root
            if block is None or block.parent is None or block.parent.parent is None:
                return False
            op = block.parent.parent

    # -- legalization ---------------------------------------------------------------------------

    def legalize(self, op: Operation) -> bool:
        legal, recursive = self.target.legality(op)
        if legal:
            if recursive and op.regions:
                self._ignore_nested(op)
            return True
        if self.depth >= MAX_LEGALIZATION_DEPTH:
            self.match_failures.append(
                (op.location, op.name, "", "maximum legalization depth exceeded")
            )
            return False
        self.depth += 1
        try:
            for pattern in self._patterns_for(op):
                bounded = getattr(pattern, "bounded_recursion", False)
                if not bounded and pattern in self.active:
                    continue
                checkpoint = len(self.log)
                if not bounded:
                    self.active.add(pattern)
                try:
                    ok = self._apply(pattern, op) and self._legalize_result(op, pattern, checkpoint)
                finally:
                    if not bounded:
                        self.active.discard(pattern)
                if ok:
                    return True
                self.undo(checkpoint)
            return False
        finally:
            self.depth -= 1

    def _ignore_nested(self, op: Operation) -> None:
        for inner in op.walk():
            if inner is not op and inner not in self.ignored:
                self.ignored.add(inner)
                self.log.append(("ignore", inner))

    def _patterns_for(self, op: Operation) -> list:
        key = (op.name, type(op))
        found = self._for_op.get(key)
        if found is None:
            entries = list(self.by_name.get(op.name, ()))
            entries.extend(e for e in self.generic if e[2].applies_to_class(type(op)))
            # By benefit; on a tie, in the order given (op-specific ones first).
            entries.sort(key=lambda e: (e[0], e[2].root_name is None, e[1]))
            found = self._for_op[key] = [e[2] for e in entries]
        return found

    def _apply(self, pattern: Any, op: Operation) -> bool:
        rewriter = self.rewriter
        rewriter.set_insertion_point(op)
        rewriter.current_op = op
        rewriter.current_pattern = pattern
        if isinstance(pattern, RewritePattern):
            rewriter.type_converter = self.type_converter
            return bool(pattern.match_and_rewrite(op, rewriter))
        converter = pattern.type_converter or self.type_converter
        rewriter.type_converter = converter
        operands: list[Any] = []
        for i, value in enumerate(op.operands):
            remapped = self.remap(value, converter)
            if remapped is None:
                return rewriter.notify_match_failure(
                    op, f"unable to convert type for operand #{i}, type was {value.type}"
                )
            if pattern.one_to_n:
                operands.append(remapped)
            elif len(remapped) != 1:
                return rewriter.notify_match_failure(
                    op, f"pattern '{pattern.debug_name}' does not support 1:N conversion"
                )
            else:
                operands.append(remapped[0])
        return bool(pattern.match_and_rewrite(op, operands, rewriter))

    def _legalize_result(self, op: Operation, pattern: Any, checkpoint: int) -> bool:
        """After a pattern applied: convert blocks it moved into converted regions, then
        legalize the ops it modified and the ops it created (recursively)."""
        entries = self.log[checkpoint:]
        if not any(e[1] is op and e[0] in ("erase", "modify") for e in entries):
            name = getattr(pattern, "debug_name", type(pattern).__name__)
            raise ValueError(
                f"pattern '{name}' returned True but did not replace, erase or modify "
                f"'{op.name}' through the rewriter"
            )
        rewriter = self.rewriter
        for e in entries:
            if e[0] != "move_blocks":
                continue
            for block in e[1]:
                region = block.parent
                converter = None if region is None else self.region_converters.get(region)
                if converter is None or not block.args or converter.is_legal(block):
                    continue
                conversion = converter.convert_block_signature(block)
                if conversion is None:
                    return False
                rewriter.apply_signature_conversion(block, conversion, converter)
        seen: set[Operation] = set()
        for e in entries:
            if e[0] == "modify":
                m = e[1]
                if m not in seen and self.is_live(m):
                    seen.add(m)
                    if not self.legalize(m):
                        return False
        for e in entries:
            if e[0] != "insert":
                continue
            for created in self._created(e[1]):
                if created in seen or created in self.ignored or not self.is_live(created):
                    continue
                seen.add(created)
                if not self.legalize(created):
                    return False
        return True

    def _created(self, op: Operation) -> list[Operation]:
        """`op` and the new ops nested in it, not descending into original ops (moved there;
        the main loop legalizes those); the driver's own casts are no pattern's output."""
        out = [op]
        stack = [op]
        original, casts = self.original, self.casts
        while stack:
            for region in stack.pop().regions:
                for block in region.blocks:
                    for inner in block.ops:
                        if inner not in original and inner not in casts:
                            out.append(inner)
                            stack.append(inner)
        return out

    # -- values ---------------------------------------------------------------------------------

    def rauw(self, old: Value, new: Value) -> None:
        log = self.log
        use = old.first_use
        while use is not None:
            nxt = use.next
            log.append(("use", use.owner, use.index, old))
            use.set(new)
            use = nxt
        self.rewriter.changed = True

    def map(self, key: Value, values: tuple[Value, ...]) -> None:
        self.log.append(("map", key, self.mapping.get(key)))
        self.mapping[key] = tuple(values)

    def lookup(self, value: Value, desired: tuple[Type, ...] | None) -> tuple[Value, ...]:
        """The deepest value(s) `value` was replaced by with the `desired` types; without a
        match, the deepest ones."""
        current: tuple[Value, ...] = (value,)
        best = None
        while True:
            if desired is None or tuple(v.type for v in current) == desired:
                best = current
            if len(current) != 1:
                break
            nxt = self.mapping.get(current[0])
            if nxt is None:
                break
            current = nxt
        return current if best is None else best

    def remap(self, value: Value, converter: TypeConverter | None) -> tuple[Value, ...] | None:
        """`value` as a pattern with `converter` sees it: replaced, and converted to the
        converter's types (building a target materialization when needed)."""
        if converter is None:
            return self.lookup(value, None)
        types = converter.convert_type_list(value.type)
        if types is None:
            return None
        if not types:
            return ()
        found = self.lookup(value, types)
        if tuple(v.type for v in found) == types:
            return found
        if len(found) == 1:
            block, anchor = _point_after(found[0])
        else:
            current = self.rewriter.current_op
            block, anchor = current.parent, current
        loc = self.rewriter.current_op.location if self.rewriter.current_op else UNKNOWN_LOC
        cast = self.build_cast(_TARGET, found, types, block, anchor, loc, converter)
        if len(found) == 1 and len(types) == 1:
            self.map(found[0], cast.results)
        return cast.results

    def build_cast(
        self, kind: str, inputs: Sequence[Value], types: Sequence[Type], block: Block,
        anchor: Operation | None, loc: Location, converter: TypeConverter | None,
    ) -> Operation:  # fmt: skip
        """An unresolved materialization: a cast the driver resolves when it finishes."""
        cast = Operation.create(_CAST, list(inputs), list(types), location=loc)
        if anchor is None:
            block.append(cast)
        else:
            block.insert_before(anchor, cast)
        self.casts[cast] = (kind, converter)
        self.log.append(("cast", cast))
        return cast

    # -- undo -----------------------------------------------------------------------------------

    def undo(self, checkpoint: int) -> None:
        """Undo every change logged after `checkpoint`, newest first."""
        log = self.log
        while len(log) > checkpoint:
            e = log.pop()
            kind = e[0]
            if kind == "use":
                e[1].operand_uses[e[2]].set(e[3])
            elif kind == "insert":
                e[1].detach()
                self._dead.append(e[1])
            elif kind == "cast":
                del self.casts[e[1]]
                e[1].detach()
                self._dead.append(e[1])
            elif kind in ("erase", "move_op"):
                op, block, nxt = e[1], e[2], e[3]
                op.detach()
                if nxt is None:
                    block.append(op)
                else:
                    block.insert_before(nxt, op)
            elif kind == "map":
                if e[2] is None:
                    del self.mapping[e[1]]
                else:
                    self.mapping[e[1]] = e[2]
            elif kind == "modify":
                _restore(e[1], e[2])
            elif kind == "operands":
                e[1].set_operands(e[2])
            elif kind == "block_args":
                block, old_args, reused = e[1], e[2], e[3]
                block.args = old_args
                for a, index, _ in reused:
                    a.index = index
            elif kind == "move_blocks":
                blocks, region, dest, index = e[1], e[2], e[3], e[4]
                del dest.blocks[index : index + len(blocks)]
                region.blocks[:] = blocks
                for b in blocks:
                    b.parent = region
            elif kind == "remove_block":
                block, region, index = e[1], e[2], e[3]
                if block.parent is not None:
                    block.parent.remove(block)
                region.insert(index, block)
            elif kind == "create_block":
                block = e[1]
                if block.parent is not None:
                    block.parent.remove(block)
                self._dead.extend(block.ops)
            elif kind == "region_converter":
                if e[2] is None:
                    self.region_converters.pop(e[1], None)
                else:
                    self.region_converters[e[1]] = e[2]
            elif kind == "ignore":
                self.ignored.discard(e[1])
            else:  # pragma: no cover - every kind logged above is handled
                raise AssertionError(f"unknown undo entry {kind}")
        # Ops whose creation was undone drop their operands only now: until every entry
        # was undone, original ops moved into them were still inside.
        for op in self._dead:
            for inner in op.walk():
                for u in inner.operand_uses:
                    u.unlink()
                inner.operand_uses.clear()
        self._dead.clear()

    # -- finishing ------------------------------------------------------------------------------

    def _drop_operands(self, op: Operation) -> None:
        if op.operand_uses:
            self.log.append(("operands", op, op.operands))
            op.set_operands(())

    def _finalize(self) -> list[Diagnostic]:
        """Erased ops drop their operands, casts that cancel or are unused go away, the rest
        are materialized through the type converters; returns the errors (all undoable)."""
        for e in list(self.log):
            if e[0] == "erase" and e[1].parent is None:
                for inner in e[1].walk():
                    self._drop_operands(inner)
        live = [c for c in self.casts if self.is_live(c)]
        remaining = _reconcile(live, self)
        errors: list[Diagnostic] = []
        rewriter = self.rewriter
        rewriter.current_op = None
        for cast in remaining:
            kind, converter = self.casts[cast]
            fns = None if converter is None else (
                converter._source if kind == _SOURCE else converter._target
            )  # fmt: skip
            # A cast from nothing stands for a value that was erased while still used.
            illegal = not cast.operand_uses or self.target.is_illegal(cast)
            if not fns and not illegal:
                continue  # the cast is the materialization
            value = None
            if fns and len(cast.results) == 1:
                rewriter.set_insertion_point(cast)
                materialize = (
                    converter.materialize_source_conversion
                    if kind == _SOURCE
                    else converter.materialize_target_conversion
                )
                value = materialize(rewriter, cast.results[0].type, cast.operands, cast.location)
            if value is not None:
                self.rauw(cast.results[0], value)
                self._drop_operands(cast)
                rewriter._detach(cast)
                continue
            errors.append(_materialization_error(cast))
        return errors


def _restore(op: Operation, snapshot: tuple) -> None:
    operands, attributes, properties, successors, location, result_types = snapshot
    if op.operands != operands:
        op.set_operands(operands)
    op.attributes.clear()
    op.attributes.update(attributes)
    op.properties.clear()
    op.properties.update(properties)
    op.successors[:] = successors
    op.location = location
    for r, t in zip(op.results, result_types):
        r.type = t


def _error(op: Operation, message: str) -> Diagnostic:
    return Diagnostic("error", message, op.location)


def _type_list(types: Iterable[Type]) -> str:
    return ", ".join(f"'{t}'" for t in types)


def _materialization_error(cast: Operation) -> Diagnostic:
    d = _error(
        cast,
        f"failed to legalize unresolved materialization from ({_type_list(cast.operand_types)}) "
        f"to ({_type_list(cast.result_types)}) that remained live after conversion",
    )
    user = next(u.owner for r in cast.results for u in r.uses)
    d.attach_note(
        f"see existing live user here: {Printer.to_string(user, generic=True)}", user.location
    )
    return d


# -- casts ----------------------------------------------------------------------------------------


def _input_cast(cast: Operation) -> Operation | None:
    """The cast producing exactly `cast`'s inputs, in order; None if there is none."""
    inputs = cast.operands
    if not inputs or not isinstance(inputs[0], OpResult):
        return None
    producer = inputs[0].owner
    if producer.name != _CAST or producer.results != inputs:
        return None
    return producer


def _reconcile(casts: Sequence[Operation], driver: _ConversionDriver | None) -> list[Operation]:
    """MLIR's reconcileUnrealizedCasts: erase unused casts and casts whose chain of input casts
    leads back to their result types; returns those of `casts` left. With a driver, every
    change is logged."""
    worklist = list(casts)
    queued = set(worklist)
    erased: set[Operation] = set()

    def enqueue_inputs(cast: Operation) -> None:
        for v in cast.operands:
            if isinstance(v, OpResult) and v.owner.name == _CAST and v.owner not in queued:
                queued.add(v.owner)
                worklist.append(v.owner)

    def erase(cast: Operation) -> None:
        erased.add(cast)
        if driver is None:
            cast.erase()
            return
        driver._drop_operands(cast)
        driver.rewriter._detach(cast)

    while worklist:
        cast = worklist.pop()
        queued.discard(cast)
        if cast in erased or cast.parent is None:
            continue
        if all(r.first_use is None for r in cast.results):
            enqueue_inputs(cast)
            erase(cast)
            continue
        result_types = cast.result_types
        nxt: Operation | None = cast
        while nxt is not None:
            if nxt.operand_types == result_types:
                enqueue_inputs(cast)
                for r, v in zip(cast.results, nxt.operands):
                    if driver is None:
                        r.replace_all_uses_with(v)
                    else:
                        driver.rauw(r, v)
                erase(cast)
                break
            nxt = _input_cast(nxt)
    return [c for c in casts if c not in erased]


def reconcile_unrealized_casts(casts: Iterable[Operation]) -> list[Operation]:
    """Fold `builtin.unrealized_conversion_cast` chains that lead back to their own types,
    and erase the unused ones (MLIR's reconcileUnrealizedCasts); returns the casts left."""
    return _reconcile([c for c in casts if c.name == _CAST], None)


# -- entry points ---------------------------------------------------------------------------------


def apply_partial_conversion(
    op: Operation, target: ConversionTarget,
    patterns: Iterable[ConversionPattern | RewritePattern],
    type_converter: TypeConverter | None = None,
) -> list[Operation]:  # fmt: skip
    """Convert `op` and everything nested in it; ops that are not legal may stay unless the
    target marks them illegal. Returns the ops left unconverted. Raises ConversionError (the
    IR unchanged) naming every illegal op that could not be converted.

    `type_converter` serves patterns that have none of their own."""
    return _ConversionDriver(op, target, patterns, type_converter, _PARTIAL).run()


def apply_full_conversion(
    op: Operation, target: ConversionTarget,
    patterns: Iterable[ConversionPattern | RewritePattern],
    type_converter: TypeConverter | None = None,
) -> None:  # fmt: skip
    """Convert `op` and everything nested in it so that every op is legal; raises
    ConversionError (the IR unchanged) naming every op that could not be legalized."""
    _ConversionDriver(op, target, patterns, type_converter, _FULL).run()


def apply_analysis_conversion(
    op: Operation, target: ConversionTarget,
    patterns: Iterable[ConversionPattern | RewritePattern],
    type_converter: TypeConverter | None = None,
) -> list[Operation]:  # fmt: skip
    """Which of the ops in `op` could be legalized; the IR is left unchanged."""
    return _ConversionDriver(op, target, patterns, type_converter, _ANALYSIS).run()
