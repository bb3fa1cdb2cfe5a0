"""The parser's disk cache: a pickled Lark object per grammar, under the user's cache dir.

A cache hit must give the parser a fresh build gives; a missing, corrupt, truncated, stale
or untrusted file must give a fresh build (and a good file afterwards), never a crash.
"""

from __future__ import annotations

import os
import pickle
import re
from array import array
from pathlib import Path

import pytest

from dialir.core.ir.dialect import load_all_dialects
from dialir.core.ir.printer import Printer
from dialir.parser import grammar, lark_cache
from dialir.parser.parser import MLIRParser

CORE_TEXT = """"test.f"() ({
^bb0(%a: i32, %b: tensor<2x?xf32>):
  %c:2 = "test.op"(%a, %b) {k = dense<[1, 2]> : tensor<2xi32>}
      : (i32, tensor<2x?xf32>) -> (i32, f32)
  "test.ret"(%c#0) : (i32) -> ()
}) {sym_name = "f"} : () -> ()
"""
CUSTOM_TEXT = """func.func @g(%a: i32, %b: i32) -> i32 {
  %c = arith.addi %a, %b : i32
  %d = "arith.muli"(%c, %a) : (i32, i32) -> i32
  %t = arith.constant dense<1.0> : tensor<2xf32>
  return %d : i32
}
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "dialir"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the Lark objects built from grammar text (a cache hit builds none)."""
    calls: list[str] = []

    class CountingLark(lark_cache.Lark):
        def __init__(self, text: str, **options) -> None:
            calls.append(text)
            super().__init__(text, **options)

    monkeypatch.setattr(lark_cache, "Lark", CountingLark)
    return calls


def _cache_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("grammar-*.parser-cache"))


def _printed(p: MLIRParser, text: str) -> str:
    return Printer.to_string(p.parse(text, "t.mlir", allow_unregistered=True))


def _table(p: MLIRParser) -> dict:
    """The parse table with rules and actions spelled out, comparable across objects."""
    states = p.lark.parser.parser._parse_table.states
    return {
        s: {tok: (str(act), str(arg)) for tok, (act, arg) in acts.items()}
        for s, acts in states.items()
    }


def test_second_parser_loads_the_cache(cache_dir: Path, builds: list[str]) -> None:
    first = MLIRParser(())
    assert len(builds) == 1
    (path,) = _cache_files(cache_dir)
    assert path.stat().st_mode & 0o077 == 0
    assert [f.name for f in cache_dir.iterdir()] == [path.name]  # no temp file left behind
    second = MLIRParser(())
    assert len(builds) == 1
    assert _table(second) == _table(first)
    assert [(t.name, t.pattern, t.priority) for t in second.lark.terminals] == [
        (t.name, t.pattern, t.priority) for t in first.lark.terminals
    ]
    assert [str(r) for r in second.lark.rules] == [str(r) for r in first.lark.rules]
    assert second.literals == first.literals
    assert _printed(second, CORE_TEXT) == _printed(first, CORE_TEXT)


def test_loaded_parser_uses_its_own_callbacks(cache_dir: Path, builds: list[str]) -> None:
    MLIRParser(())
    a, b = MLIRParser(()), MLIRParser(())
    assert len(builds) == 1
    for p in (a, b):
        assert p.lark.options.transformer is p.builder
        callbacks = p.lark._callbacks
        assert p.lark.parser.parser.parser.callbacks is callbacks
        assert p.lark.parser.parser_conf.callbacks is callbacks
        # Made on first use (lark_cache._RuleCallbacks): every rule has one, and those of
        # the builder's methods are bound to this parser's builder.
        assert all(callable(callbacks[r]) for r in p.lark.rules)
        bound = {getattr(f, "__self__", None) for f in map(callbacks.__getitem__, p.lark.rules)}
        other = b if p is a else a
        assert p.builder in bound and other.builder not in bound
        assert p.lark.lexer_conf.callbacks["CUSTOM_HEAD"].__self__ is p
        # The parser tests actions by identity against lark's own singletons.
        actions = {act for acts in p.lark.parser.parser._parse_table.states.values()
                   for act, _ in acts.values()}  # fmt: skip
        assert actions == {lark_cache.Shift, lark_cache.Reduce}
    assert _printed(a, CORE_TEXT) == _printed(b, CORE_TEXT)


