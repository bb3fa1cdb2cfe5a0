"""Grammar composition: the core grammar, the coarse terminals, and dialect fragments.

The composed grammar is built into one Lark LALR parser per set of dialect fragments, cached
in memory and (the built parser) on disk.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile

# Pieces the coarse terminals share.
_ID = r"[A-Za-z0-9_$.\-]+"
SCALAR = (
    r"(?:[su]?i[0-9]+|bf16|f16|f32|f64|f80|f128|tf32|f[468]E[0-9]M[0-9][A-Z0-9]*"
    r"|index|none)"
)
_SHAPED = rf"(?:(?:tensor|memref|vector)<(?:(?:[0-9]+|\?)x)*{SCALAR}>|tensor<\*x{SCALAR}>)"
_END = r"(?![A-Za-z0-9_$.])"
SIMPLE_TYPE = rf"(?:{_SHAPED}|{SCALAR}{_END})"
_TYPES = rf"\(\s*(?:{SIMPLE_TYPE}(?:\s*,\s*{SIMPLE_TYPE})*)?\s*\)"
FTYPE = rf"{_TYPES}\s*->\s*(?:{SIMPLE_TYPE}|{_TYPES})"
_VALUE = rf"%{_ID}(?:#[0-9]+)?"
OPERANDS = rf"\(\s*(?:{_VALUE}(?:\s*,\s*{_VALUE})*)?\s*\)"
_RESULT = rf"%{_ID}(?::[0-9]+)?"
RESULTS = rf"{_RESULT}(?:\s*,\s*{_RESULT})*\s*=(?!=)\s*"
_STRING = r'"(?:[^"\\\n]|\\.)*"'
# The hot path of generic ops: `"name"(%a, %b)` and `: (i32, i32) -> i32`, each one token
# that also swallows the whitespace after it.
GENERIC_HEAD = rf"{_STRING}{OPERANDS}\s*"
SIGNATURE = rf":\s*{FTYPE}\s*"


def _angle_body(depth: int = 6) -> str:
    """`<...>` with balanced angle brackets (to `depth` levels), strings and `->` inside;
    as in MLIR, the `>` of an arrow never closes the body."""
    atom = r'(?:->|-(?!>)|"(?:[^"\\\n]|\\.)*"|[^<>"\-])'
    pattern = f"{atom}*"
    for _ in range(depth):
        pattern = f"(?:{atom}|<{pattern}>)*"
    return f"<{pattern}>"


_BODY = _angle_body()
HASH = rf"#[A-Za-z_][A-Za-z0-9_$.]*(?:{_BODY})?"
BANG = rf"![A-Za-z_][A-Za-z0-9_$.]*(?:{_BODY})?"
DENSE = r"dense<[^<>]*>"
DIMS = r"(?:(?:[0-9]+|\?|\[[0-9]+\])\s*x\s*)+"  # MLIR allows `? x 128 x f32`

# Custom-syntax hot paths: `%a, %b ` (exactly N values, with the whitespace after them) and
# `: i32 ` (a colon and a simple type).
_VALUE_WS = rf"{_VALUE}"
VALUE_SEQ = {n: r"\s*,\s*".join([_VALUE_WS] * n) + r"(?![A-Za-z0-9_$.\-#])\s*" for n in range(1, 5)}
COLON_TYPE = rf":\s*{SIMPLE_TYPE}\s*"
_VALUES = rf"{_VALUE}(?:\s*,\s*{_VALUE})*"
VALUE_LIST = rf"{_VALUES}(?![A-Za-z0-9_$.\-#])\s*"
# `%a, %b : i32, f32` (a variadic operand and its types), alone (`return %a : i32`), in
# parentheses, or after a block name (`^bb1(%a, %b : i32, f32)`, a successor and its
# operands). A list of types that goes on past what SIMPLE_TYPE covers does not match at all
# (`(?!\s*,)`), so the parser takes it token by token instead of stopping early.
_TYPE_LIST = rf"{SIMPLE_TYPE}(?:\s*,\s*{SIMPLE_TYPE})*"
VALUES_TYPES = rf"{_VALUES}\s*:\s*{_TYPE_LIST}(?!\s*,)\s*"
PAREN_VALUES_TYPES = rf"\(\s*{_VALUES}\s*:\s*{_TYPE_LIST}\s*\)\s*"
SUCCESSOR_ARGS = rf"\^{_ID}\(\s*{_VALUES}\s*:\s*{_TYPE_LIST}\s*\)\s*"
# MLIR's function signature (func.func and ops like it), `(%a: i32, %b: f32) -> (i32, f32)`
# or, for a declaration, `(i32, f32) -> i32`, when every type is simple and no argument or
# result has attributes or a location. Otherwise it does not match, not even in part.
_ARG = rf"%{_ID}\s*:\s*{SIMPLE_TYPE}"
_ARGS = rf"\(\s*(?:{_ARG}(?:\s*,\s*{_ARG})*|{_TYPE_LIST})?\s*\)"
_FN_RESULTS = rf"\s*->\s*(?:\(\s*(?:{_TYPE_LIST})?\s*\)|{SIMPLE_TYPE})"
FUNCTION_SIGNATURE = rf"{_ARGS}(?:{_FN_RESULTS}|(?!\s*->))\s*"

_TERMINALS = {
    "RESULTS": (RESULTS, 5),
    "GENERIC_HEAD": (GENERIC_HEAD, 6),
    "SIGNATURE": (SIGNATURE, 6),
    "OPERANDS": (OPERANDS, 5),
    "FTYPE": (FTYPE, 5),
    "SIMPLE_TYPE": (SIMPLE_TYPE, 5),
    "HASH": (HASH, 1),
    "BANG": (BANG, 1),
    "DENSE": (DENSE, 4),
    "DIMS": (DIMS, 4),
    "COLON_TYPE": (COLON_TYPE, 6),
    "VALUE_LIST": (VALUE_LIST, 4),
    "VALUES_TYPES": (VALUES_TYPES, 6),
    "PAREN_VALUES_TYPES": (PAREN_VALUES_TYPES, 6),
    "SUCCESSOR_ARGS": (SUCCESSOR_ARGS, 6),
    "FUNCTION_SIGNATURE": (FUNCTION_SIGNATURE, 6),
    **{f"VALUE_SEQ{n}": (pattern, 5) for n, pattern in VALUE_SEQ.items()},
}


def core_grammar() -> str:
    # Read beside this module, not through importlib.resources: that import (and the zipfile
    # module it brings) cost every dialir-opt run milliseconds, and dialir installs as files.
    with open(os.path.join(os.path.dirname(__file__), "core.lark"), encoding="utf-8") as f:
        text = f.read()
    terms = "\n".join(f"{name}.{prio}: /{pattern}/" for name, (pattern, prio) in _TERMINALS.items())
    return f"{text}\n{terms}\n"


def compose(fragments: tuple[str, ...]) -> str:
    """The core grammar plus dialect fragments (which use `%extend custom_op: ...`).

    A fragment's `":" type` becomes `colon_type` (and `":" types_opt` `colon_types`): `: i32`
    may arrive as one COLON_TYPE token wherever the lexer state is shared with a context that
    takes it, so every `:`-then-type spot must accept both spellings. The children the
    fragment's callbacks see are unchanged."""
    fixed = [_COLON_TYPES.sub("colon_types", _COLON_TYPE.sub("colon_type", f)) for f in fragments]
    heads = fast_heads(fragments)
    if heads:
        # `%r = arith.addi %a, %b : i32`: the result list too (tried before RESULTS, hence the
        # priority), and `(?=[a-z])` so that a generic op (`%r = "...`) fails at once.
        names = "|".join(re.escape(n) for n in sorted(heads, key=len, reverse=True))
        fixed.append(
            "%extend custom_op: custom_head\ncustom_head: CUSTOM_HEAD\n"
            f"CUSTOM_HEAD.6: /(?:{RESULTS})?(?=[a-z])(?:{names})\\s+{_VALUE}"
            f"(?:\\s*,\\s*{_VALUE}){{0,3}}"
            f"(?![A-Za-z0-9_$.\\-#])\\s*(?::\\s*{SIMPLE_TYPE}(?!\\s*,)\\s*)?/\n"
        )
    return core_grammar() + "\n".join(fixed)


