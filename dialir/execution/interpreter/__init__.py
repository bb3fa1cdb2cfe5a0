"""The reference interpreter: executes dialir IR with numpy, one op at a time.

It is the oracle every lowering is checked against (like Glow's CPU reference backend): run
a function before and after a pass and compare. `engine.py` holds the run loop, calls,
runtime values and errors; each dialect's semantics are a module of handlers beside it
(`func.py`, `cf.py`, `arith.py`, ...), imported the first time one of its ops runs. A new
dialect adds its module here (`DIALECTS`), or, from another package, through the
`dialir.interpreter` entry-point group (`<dialect> = "package.module"`) or
`register_interpreter_module`; single ops plug in with `register_handler(op_name, fn)`.

What MLIR leaves undefined (division by zero, signed division overflow, out-of-bounds loads
and stores, shifts past the width, float-to-int overflow, a failed `cf.assert`) is an error
at the op's location here, never a silently wrong value.
"""

from dialir.execution.interpreter.engine import (
    ExecutionError,
    Handler,
    Interpreter,
    InterpreterError,
    Jump,
    arg_names,
    check_indices,
    constant_value,
    convert_input,
    describe,
    element_type,
    elements_array,
    handler_for,
    op_error,
    op_handler,
    register_handler,
    register_interpreter_module,
    result_names,
    run_function,
    storage_dtype,
    type_mismatch,
)

DIALECTS = (
    "builtin",
    "func",
    "cf",
    "arith",
    "math",
    "memref",
    "nn",
    "affine",
    "scf",
    "gpu",
    "vector",
)
"""The dialects whose handlers ship here, each in the module of its name."""

for _name in DIALECTS:
    register_interpreter_module(_name, f"dialir.execution.interpreter.{_name}")

__all__ = [
    "DIALECTS", "ExecutionError", "Handler", "Interpreter", "InterpreterError", "Jump",
    "arg_names", "check_indices", "constant_value", "convert_input", "describe", "element_type",
    "elements_array", "handler_for", "op_error", "op_handler", "register_handler", "register_interpreter_module",
    "result_names", "run_function", "storage_dtype", "type_mismatch",
]  # fmt: skip
