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
    """A string literal as MLIR prints it (llvm::printEscapedString): a backslash doubled,
    printable ASCII but `"` as is, and every other byte (`"`, control characters, each byte
    of a non-ASCII character's UTF-8) as `\\XX` in upper-case hex (`\\22`, `\\0A`, `\\C3\\A9`)."""
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return f'"{s}"'
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif " " <= ch <= "~" and ch != '"':
            out.append(ch)
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
    """A float literal as MLIR prints it (AsmPrinter's printFloatValue): `%e` form with six
    decimals when that reads back exactly, else APFloat's default form (the type's natural
    number of significant digits), else hexadecimal."""
    kind = getattr(t, "kind", "f64")
    if math.isnan(v) or math.isinf(v):
        return _float_hex(v, kind)
    s = _apfloat_scientific6(v, kind)
    if _round(float(s), kind) == v:
        return s
    s = _apfloat_default(v, kind)
    if "." in s and _round(float(s), kind) == v:
        return s
    return _float_hex(v, kind)


# APFloat::toString's natural precision (2 + significand bits * 59 / 196) and significand bits.
_PRECISION = {"f64": 17, "f32": 9, "tf32": 5, "f16": 5, "bf16": 4}
_BITS = {"f64": 53, "f32": 24, "tf32": 11, "f16": 11, "bf16": 8}


def _apfloat_scientific6(v: float, kind: str) -> str:
    """llvm::APFloat::toString(str, 6, 0, false): `d.dddddde+XX`."""
    sign = "-" if math.copysign(1.0, v) < 0 else ""
    if v == 0:
        return sign + "0.000000e+00"
    digits, exp = _apfloat_digits(abs(v), kind, 6)
    e = exp + len(digits) - 1
    mant = digits[0] + "." + digits[1:].ljust(6, "0")
    return f"{sign}{mant}e{'+' if e >= 0 else '-'}{abs(e):02d}"


def _apfloat_default(v: float, kind: str) -> str:
    """llvm::APFloat::toString(str) with its defaults (FormatPrecision=0, FormatMaxPadding=3,
    TruncateZero=true): positional unless that would pad with more than 3 zeros."""
    precision = _PRECISION.get(kind, 17)
    sign = "-" if math.copysign(1.0, v) < 0 else ""
    if v == 0:
        return sign + "0.0E+0"
    digits, exp = _apfloat_digits(abs(v), kind, precision)
    n_digits = len(digits)
    if exp >= 0:
        scientific = exp > 3 or n_digits + exp > precision
    else:
        msd = exp + n_digits - 1
        scientific = msd < 0 and -msd > 3
    if scientific:
        e = exp + n_digits - 1
        mant = digits[0] + "." + (digits[1:] or "0")
        return f"{sign}{mant}E{'+' if e >= 0 else '-'}{abs(e)}"
    if exp >= 0:
        return sign + digits + "0" * exp
    point = n_digits + exp
    if point > 0:
        return f"{sign}{digits[:point]}.{digits[point:]}"
    return f"{sign}0.{'0' * -point}{digits}"


def _apfloat_digits(v: float, kind: str, precision: int) -> tuple[str, int]:
    """APFloat::toString's digits of `v` > 0 for `precision` significant digits: `(digits,
    exp)`, v ~ int(digits) * 10**exp. Its first cut of decimal digits truncates, the second
    rounds half up on the first dropped digit; trailing zeros go."""
    m, e2 = math.frexp(v)
    bits = _BITS.get(kind, 53)
    n, e2 = int(m * (1 << bits)), e2 - bits
    while n and not n & 1:
        n, e2 = n >> 1, e2 + 1
    if e2 >= 0:
        n, exp = n << e2, 0
    else:
        n, exp = n * 5**-e2, e2
    # AdjustToPrecision on the integer: digits beyond what is needed go, by truncation.
    required = (precision * 196 + 58) // 59
    active = n.bit_length()
    if active > required:
        removable = (active - required) * 59 // 196
        if removable:
            exp += removable
            n //= 10**removable
    digits = str(n)
    stripped = digits.rstrip("0")
    exp += len(digits) - len(stripped)
    digits = stripped
    # AdjustToPrecision on the digits: round half up on the first dropped digit.
    if len(digits) > precision:
        exp += len(digits) - precision
        head = digits[:precision]
        if digits[precision] >= "5":
            head = str(int(head) + 1)
            if len(head) > precision:
                head, exp = head[:-1], exp + 1
        stripped = head.rstrip("0")
        exp += len(head) - len(stripped)
        digits = stripped
    return digits, exp


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
