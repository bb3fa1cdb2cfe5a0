"""The disk cache of built Lark parsers: one file per grammar under the user's cache dir.

Building the LALR tables of the composed grammar takes seconds, and lark's own `cache=`
still takes over a second to read them back (it decodes every table entry in Python), which
every dialir-opt process paid. Instead the built Lark object itself is pickled, as it stands
before its first parse, with the objects it shares with the running process (the regex
module, lark's Shift/Reduce, the transformer and callbacks) named rather than stored, and
with the compiled code of its lexer's scanner regexes.

Pickle runs code on load, so a file is read only from `grammar.cache_path()` (the user's own
cache directory, or a private 0700 one), only when this user owns it and nobody else can
write it, and only with classes from lark and dialir.parser (and functools.partial, with
which lark binds its own classes). A file that is missing,
truncated, corrupt or made for another grammar, lark or Python gives a fresh build, which
then replaces it (written to a temp file and renamed: lit runs many tools at once).
"""

from __future__ import annotations

import _sre
import contextlib
import copy
import hashlib
import os
import pickle
import re
import stat
import sys
import tempfile
from array import array
from collections.abc import Callable
from functools import partial
from re import _compiler as _re_compiler
from re import _parser as _re_parser
from typing import Any

from lark import Lark
from lark import __version__ as LARK_VERSION
from lark.grammar import RuleOptions
from lark.lark import _get_lexer_callbacks
from lark.parse_tree_builder import ParseTreeBuilder
from lark.parsers.lalr_analysis import Reduce, Shift

from dialir.core.ir.operation import gc_paused
from dialir.parser import grammar

# Bump when what a cache file holds changes shape; grammar changes need no bump (the grammar
# text is part of the key).
CACHE_FORMAT = 4

# Cache files kept in the directory; the least recently used go first. A grammar per set of
# dialects an input names (see parser.get_parser): a lit suite uses some dozens.
MAX_FILES = 96


def cached_lark(
    text: str,
    options: dict[str, Any],
    transformer: Any,
    lexer_callbacks: dict[str, Any],
    prepare: Callable[[Lark], None],
) -> Lark:
    """The LALR Lark parser of grammar `text` with `options` (fixed per grammar, part of the
    key), `transformer` and `lexer_callbacks` (this process's): read from the cache file for
    this grammar, lark and Python when there is a good one, otherwise built (seconds),
    `prepare`d, and written there."""
    digest = _digest(text, options)
    header = f"dialir-parser-cache {digest}\n".encode()
    directory = grammar.cache_path()
    path = os.path.join(directory, f"grammar-{digest[:16]}.parser-cache") if directory else None
    if path is not None:
        lark = _load(path, header, text, transformer, lexer_callbacks)
        if lark is not None:
            return lark
    lark = Lark(text, transformer=transformer, lexer_callbacks=lexer_callbacks, **options)
    prepare(lark)
    _share_equal_parts(lark)
    _compact_table(lark)
    if path is not None:
        _save(path, header, lark)
        _prune(os.path.dirname(path))
    return lark


def _digest(text: str, options: dict[str, Any]) -> str:
    parts = (text, repr(sorted(options.items())), LARK_VERSION, sys.version, str(CACHE_FORMAT))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _shared_objects(
    re_module: Any, transformer: Any, lexer_callbacks: dict[str, Any], callbacks: dict
) -> dict[str, Any]:
    """What a cache file names instead of storing: the regex module, and the callbacks,
    which belong to one parser."""
    return {
        "re": re_module,
        "transformer": transformer,
        "lexer_callbacks": lexer_callbacks,
        "callbacks": callbacks,
    }


# Built with the Lark object, but not stored: the grammar is only needed while building, the
# text is at hand. (The tree builder is stored: its per-rule wrappers take a third of a load
# to rebuild; the callbacks that bind them to this process's transformer are made on load.)
_UNSAVED = ("grammar", "source_grammar")


