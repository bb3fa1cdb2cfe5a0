"""Running on deeply nested IR: a thread with a large stack and a high recursion limit.

The parser, verifier, printer and passes walk nested regions, attributes and types
recursively, as MLIR does. Python's default limits (1,000 frames, an 8 MiB main-thread stack)
end at a few hundred levels; MLIR itself overflows its stack at some tens of thousands. The
command-line tools run their work through `call_with_deep_stack`, so 10,000 nested regions,
attributes or types work, and deeper input gets a diagnostic, never a crash. Library users
with such input can call it the same way.
"""

from __future__ import annotations

import contextvars
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# One level of nesting costs the recursive walks a handful of Python frames; a frame that
# passes through C code (a constructor, a builtin taking a callback) costs some C stack too.
RECURSION_LIMIT = 250_000
STACK_BYTES = 2 << 30  # address space, reserved: only the pages used are ever touched

_LOCK = threading.Lock()  # the stack size and the recursion limit are process-wide settings


def call_with_deep_stack(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)`, run in a thread with a deep stack (and this thread's context
    variables: the current dialir Context), its result returned and its exception raised
    here."""
    context = contextvars.copy_context()
    outcome: list[tuple[bool, Any]] = []

    def body() -> None:
        try:
            outcome.append((True, context.run(fn, *args, **kwargs)))
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            outcome.append((False, e))

    with _LOCK:
        previous_size = threading.stack_size(STACK_BYTES)
        try:
            # daemon: ctrl-C in the waiting thread ends the process, not only the wait
            worker = threading.Thread(target=body, name="dialir-deep-stack", daemon=True)
            worker.start()
        finally:
            threading.stack_size(previous_size)
        previous_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(previous_limit, RECURSION_LIMIT))
    try:
        worker.join()
    finally:
        with _LOCK:
            sys.setrecursionlimit(previous_limit)
    ok, value = outcome[0]
    if ok:
        return value
    raise value
