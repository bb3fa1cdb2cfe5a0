"""convert-math-to-funcs: math ops with no LLVM counterpart become calls of functions the
pass writes into the module, one per type (MLIR's MathToFuncs):

    %r = math.ipowi %b, %p : i32       ->  %r = call @__mlir_math_ipowi_i32(%b, %p)
    %r = math.fpowi %x, %p : f32, i64  ->  %r = call @__mlir_math_fpowi_f32_i64(%x, %p)

The functions are private, `llvm.linkage = #llvm.linkage<linkonce_odr>`, built of arith and
cf ops (binary exponentiation, as MLIR's C++ model in its comments):

    T __mlir_math_ipowi_T(T b, T p) {          Tb __mlir_math_fpowi_Tb_Tp(Tb b, Tp p) {
      if (p == 0) return 1;                      if (p == 0) return 1;
      if (p < 0) {                               bool neg = p < 0, min = p == MIN(Tp);
        if (b == 0) return 1 / 0;  // div by 0   p = min ? MAX(Tp) : neg ? -p : p;
        if (b == 1) return 1;                    Tb r = 1, b0 = b;
        if (b == -1) return p & 1 ? -1 : 1;      loop: if (p & 1) r *= b;
        return 0;                                  if ((p >>= 1) == 0) goto done;
      }                                            b *= b; goto loop;
      T r = 1;                                   done: if (min) r *= b0;
      loop: if (p & 1) r *= b;                   return neg ? 1 / r : r;
        if ((p >>= 1) == 0) return r;          }
        b *= b; goto loop;
    }

fpowi is converted where its exponent has at least `min-width-of-fpowi-exponent` bits.
Vector operands are left alone (MLIR unrolls them through the vector dialect).
"""

from __future__ import annotations

from dataclasses import dataclass

from dialir.core.ir.attrs import FloatAttr, IntegerAttr, StringAttr, SymbolRefAttr, TypeAttr
from dialir.core.ir.operation import Block, Operation, Value
from dialir.core.ir.types import FloatType, FunctionType, IntegerType, Type
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.arith import ops as arith
from dialir.dialects.cf import ops as cf
from dialir.dialects.llvm.attrs import LinkageAttr

i64 = IntegerType(64)


class _Body:
    """Appends the blocks and ops of one function's body."""

    __slots__ = ("region", "block")

    def __init__(self, func: Operation) -> None:
        self.region = func.regions[0]
        self.block: Block = self.region.blocks[0]

    def new_block(self, *arg_types: Type) -> Block:
        return self.region.append(Block(arg_types))

    def at(self, block: Block) -> _Body:
        self.block = block
        return self

    def op(self, cls: type, *operands: Value, **kwargs) -> Value:
        return self.block.append(cls(*operands, **kwargs)).results[0]

    def const(self, value: int | float, t: Type) -> Value:
        if isinstance(t, FloatType):
            attr = FloatAttr(float(value), t)
        else:
            attr = IntegerAttr(value, t)
        return self.op(arith.ConstantOp, value=attr, result_types=[t])

    def cmpi(self, pred: str, a: Value, b: Value) -> Value:
        attr = IntegerAttr(arith.CMPI_PREDICATES.index(pred), i64)
        return self.op(arith.CmpIOp, a, b, predicate=attr)

    def is_odd(self, p: Value, one: Value, zero: Value) -> Value:
        return self.cmpi("ne", self.op(arith.AndIOp, p, one), zero)

    def cond_br(self, cond: Value, true: Block, false: Block, true_args=(), false_args=()) -> None:
        self.block.append(
            cf.CondBranchOp(cond, list(true_args), list(false_args), successors=[true, false])
        )

    def br(self, dest: Block, *args: Value) -> None:
        self.block.append(cf.BranchOp(list(args), successors=[dest]))

    def ret(self, *values: Value) -> None:
        self.block.append(Operation.create("func.return", list(values), []))

    def returning(self, value_of) -> Block:
        """A new block that returns `value_of(self)` (built in that block)."""
        block = self.new_block()
        saved = self.block
        self.at(block).ret(value_of(self))
        self.block = saved
        return block


