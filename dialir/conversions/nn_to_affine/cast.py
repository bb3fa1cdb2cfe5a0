"""nn.cast's element conversion as arith ops, for every pair of nn element types including
the storage formats (float8, float4, i4/i2): floats widen and narrow with extf/truncf (a
saturating cast to float8 clamps to the finite range first), integers extend or truncate by
their nn signedness, float <-> integer with fptosi/fptoui/sitofp/uitofp, anything -> i1 is
`!= 0`, and f8E8M0FNU is built from the float32 exponent bits as ONNX rounds it.
"""

from __future__ import annotations

from dialir.conversions.nn_to_affine.emit import Emitter, Scalar, float_cast
from dialir.core.ir.operation import Value
from dialir.core.ir.types import FloatType, IntegerType, Type, f32, i32

_FINITE_MAX = {  # the largest finite value of each saturating float8 kind
    "f8E4M3FN": 448.0, "f8E4M3FNUZ": 240.0, "f8E5M2": 57344.0, "f8E5M2FNUZ": 57344.0,
}  # fmt: skip


def convert(e: Emitter, v: Value, src: Type, dst: Type, saturate: bool, round_mode: str) -> Value:
    """`v` (an element of nn type `src`) as an element of nn type `dst`."""
    s, t = Scalar(src), Scalar(dst)
    if s.t is t.t:
        return v  # the same bits (i8 <-> ui8 too)
    if t.is_bool:
        zero = s.zero(e)
        return e.cmpf("une", v, zero) if s.is_float else e.cmpi("ne", v, zero)
    if isinstance(dst, FloatType) and dst.kind == "f8E8M0FNU":
        return _to_e8m0(e, s.to_float(e, v, f32), saturate, round_mode)
    if t.is_float:
        if s.is_float and _is_storage_float(src):
            v, s = float_cast(e, v, f32), Scalar(f32)  # computed through f32
        if not s.is_float:
            return s.to_float(e, v, t.t)
        limit = _FINITE_MAX.get(dst.kind)
        if saturate and limit is not None:
            v = float_cast(e, v, f32) if s.t.width < 32 else v
            v = e.op("arith.maximumf", v, e.const(-limit, v.type))
            v = e.op("arith.minimumf", v, e.const(limit, v.type))
        return float_cast(e, v, t.t)
    if s.is_float:
        if _is_storage_float(src):
            v = float_cast(e, v, f32)
        if t.t.width < 8:
            v = _zero_outside(e, v, t)
        name = "arith.fptoui" if t.unsigned else "arith.fptosi"
        return e.op(name, v, result_types=[t.t])
    return _int_to_int(e, v, s, t)


def _zero_outside(e: Emitter, v: Value, t: Scalar) -> Value:
    """A float bound for a 2- or 4-bit integer: 0 where its truncation (or NaN) is out of
    the type's range, as ONNX's conversion to these types gives."""
    w = t.t.width
    lo, hi = (0, (1 << w) - 1) if t.unsigned else (-(1 << (w - 1)), (1 << (w - 1)) - 1)
    whole = e.op("math.trunc", v)
    inside = e.op("arith.andi", e.cmpf("oge", whole, e.const(lo, v.type)),
                  e.cmpf("ole", whole, e.const(hi, v.type)))  # fmt: skip
    return e.select(inside, v, e.const(0.0, v.type))


def _int_to_int(e: Emitter, v: Value, s: Scalar, t: Scalar) -> Value:
    sw, tw = s.t.width, t.t.width
    if sw == tw:
        return v
    if sw > tw:
        return e.op("arith.trunci", v, result_types=[t.t])
    name = "arith.extui" if s.unsigned or s.is_bool else "arith.extsi"
    return e.op(name, v, result_types=[t.t])


def _is_storage_float(t: Type) -> bool:
    return isinstance(t, FloatType) and (t.kind.startswith("f8") or t.kind.startswith("f4"))


def _to_e8m0(e: Emitter, x: Value, saturate: bool, mode: str) -> Value:
    """float32 -> f8E8M0FNU: the biased exponent, plus one where `mode` rounds the mantissa
    up (`nearest`: half or more, ties away from the zero exponent); inf/NaN -> 0xFF."""
    bits = e.op("arith.bitcast", x, result_types=[i32])
    c = lambda n: e.const(n, i32)  # noqa: E731
    exp = e.op("arith.andi", e.op("arith.shrui", bits, c(23)), c(0xFF))
    frac = e.op("arith.andi", bits, c(0x7FFFFF))
    if mode == "up":
        up = e.cmpi("ne", frac, c(0))
    elif mode == "nearest":
        half = e.cmpi("ne", e.op("arith.andi", frac, c(0x400000)), c(0))
        rest = e.cmpi("ne", e.op("arith.andi", frac, c(0x3FFFFF)), c(0))
        up = e.op("arith.andi", half, e.op("arith.ori", rest, e.cmpi("ugt", exp, c(0))))
    else:
        up = None
    if up is not None and saturate:
        up = e.op("arith.andi", up, e.cmpi("ne", exp, c(0xFE)))
    out = (
        exp if up is None else e.op("arith.addi", exp, e.op("arith.extui", up, result_types=[i32]))
    )
    out = e.select(e.cmpi("eq", exp, c(0xFF)), c(0xFF), out)
    byte = e.op("arith.trunci", out, result_types=[IntegerType(8)])
    return e.op("arith.bitcast", byte, result_types=[FloatType("f8E8M0FNU")])
