// Unknown flags, passes and pass options name the nearest known one (by edit distance), in
// the spelling the user wrote; with nothing near, the message says where to look.

// RUN: not dialir-opt -canonicalise %s 2>&1 | filecheck %s --check-prefix=FLAG1
// FLAG1: dialir-opt: error: unrecognized argument '-canonicalise' (did you mean '-canonicalize'?)

// RUN: not dialir-opt --split-input-fil %s 2>&1 | filecheck %s --check-prefix=FLAG2
// FLAG2: dialir-opt: error: unrecognized argument '--split-input-fil' (did you mean '--split-input-file'?)

// RUN: not dialir-opt -xyzzy-quux %s 2>&1 | filecheck %s --check-prefix=FLAG3
// FLAG3: dialir-opt: error: unrecognized argument '-xyzzy-quux' (neither a dialir-opt option nor a registered pass: see --help and --list-passes)

// RUN: not dialir-opt --pass-pipeline='builtin.module(canonicalise)' %s 2>&1 | filecheck %s --check-prefix=PASS
// PASS: <pass-pipeline>:1:16: error: 'canonicalise' does not refer to a registered pass or pass pipeline (did you mean 'canonicalize'?)

// RUN: not dialir-opt -canonicalize=max-iteration=2 %s 2>&1 | filecheck %s --check-prefix=OPTION
// OPTION: error: no such option 'max-iteration' for pass 'canonicalize' (did you mean 'max-iterations'?)

func.func @f() {
  return
}