def _declare_impl(module_body: Block, name: str, ftype: FunctionType, loc) -> Operation:
    func = Operation.create(
        "func.func", properties={"sym_name": StringAttr(name), "function_type": TypeAttr(ftype),
                                 "sym_visibility": StringAttr("private")},
        regions=1, location=loc,
    )  # fmt: skip
    func.attributes["llvm.linkage"] = LinkageAttr("linkonce_odr")
    func.regions[0].append(Block(ftype.inputs))
    module_body.append(func)
    return func


def build_ipowi(module_body: Block, t: IntegerType, loc) -> Operation:
    name = _NAMES["math.ipowi"](t, t)
    func = _declare_impl(module_body, name, FunctionType([t, t], [t]), loc)
    f = _Body(func)
    b, p = f.block.args
    zero, one, minus_one = f.const(0, t), f.const(1, t), f.const(-1, t)
    p_is_zero = f.cmpi("eq", p, zero)
    f.cond_br(p_is_zero, f.returning(lambda _: one), checks := f.new_block())
    p_is_neg = f.at(checks).cmpi("sle", p, zero)
    b_zero = f.new_block()
    f.at(b_zero).cond_br(
        f.cmpi("eq", b, zero), f.returning(lambda g: g.op(arith.DivSIOp, one, zero)),
        b_one := f.new_block(),
    )  # fmt: skip
    f.at(b_one).cond_br(f.cmpi("eq", b, one), f.returning(lambda _: one), b_minus := f.new_block())
    odd = f.new_block()
    f.at(odd).cond_br(
        f.is_odd(p, one, zero), f.returning(lambda _: minus_one), f.returning(lambda _: one)
    )
    f.at(b_minus).cond_br(f.cmpi("eq", b, minus_one), odd, f.returning(lambda _: zero))
    loop = f.new_block(t, t, t)
    f.at(checks).cond_br(p_is_neg, b_zero, loop, (), (one, b, p))
    _square_and_multiply(f, loop, arith.MulIOp, one, zero, returns=True)
    return func


def build_fpowi(module_body: Block, bt: FloatType, pt: IntegerType, loc) -> Operation:
    ftype = FunctionType([bt, pt], [bt])
    func = _declare_impl(module_body, _NAMES["math.fpowi"](bt, pt), ftype, loc)
    f = _Body(func)
    b, p = f.block.args
    one_b, zero, one = f.const(1.0, bt), f.const(0, pt), f.const(1, pt)
    w = pt.width
    p_min, p_max = f.const(-(1 << (w - 1)), pt), f.const((1 << (w - 1)) - 1, pt)
    f.cond_br(f.cmpi("eq", p, zero), f.returning(lambda _: one_b), rest := f.new_block())
    p_is_neg = f.at(rest).cmpi("sle", p, zero)
    p_is_min = f.cmpi("eq", p, p_min)
    p_init = f.op(arith.SelectOp, p_is_neg, f.op(arith.SubIOp, zero, p), p)
    p_init = f.op(arith.SelectOp, p_is_min, p_max, p_init)
    loop = f.new_block(bt, bt, pt)
    f.br(loop, one_b, b, p_init)
    exit_block = _square_and_multiply(f, loop, arith.MulFOp, one, zero, returns=False)
    # MIN(Tp) was run as MAX(Tp): one factor short.
    times_b, after_min = f.new_block(), f.new_block(bt)
    r = exit_block.args[0]
    f.at(exit_block).cond_br(p_is_min, times_b, after_min, (), (r,))
    f.at(times_b).br(after_min, f.op(arith.MulFOp, r, b))
    invert, done = f.new_block(), f.new_block(bt)
    r = after_min.args[0]
    f.at(after_min).cond_br(p_is_neg, invert, done, (), (r,))
    f.at(invert).br(done, f.op(arith.DivFOp, one_b, r))
    f.at(done).ret(done.args[0])
    return func


