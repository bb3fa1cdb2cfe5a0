"""convert-cf-to-llvm: cf branches to llvm branches (MLIR's ControlFlowToLLVM); successor
operands are converted with the same type converter as the blocks they reach.

    cf.br ^bb1(%i : index)              -> llvm.br ^bb1(%i' : i64)
    cf.cond_br %c, ^bb1, ^bb2(%x : f32) -> llvm.cond_br %c, ^bb1, ^bb2(%x : f32)
    cf.switch %f : i32, [default: ^bb1, 4: ^bb2] -> llvm.switch %f : i32, ^bb1 [4: ^bb2]
    cf.assert %c, "msg"                 -> llvm.cond_br %c, ^continue, ^failed, where ^failed
                                           calls puts(@assert_msg) and abort(), as MLIR's
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialir.conversions.llvm_common import (
    LLVMTypeConverter,
    enclosing_module,
    llvm_target,
    lookup_or_create_fn,
)
from dialir.conversions.scf_to_cf import can_split_block
from dialir.core.ir.attrs import StringAttr
from dialir.core.ir.operation import Block, Operation
from dialir.core.ir.types import i8, i32
from dialir.core.passes import Pass, option, register_pass
from dialir.core.rewrite.conversion import ConversionPattern, apply_partial_conversion
from dialir.dialects import llvm
from dialir.dialects.llvm.types import VOID, LLVMArrayType, LLVMFunctionType, LLVMPointerType


def converted_block(rewriter: Any, block: Block) -> Block | None:
    """`block` with its argument types converted (MLIR's getConvertedBlock): a branch
    converts the signature of the blocks it reaches, unless a function conversion did."""
    converter = rewriter.type_converter
    if converter.is_legal(block):
        return block
    if block.parent is not None and block.parent.blocks[0] is block:
        return None  # an entry block's signature is its function's business
    conversion = converter.convert_block_signature(block)
    if conversion is None:
        return None
    return rewriter.apply_signature_conversion(block, conversion, converter)


def converted_blocks(rewriter: Any, op: Operation) -> list[Block] | None:
    blocks = [converted_block(rewriter, b) for b in op.successors]
    return None if any(b is None for b in blocks) else blocks


class BranchOpLowering(ConversionPattern):
    """`cf.br` -> `llvm.br`."""

    root = "cf.br"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        blocks = converted_blocks(rewriter, op)
        if blocks is None:
            return rewriter.notify_match_failure(op, "a successor's signature does not convert")
        rewriter.replace_op_with(op, llvm.BrOp(blocks[0], operands))
        return True


class CondBranchOpLowering(ConversionPattern):
    """`cf.cond_br` -> `llvm.cond_br`."""

    root = "cf.cond_br"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        blocks = converted_blocks(rewriter, op)
        if blocks is None:
            return rewriter.notify_match_failure(op, "a successor's signature does not convert")
        n_true = len(op.trueDestOperands)
        cond, rest = operands[0], operands[1:]
        rewriter.replace_op_with(
            op, llvm.CondBrOp(cond, blocks[0], blocks[1], rest[:n_true], rest[n_true:])
        )
        return True


class SwitchOpLowering(ConversionPattern):
    """`cf.switch` -> `llvm.switch` (same cases, same operands per case)."""

    root = "cf.switch"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        blocks = converted_blocks(rewriter, op)
        if blocks is None:
            return rewriter.notify_match_failure(op, "a successor's signature does not convert")
        flag, rest = operands[0], operands[1:]
        n_default = len(op.defaultOperands)
        default_ops, case_ops = rest[:n_default], rest[n_default:]
        cases, start = [], 0
        for value, block, size in zip(
            op.case_value_list(), blocks[1:], op.case_operand_segments.values
        ):
            cases.append((value, block, case_ops[start : start + size]))
            start += size
        rewriter.replace_op_with(op, llvm.SwitchOp(flag, op.defaultDestination, cases, default_ops))
        return True


class AssertOpLowering(ConversionPattern):
    """`cf.assert %c` -> branch to the rest of the block, or to a block that aborts."""

    root = "cf.assert"

    def match_and_rewrite(self, op: Operation, operands: list, rewriter: Any) -> bool:
        if not can_split_block(op):
            return rewriter.notify_match_failure(op, "its block cannot be split")
        lookup_or_create_fn(rewriter, op, "abort", LLVMFunctionType(VOID, []))
        lookup_or_create_fn(rewriter, op, "puts", LLVMFunctionType(i32, [LLVMPointerType()]))
        message = _message_global(rewriter, op, op.msg.value)
        block = op.parent
        rest = rewriter.split_block(block, op.next)
        failed = rewriter.create_block(block.parent, index=block.parent.blocks.index(rest))
        address = rewriter.create(llvm.AddressOfOp, message).results[0]
        rewriter.create(llvm.CallOp, "puts", [address], i32)
        rewriter.create(llvm.CallOp, "abort", [])
        rewriter.create(llvm.UnreachableOp)
        rewriter.set_insertion_point_to_end(block)
        rewriter.create(llvm.CondBrOp, operands[0], rest, failed)
        rewriter.erase_op(op)
        return True


def _message_global(rewriter: Any, op: Operation, text: str) -> str:
    """The name of a new private constant global holding `text` NUL-terminated
    (`assert_msg`, `assert_msg_0`, ... as MLIR names them), at the start of the module."""
    body = enclosing_module(op).regions[0].blocks[0]
    taken = {o.get_attr("sym_name").value for o in body.ops if o.get_attr("sym_name") is not None}
    name, n = "assert_msg", 0
    while name in taken:
        name, n = f"assert_msg_{n}", n + 1
    data = text.encode("utf-8") + b"\0"
    value = StringAttr(data.decode("utf-8", "surrogateescape"))
    block, anchor = rewriter.block, rewriter.anchor
    rewriter.set_insertion_point_to_start(body)
    rewriter.insert(llvm.GlobalOp(name, LLVMArrayType(i8, len(data)), value,
                                  linkage="private", constant=True))  # fmt: skip
    rewriter.block, rewriter.anchor = block, anchor
    return name


def populate_cf_to_llvm_patterns(converter: LLVMTypeConverter) -> list[ConversionPattern]:
    return [
        cls(converter)
        for cls in (BranchOpLowering, CondBranchOpLowering, SwitchOpLowering, AssertOpLowering)
    ]


@register_pass
@dataclass
class ConvertControlFlowToLLVM(Pass):
    name = "convert-cf-to-llvm"
    summary = "Convert ControlFlow operations to the LLVM dialect"
    dependent_dialects = ("llvm",)
    index_bitwidth: int = option(64, "Bitwidth of the index type")

    def run(self, op: Operation) -> None:
        converter = LLVMTypeConverter(self.index_bitwidth)
        patterns = populate_cf_to_llvm_patterns(converter)
        apply_partial_conversion(op, llvm_target(), patterns, converter)