def test_full_grammar_from_cache_parses_custom_and_generic_form(
    cache_dir: Path, builds: list[str]
) -> None:
    dialects = tuple(load_all_dialects())
    built = MLIRParser(dialects)
    loaded = MLIRParser(dialects)
    assert len(builds) == 1
    assert _table(loaded) == _table(built)
    assert _printed(loaded, CUSTOM_TEXT) == _printed(built, CUSTOM_TEXT)
    assert "arith.addi %arg0, %arg1 : i32" in _printed(loaded, CUSTOM_TEXT)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"not a cache\n" + data, id="foreign-header"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data.split(b"\n", 1)[0] + b"\n" + b"\x80\x05garbage", id="corrupt"),
        pytest.param(lambda data: data.split(b"\n", 1)[0] + b"\n", id="empty-body"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data.replace(b"dialir-parser-cache ", b"dialir-parser-cache 0", 1),
                     id="other-key"),
    ],
)  # fmt: skip
def test_bad_cache_file_gives_a_fresh_parser(cache_dir: Path, builds: list[str], damage) -> None:
    expected = _printed(MLIRParser(()), CORE_TEXT)
    (path,) = _cache_files(cache_dir)
    good = path.read_bytes()
    path.write_bytes(damage(good))
    p = MLIRParser(())
    assert len(builds) == 2
    assert _printed(p, CORE_TEXT) == expected
    assert path.read_bytes()[: good.index(b"\n")] == good[: good.index(b"\n")]  # rewritten
    MLIRParser(())
    assert len(builds) == 2


def test_cache_from_other_lark_version_is_not_used(
    cache_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    MLIRParser(())
    monkeypatch.setattr(lark_cache, "LARK_VERSION", "0.0.1")
    p = MLIRParser(())
    assert len(builds) == 2
    assert len(_cache_files(cache_dir)) == 2  # one file per lark version: no thrashing
    assert _printed(p, CORE_TEXT)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_cache_file_others_can_write_is_not_loaded(cache_dir: Path, builds: list[str]) -> None:
    MLIRParser(())
    (path,) = _cache_files(cache_dir)
    path.chmod(0o666)
    MLIRParser(())
    assert len(builds) == 2
    assert path.stat().st_mode & 0o077 == 0  # replaced by a private file


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file owners")
def test_cache_file_of_another_user_is_not_loaded(
    cache_dir: Path, builds: list[str], monkeypatch
) -> None:
    MLIRParser(())
    (path,) = _cache_files(cache_dir)
    owner = path.stat().st_uid
    # Seen from another account, the file belongs to someone else: it must not be unpickled.
    monkeypatch.setattr(lark_cache.os, "getuid", lambda: owner + 1)
    MLIRParser(())
    assert len(builds) == 2


def test_the_cache_can_be_turned_off(cache_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("DIALIR_NO_PARSER_CACHE", "1")
    assert grammar.cache_path() is None
    monkeypatch.setenv("DIALIR_NO_PARSER_CACHE", "0")
    assert grammar.cache_path() is not None


def test_cache_file_naming_other_code_is_not_run(
    cache_dir: Path, builds: list[str], tmp_path: Path
) -> None:
    """A file with the right header whose pickle names a function outside lark and the
    parser is refused before that function is called."""
    MLIRParser(())
    (path,) = _cache_files(cache_dir)
    header = path.read_bytes().split(b"\n", 1)[0] + b"\n"
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    path.write_bytes(header + pickle.dumps(Payload()))
    p = MLIRParser(())
    assert not marker.exists()
    assert len(builds) == 2
    assert _printed(p, CORE_TEXT)


def test_unwritable_cache_dir_still_parses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: list[str]
) -> None:
    monkeypatch.setattr(grammar, "cache_path", lambda: None)
    p = MLIRParser(())
    assert _printed(p, CORE_TEXT)
    assert len(builds) == 1


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_cache_path_falls_back_to_a_private_temp_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(grammar.tempfile, "tempdir", str(tmp_path))
    path = grammar.cache_path()
    assert path == str(tmp_path / f"dialir-cache-{os.getuid()}")
    assert os.stat(path).st_mode & 0o777 == 0o700
    # A shared directory of that name (someone else could plant a file there) is not used.
    os.chmod(path, 0o777)
    assert grammar.cache_path() is None


def _scanner_patterns(p: MLIRParser) -> list[re.Pattern]:
    """Every regex the lexer states' scanners compile (building them all)."""
    lexer = p.lark.parser.lexer
    patterns = []
    for state_lexer in {id(x): x for x in [*lexer.lexers.values(), lexer.root_lexer]}.values():
        scanner = state_lexer.scanner
        patterns += scanner._mres
        for callback in state_lexer.callback.values():
            inner = getattr(callback, "scanner", None)
            if inner is not None:
                patterns += inner._mres
    return patterns


def test_scanners_of_a_loaded_parser_come_from_the_cached_code(
    cache_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    MLIRParser(())
    p = MLIRParser(())
    assert len(builds) == 1
    from_code: list[str] = []
    compile_sre = lark_cache._compile_sre

    def counting(pattern: str, args: tuple) -> re.Pattern:
        from_code.append(pattern)
        return compile_sre(pattern, args)

    monkeypatch.setattr(lark_cache, "_compile_sre", counting)
    patterns = _scanner_patterns(p)
    assert patterns
    assert {m.pattern for m in patterns} <= set(from_code)
    sample = CORE_TEXT + '#map = affine_map<(d0) -> (d0)> !t = !llvm.ptr<"x"> -0x1.8p3 @s ^bb'
    for m in patterns:
        fresh = re.compile(m.pattern)
        assert (m.groups, m.groupindex, m.flags) == (fresh.groups, fresh.groupindex, fresh.flags)
        for pos in range(len(sample)):
            a, b = m.match(sample, pos), fresh.match(sample, pos)
            assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup))