def _square_and_multiply(f: _Body, loop: Block, mul: type, one: Value, zero: Value,
                         returns: bool) -> Block | None:  # fmt: skip
    """The loop at `loop(result, base, power)`: multiply where the power's low bit is set,
    halve the power, square the base; at power 0 return the result (`returns`), or branch
    to the block it makes and returns, `exit(result)`."""
    r, base, power = loop.args
    then, merged = f.new_block(), f.new_block(r.type)
    f.at(loop).cond_br(f.is_odd(power, one, zero), then, merged, (), (r,))
    f.at(then).br(merged, f.op(mul, r, base))
    r = merged.args[0]
    halved = f.at(merged).op(arith.ShRUIOp, power, one)
    at_zero = f.cmpi("eq", halved, zero)
    if returns:
        f.cond_br(at_zero, f.returning(lambda _: r), cont := f.new_block())
        exit_block = None
    else:
        cont = f.new_block()
        exit_block = f.new_block(r.type)
        f.cond_br(at_zero, exit_block, cont, (r,), ())
    f.at(cont).br(loop, r, f.op(mul, base, base), halved)
    return exit_block


_NAMES = {
    "math.ipowi": lambda t, _: f"__mlir_math_ipowi_{t}",
    "math.fpowi": lambda bt, pt: f"__mlir_math_fpowi_{bt}_{pt}",
}


@register_pass
@dataclass
class ConvertMathToFuncs(Pass):
    name = "convert-math-to-funcs"
    summary = "Convert Math operations to calls of outlined implementations."
    op_name = "builtin.module"
    dependent_dialects = ("arith", "cf", "func")
    min_width_of_fpowi_exponent: int = option(
        1, "Convert FPowI only if the width of its exponent's integer type is greater than or "
        "equal to this value"
    )  # fmt: skip

    def run(self, op: Operation) -> None:
        if not op.regions[0].blocks:
            return
        body = op.regions[0].blocks[0]
        impls: dict[tuple, Operation] = {}
        targets = [o for o in op.walk() if self._convertible(o)]
        for m in targets:
            name = self._implementation(m, body, impls)
            t = m.results[0].type
            call = Operation.create(
                "func.call", list(m.operands), [t],
                properties={"callee": SymbolRefAttr(name)}, location=m.location,
            )  # fmt: skip
            m.parent.insert_before(m, call)
            m.results[0].replace_all_uses_with(call.results[0])
            m.erase()
        if not targets:
            self.mark_all_analyses_preserved()

    def _convertible(self, o: Operation) -> bool:
        if o.name == "math.ipowi":
            return isinstance(o.results[0].type, IntegerType)
        if o.name == "math.fpowi":
            bt, pt = o.operands[0].type, o.operands[1].type
            return (
                isinstance(bt, FloatType) and isinstance(pt, IntegerType)
                and pt.width >= self.min_width_of_fpowi_exponent
            )  # fmt: skip
        return False

    @staticmethod
    def _implementation(m: Operation, body: Block, impls: dict) -> str:
        """The name of the function computing `m`, written into `body` once per type."""
        types = tuple(v.type for v in m.operands)
        key = (m.name, types)
        func = impls.get(key)
        if func is None:  # written by an earlier run: reuse it
            name = _NAMES[m.name](*types)
            func = next((o for o in body.ops if o.get_attr("sym_name") == StringAttr(name)), None)
        if func is None:
            if m.name == "math.ipowi":
                func = build_ipowi(body, types[0], m.location)
            else:
                func = build_fpowi(body, types[0], types[1], m.location)
            impls[key] = func
        return func.get_attr("sym_name").value