class _Pickler(pickle.Pickler):
    def __init__(self, file: Any, shared: dict[str, Any]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._names = {id(obj): name for name, obj in shared.items()}

    def persistent_id(self, obj: Any) -> str | None:
        return self._names.get(id(obj))

    def reducer_override(self, obj: Any) -> Any:
        # The singletons the parser tests with `is`, stored as a call that returns them:
        # pickle reads each once and refers back to it (a persistent id would call
        # persistent_load for each of the table's thousands of actions).
        if obj is Shift:
            return (_shift, ())
        if obj is Reduce:
            return (_reduce, ())
        return NotImplemented


def _shift() -> Any:
    return Shift


def _reduce() -> Any:
    return Reduce


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: Any, shared: dict[str, Any]) -> None:
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid: Any) -> Any:
        return self._shared[pid]

    def find_class(self, module: str, name: str) -> Any:
        if module.split(".", 1)[0] == "lark" or module.startswith("dialir.parser."):
            return super().find_class(module, name)
        if (module, name) == ("functools", "partial"):  # lark's tree builder binds its
            return super().find_class(module, name)  # wrappers (lark classes) with it
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a parser cache")


def _owned_by_user(st: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)  # not on Windows, where the cache dir is per user
    if getuid is not None and st.st_uid != getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class LazyStates(dict):
    """The LALR table's states (state -> {terminal or rule name: action}), each state's row
    decoded on first use from a compact form: the full grammar's table has ~900k entries in
    ~5k rows, which pickle reads one object at a time (most of a load), while a parse visits
    a few hundred rows. Rows share ~1k distinct key tuples and ~8k distinct actions; a key
    tuple is stored as its names' indexes (bytes), a row as its key tuple's index and its
    actions' indexes (bytes). Looking up a decoded row is a plain dict lookup (__missing__
    runs only the first time)."""

    __slots__ = ("_names", "_keys", "_actions", "_rows", "_typecode", "_decoded_keys")

    @classmethod
    def compact(cls, states: dict[int, dict[str, tuple]]) -> LazyStates:
        names_index: dict[str, int] = {}
        keys_index: dict[tuple[str, ...], int] = {}
        actions_index: dict[tuple, int] = {}
        rows: list[tuple[int, list[int]]] = []
        for state in range(len(states)):
            row = states[state]
            keys = keys_index.setdefault(tuple(row), len(keys_index))
            rows.append(
                (keys, [actions_index.setdefault(a, len(actions_index)) for a in row.values()])
            )
        keys_codes = [[names_index.setdefault(n, len(names_index)) for n in k] for k in keys_index]
        typecode = "H" if max(len(actions_index), len(names_index)) < 1 << 16 else "I"
        return _restore_states(
            tuple(names_index),
            tuple(array(typecode, codes).tobytes() for codes in keys_codes),
            tuple(actions_index),
            tuple((k, array(typecode, codes).tobytes()) for k, codes in rows),
            typecode,
        )

    def __reduce__(self) -> tuple:
        return (
            _restore_states,
            (self._names, self._keys, self._actions, self._rows, self._typecode),
        )

    def __missing__(self, state: int) -> dict[str, tuple]:
        if type(state) is not int or not 0 <= state < len(self._rows):
            raise KeyError(state)
        keys, codes = self._rows[state]
        names = self._decoded_keys.get(keys)
        if names is None:
            all_names = self._names
            names = [all_names[i] for i in array(self._typecode, self._keys[keys])]
            self._decoded_keys[keys] = names
        actions = self._actions
        row = dict(zip(names, [actions[i] for i in array(self._typecode, codes)]))
        self[state] = row
        return row

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Any:
        return iter(range(len(self._rows)))

    def __contains__(self, state: object) -> bool:
        return type(state) is int and 0 <= state < len(self._rows)

    def keys(self) -> Any:
        return range(len(self._rows))

    def values(self) -> Any:
        return (self[s] for s in range(len(self._rows)))

    def items(self) -> Any:
        return ((s, self[s]) for s in range(len(self._rows)))


def _restore_states(
    names: tuple, keys: tuple, actions: tuple, rows: tuple, typecode: str
) -> LazyStates:
    table = LazyStates()
    table._names, table._keys, table._actions = names, keys, actions
    table._rows, table._typecode, table._decoded_keys = rows, typecode, {}
    return table