def test_bad_scanner_code_falls_back_to_re_compile() -> None:
    pattern = "(?P<A>ab+)|(?P<B>c)"
    flags, code, groups, groupindex, indexgroup = lark_cache._sre_args(pattern, 0)
    stand_in = lark_cache.PrecompiledRe()
    assert stand_in.compile(pattern).match("abb").lastgroup == "A"  # no code: re.compile
    broken = bytearray(code)
    broken[8:12] = b"\xff\xff\x00\x00"
    stand_in.codes[pattern, 0] = (flags, bytes(broken), groups, groupindex, indexgroup)
    assert stand_in.compile(pattern).match("abb").lastgroup == "A"
    stand_in.codes[pattern, 0] = (flags, code[:-2], groups, groupindex, indexgroup)
    assert stand_in.compile(pattern).match("c").lastgroup == "B"
    stand_in.codes[pattern, 0] = (flags, code, groups, groupindex, indexgroup)
    assert stand_in.compile(pattern).match("c").lastgroup == "B"


def test_old_cache_files_are_pruned(cache_dir: Path, builds: list[str]) -> None:
    """Every grammar change makes a new file: a build keeps the most recently used ones and
    drops the files of lark's own cache, which nothing reads any more."""
    cache_dir.mkdir(parents=True)
    n = lark_cache.MAX_FILES + 5
    for i in range(n):
        old = cache_dir / f"grammar-{i:016x}.parser-cache"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    (cache_dir / "grammar-0123456789abcdef.lark-cache").write_bytes(b"x")
    (cache_dir / "unrelated.txt").write_text("kept")
    MLIRParser(())
    (new,) = [p for p in _cache_files(cache_dir) if p.stat().st_size > 1]
    names = {p.name for p in cache_dir.iterdir()}
    kept = {f"grammar-{i:016x}.parser-cache" for i in range(n - lark_cache.MAX_FILES + 1, n)}
    assert names == kept | {new.name, "unrelated.txt"}


def test_cached_scanner_code_is_what_re_compile_makes(
    cache_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code kept for each scanner is exactly what re.compile hands to `_sre` on this
    Python (a Python whose re compiles differently fails here, not in a parse)."""
    MLIRParser(())
    codes = MLIRParser(()).lark.lexer_conf.re_module.codes
    assert codes
    handed: list[tuple] = []
    sre = re._compiler._sre

    class Spy:
        def __getattr__(self, name: str):
            return getattr(sre, name)

        def compile(self, *args):
            handed.append(args)
            return sre.compile(*args)

    monkeypatch.setattr(re._compiler, "_sre", Spy())
    for (pattern, flags), (all_flags, code, groups, groupindex, indexgroup) in codes.items():
        re._compiler.compile(pattern, flags)
        code_list = list(array("I", code))
        assert handed.pop() == (pattern, all_flags, code_list, groups, groupindex, indexgroup)
