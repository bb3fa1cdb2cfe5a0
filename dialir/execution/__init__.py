"""Execution: run dialir IR on numpy arrays.

`interpreter` is the reference interpreter, the oracle every lowering is checked against;
the JIT engine for llvm-dialect modules lives next to it.
"""

from dialir.execution.interpreter import (
    ExecutionError,
    Interpreter,
    InterpreterError,
    Jump,
    register_handler,
    run_function,
)

__all__ = [
    "ExecutionError", "Interpreter", "InterpreterError", "Jump", "register_handler",
    "run_function",
]  # fmt: skip