def _share_equal_parts(lark: Lark) -> None:
    """One object for each distinct grammar symbol, rule option set and tree-builder filter:
    lark makes one per occurrence (~12k symbols for ~1.3k distinct ones in the full
    grammar), and a load pays for each object it reads back. They are not changed after the
    build, and compare by value."""
    shared: dict[Any, Any] = {}

    def one(key: Any, obj: Any) -> Any:
        return shared.setdefault(key, obj)

    for rule in lark.rules:
        rule.origin = one((type(rule.origin), rule.origin.name), rule.origin)
        rule.expansion[:] = [
            one((type(s), s.name, getattr(s, "filter_out", None)), s) for s in rule.expansion
        ]
        o = rule.options
        key = (RuleOptions, o.keep_all_tokens, o.expand1, o.priority, o.template_source,
               tuple(o.empty_indices))  # fmt: skip
        rule.options = one(key, o)
    builders = lark._parse_tree_builder.rule_builders
    for i, (rule, chain) in enumerate(builders):
        chain = [
            one((partial, f.func, repr(f.args), repr(f.keywords)), f) if type(f) is partial else f
            for f in chain
        ]
        builders[i] = (rule, one(("chain", *map(id, chain)), chain))


def _compact_table(lark: Lark) -> None:
    """The parse table's states as a LazyStates (shared by everything that holds them)."""
    table = lark.parser.parser._parse_table
    table.states = LazyStates.compact(table.states)


# -- scanner regexes ------------------------------------------------------------------------
#
# A scanner's regex (the alternation of every terminal a lexer state accepts) takes up to
# tens of milliseconds in `re`'s pure-Python compiler, and a first parse builds several. A
# cache file keeps each one's compiled code, made by the same Python (its version is part of
# the key) with the steps re.compile takes (re._compiler.compile, Python 3.11-3.13); `_sre`
# checks code it is given, and anything unexpected falls back to re.compile.

_SreArgs = tuple  # (flags, code: SRE codes as uint32 bytes, groups, groupindex, indexgroup)


def _sre_args(pattern: str, flags: int) -> _SreArgs:
    parsed = _re_parser.parse(pattern, flags)
    code = _re_compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        array("I", code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _compile_sre(pattern: str, args: _SreArgs) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = args
    code_list = array("I", code).tolist()
    return _sre.compile(pattern, flags, code_list, groups, groupindex, indexgroup)


class PrecompiledRe:
    """Stands in for the `re` module in a loaded parser's lexers: compiles the patterns
    whose code the cache holds from that code, and everything else as `re` does."""

    def __init__(self) -> None:
        self.codes: dict[tuple[str, int], _SreArgs] = {}

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern:
        args = self.codes.get((pattern, flags))
        if args is not None:
            with contextlib.suppress(Exception):
                return _compile_sre(pattern, args)
        return re.compile(pattern, flags)

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)


class _RecordingRe:
    """Stands in for `re` while every lexer state's scanner is built once, keeping the
    compiled code of each pattern that compiles the same both ways."""

    def __init__(self) -> None:
        self.codes: dict[tuple[str, int], _SreArgs] = {}

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern:
        expected = re.compile(pattern, flags)
        if (pattern, flags) not in self.codes and isinstance(pattern, str):
            with contextlib.suppress(Exception):
                args = _sre_args(pattern, flags)
                got = _compile_sre(pattern, args)
                if (got.flags, got.groups, got.groupindex) == (
                    expected.flags,
                    expected.groups,
                    expected.groupindex,
                ):
                    self.codes[pattern, flags] = args
        return expected

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)


def _precompile_scanners(lark: Lark) -> dict[tuple[str, int], _SreArgs]:
    """The compiled code of every scanner regex `lark`'s lexer states can build. Builds
    them on copies: the lexers themselves stay unbuilt (and picklable)."""
    if array("I").itemsize != _sre.CODESIZE:
        return {}
    recorder = _RecordingRe()
    lexer = lark.parser.lexer
    for state_lexer in {id(x): x for x in [*lexer.lexers.values(), lexer.root_lexer]}.values():
        probe = copy.copy(state_lexer)
        probe.re = recorder
        try:
            probe._build_scanner()
        except Exception:  # a lexer this code does not know: its scanners compile at run time
            return {}
    return recorder.codes


# -- the file -------------------------------------------------------------------------------