_FAST_HEAD = re.compile(r"^// fast-head: (\S+) (\S+)$", re.MULTILINE)


def fast_heads(fragments: tuple[str, ...]) -> dict[str, str]:
    """Op name -> head terminal, for ops whose `name %a, %b` (maybe with `%r = ` before and
    `: i32` after) the lexer reads as one CUSTOM_HEAD token (see asmformat); the parser
    retypes each such token by its name."""
    return {m.group(1): m.group(2) for f in fragments for m in _FAST_HEAD.finditer(f)}


_COLON_TYPE = re.compile(r'":"\s+type\b(?![_a-z])')
_COLON_TYPES = re.compile(r'":"\s+types_opt\b')


def cache_path() -> str | None:
    """The directory for the parser cache: the user's cache directory, else a private one
    (mode 0700, owned by this user) under the temp directory, else None (no disk cache).
    The parser pickles into it, and a pickle runs code when loaded, so it must be a place
    only this user can write. `DIALIR_NO_PARSER_CACHE=1` turns the disk cache off."""
    if os.environ.get("DIALIR_NO_PARSER_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "dialir")
    try:
        os.makedirs(path, exist_ok=True)
        return path
    except OSError:
        pass
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return None
    path = os.path.join(tempfile.gettempdir(), f"dialir-cache-{getuid()}")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != getuid() or st.st_mode & 0o077:
        return None
    return path
