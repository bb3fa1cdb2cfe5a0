"""MLIR's literal spellings, shared by the printer, the parser and dialect syntax: string
literals (escaping and unescaping), integer and float literals, symbol names.

A leaf module: it imports nothing from dialir, so every layer can use it.
"""

from __future__ import annotations

import math
import re
import struct
from typing import Any

# numpy only where struct cannot do it (f16 NaN payloads, the shortest f32/f16 spelling):
# importing it is a good part of a small dialir-opt run's start-up.

_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{2})|(.))")
_SYMBOL = re.compile(r'@(?:"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_$.\-]*)')


def escape_string(s: str) -> str:
    """A string literal in MLIR's syntax."""
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return f'"{s}"'
    out = []
    for ch in s:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif " " <= ch <= "~":
            out.append(ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        else:
            out.extend(f"\\{b:02X}" for b in ch.encode("utf-8", "surrogateescape"))
    return '"' + "".join(out) + '"'


def unescape(token: str) -> str:
    """The value of a string literal token (quotes included), MLIR escapes decoded."""
    body = token[1:-1]
    if "\\" not in body:
        return body
    # `\XX` escapes are bytes: collect them and decode the whole string as UTF-8 (bytes that
    # are not UTF-8 survive as surrogates, and the printer writes them back unchanged).
    out = bytearray()
    pos = 0
    for m in _ESCAPE.finditer(body):
        out += body[pos : m.start()].encode("utf-8", "surrogateescape")
        if m.group(1) is not None:
            out.append(int(m.group(1), 16))
        else:
            c = m.group(2)
            out += {"n": "\n", "t": "\t"}.get(c, c).encode("utf-8", "surrogateescape")
        pos = m.end()
    out += body[pos:].encode("utf-8", "surrogateescape")
    return out.decode("utf-8", "surrogateescape")


def symbol_names(token: str) -> list[str]:
    """The names in a symbol reference token: `@a::@"b c"` -> ["a", "b c"]."""
    out = []
    for part in _SYMBOL.findall(token):
        out.append(unescape(part[1:]) if part[1] == '"' else part[1:])
    return out


def fits_signed(value: int, bits: int) -> bool:
    """Whether `value` fits a signed integer of `bits` bits (an i64 or i32 array element)."""
    return -(1 << (bits - 1)) <= value < 1 << (bits - 1)


def parse_int(text: str) -> int:
    """An MLIR integer literal: decimal (leading zeros allowed) or `0x` hexadecimal."""
    if text.startswith("0x"):
        return int(text, 16)
    if text.startswith("-0x"):
        return -int(text[1:], 16)
    return int(text, 10)


def bits_to_float(bits: int, t: Any) -> float:
    """The value of a hexadecimal float literal (`0x7FC00000`) of float type `t`."""
    width = getattr(t, "width", 0)
    if not 0 <= bits < 1 << max(width, 1) or width not in (16, 32, 64):
        raise ValueError(f"hexadecimal float constant out of range for type '{t}'")
    if t.kind == "f32":
        return struct.unpack("<f", bits.to_bytes(4, "little"))[0]
    if t.kind == "f64":
        return struct.unpack("<d", bits.to_bytes(8, "little"))[0]
    if t.kind == "f16":
        import numpy as np  # struct's binary16 drops NaN payloads

        return float(np.array([bits], dtype=np.uint16).view(np.float16)[0])
    if t.kind == "bf16":
        return struct.unpack("<f", (bits << 16).to_bytes(4, "little"))[0]
    raise ValueError(f"hexadecimal float literal not supported for type '{t}' ({width} bits)")


def format_float(v: float, t: Any) -> str:
    """A float literal that reads back to exactly `v` for float type `t`."""
    kind = getattr(t, "kind", "f64")
    if math.isnan(v) or math.isinf(v):
        return _float_hex(v, kind)
    s = f"{v:e}"
    if _round(float(s), kind) == v:
        return s
    if kind in ("f32", "f16"):
        import numpy as np  # the shortest spelling that reads back, as numpy finds it

        scalar = np.float32(v) if kind == "f32" else np.float16(v)
        s = np.format_float_scientific(scalar, unique=True)
    else:
        s = repr(v)
        if "e" not in s and "." not in s:
            s += ".0"
    if "." not in s.split("e")[0]:
        mant, _, exp = s.partition("e")
        s = f"{mant}.0" + (f"e{exp}" if exp else "")
    return s


def _round(v: float, kind: str) -> float:
    """`v` rounded to f32/f16 (to nearest even, as a C cast), infinity when too large."""
    fmt = "<f" if kind == "f32" else "<e" if kind == "f16" else None
    if fmt is None:
        return v
    try:
        return struct.unpack(fmt, struct.pack(fmt, v))[0]
    except OverflowError:
        return math.copysign(math.inf, v)


def _float_hex(v: float, kind: str) -> str:
    if kind == "f32":
        bits, width = int.from_bytes(struct.pack("<f", v), "little"), 8
    elif kind == "f16":
        import numpy as np  # struct's binary16 drops NaN payloads

        bits, width = int(np.array([v], dtype=np.float16).view(np.uint16)[0]), 4
    elif kind == "bf16":
        bits, width = int.from_bytes(struct.pack("<f", v), "little") >> 16, 4
    else:
        bits, width = int.from_bytes(struct.pack("<d", v), "little"), 16
    return f"0x{bits:0{width}X}"