def _save(path: str, header: bytes, lark: Lark) -> None:
    """Write the cache file whole or not at all (temp file + rename)."""
    state = {k: v for k, v in vars(lark).items() if k not in _UNSAVED}
    options = lark.options
    shared = _shared_objects(re, options.transformer, options.lexer_callbacks, lark._callbacks)
    codes = _precompile_scanners(lark)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".grammar-", suffix=".tmp", dir=os.path.dirname(path))
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header)
            _Pickler(f, shared).dump((codes, state))
        os.replace(tmp, path)
    except Exception:  # disk full, or a lark whose objects pickle cannot store: no cache
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _load(
    path: str, header: bytes, text: str, transformer: Any, lexer_callbacks: dict[str, Any]
) -> Lark | None:
    """The Lark object stored at `path`, or None when there is none we can use."""
    try:
        # No garbage cycles here, but enough new objects for the collector to run several
        # times over everything imported so far (about 40% of the load time).
        with gc_paused():
            return _unpickle(path, header, text, transformer, lexer_callbacks)
    except FileNotFoundError:
        return None
    except Exception:  # truncated, corrupt, or written by other code: build afresh
        return None


def _unpickle(
    path: str, header: bytes, text: str, transformer: Any, lexer_callbacks: dict[str, Any]
) -> Lark | None:
    callbacks = _RuleCallbacks()
    re_module = PrecompiledRe()
    shared = _shared_objects(re_module, transformer, lexer_callbacks, callbacks)
    with open(path, "rb") as f:
        if not _owned_by_user(os.fstat(f.fileno())) or f.readline() != header:
            return None
        re_module.codes, state = _Unpickler(f, shared).load()
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: _prune keeps it
    lark = Lark.__new__(Lark)
    vars(lark).update(state)
    lark.source_grammar = text
    # A rule keeps the hash it had when the grammar was built (made from that process's str
    # hashes): it still works as a key, as every lookup is by the very object the parse table
    # holds; no rule is made after the build.
    # The parser already holds `callbacks` (still empty); it makes this transformer's, as
    # Lark._prepare_callbacks does, from the stored tree builder.
    callbacks.bind(lark._parse_tree_builder, transformer)
    callbacks.update(_get_lexer_callbacks(transformer, lark.terminals))
    lark._callbacks = callbacks
    return lark


class _RuleCallbacks(dict):
    """A loaded parser's callbacks (rule -> the transformer's method wrapped as lark's tree
    builder says), each made the first time its rule is reduced: a parse reduces a few
    hundred of the grammar's thousands of rules, and making them all took a tenth of a
    load. Lexer callbacks (by terminal name) are put in as they are."""

    __slots__ = ("_chains", "_builder", "_transformer")

    def bind(self, tree_builder: Any, transformer: Any) -> None:
        self._chains = {id(rule): (rule, chain) for rule, chain in tree_builder.rule_builders}
        self._builder, self._transformer = tree_builder, transformer

    def __bool__(self) -> bool:
        return True  # lark's parser skips callbacks when the dict is empty

    def __missing__(self, rule: Any) -> Any:
        entry = self._chains.get(id(rule))
        if entry is None:
            raise KeyError(rule)
        # Lark's own create_callback, on this one rule (it reads only these two fields).
        one = _OneRuleBuilder(self._builder.tree_class, [entry])
        callback = self[rule] = ParseTreeBuilder.create_callback(one, self._transformer)[rule]
        return callback


class _OneRuleBuilder:
    __slots__ = ("tree_class", "rule_builders")

    def __init__(self, tree_class: Any, rule_builders: list) -> None:
        self.tree_class, self.rule_builders = tree_class, rule_builders


def _prune(directory: str) -> None:
    """Keep the MAX_FILES most recently used cache files (every change to a dialect's
    grammar makes a new one), and drop those of lark's own cache, which dialir used before."""
    try:
        entries = [e for e in os.scandir(directory) if e.name.startswith("grammar-")]
        ours = [e for e in entries if e.name.endswith(".parser-cache")]
        ours.sort(key=lambda e: e.stat().st_mtime, reverse=True)
        stale = ours[MAX_FILES:] + [e for e in entries if e.name.endswith(".lark-cache")]
        for entry in stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    except OSError:
        return
