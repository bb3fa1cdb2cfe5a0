"""Execution: run dialir IR on numpy arrays.

`interpreter` is the reference interpreter, the oracle every lowering is checked against (a
small engine and one module of handlers per dialect); the JIT engine for llvm-dialect modules
will live next to it.
"""

from dialir.execution.interpreter import (
    ExecutionError,
    Interpreter,
    InterpreterError,
    Jump,
    register_handler,
    register_interpreter_module,
    run_function,
)

__all__ = [
    "ExecutionError", "Interpreter", "InterpreterError", "Jump", "register_handler",
    "register_interpreter_module", "run_function",
]  # fmt: skip
