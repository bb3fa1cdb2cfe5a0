// Pipeline text errors: one diagnostic pointing into the pipeline text (buffer
// `<pass-pipeline>`), with the text and a caret under the column; exit status 1 (2 for an
// unknown command-line flag, as for any bad flag). Nothing is printed on stdout.
// DEFINE: %{opt} = env PYTHONPATH=%S/../Inputs dialir-opt %s --load-pass-plugin=test_passes

// RUN: not %{opt} --pass-pipeline='builtin.module(func.func(cse-typo))' 2>&1 | filecheck %s --strict-whitespace --check-prefix=UNKNOWN
// UNKNOWN:      {{^}}<pass-pipeline>:1:26: error: 'cse-typo' does not refer to a registered pass or pass pipeline{{$}}
// UNKNOWN-NEXT: {{^}}builtin.module(func.func(cse-typo)){{$}}
// UNKNOWN-NEXT: {{^}}                         ^{{$}}
// UNKNOWN-NOT:  func.func

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{number=1 colour=red})' 2>&1 | filecheck %s --strict-whitespace --check-prefix=OPTION
// OPTION:      {{^}}<pass-pipeline>:1:38: error: no such option 'colour' for pass 'test-options' (options: number, flag, ratio, label, sizes, names, mode, level){{$}}
// OPTION-NEXT: {{^}}builtin.module(test-options{number=1 colour=red}){{$}}
// OPTION-NEXT: {{^}}                                     ^{{$}}

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{number=ten})' 2>&1 | filecheck %s --strict-whitespace --check-prefix=INT
// INT:      {{^}}<pass-pipeline>:1:36: error: invalid value 'ten' for option 'number' of pass 'test-options': expected an integer{{$}}
// INT-NEXT: {{^}}builtin.module(test-options{number=ten}){{$}}
// INT-NEXT: {{^}}                                   ^{{$}}

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{flag=maybe})' 2>&1 | filecheck %s --check-prefix=BOOL
// BOOL: <pass-pipeline>:1:34: error: invalid value 'maybe' for option 'flag' of pass 'test-options': expected 'true' or 'false'

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{mode=slow})' 2>&1 | filecheck %s --check-prefix=ENUM
// ENUM: <pass-pipeline>:1:34: error: invalid value 'slow' for option 'mode' of pass 'test-options': expected one of 'fast', 'safe'

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{ratio=1.5.2})' 2>&1 | filecheck %s --check-prefix=FLOAT
// FLOAT: <pass-pipeline>:1:35: error: invalid value '1.5.2' for option 'ratio' of pass 'test-options': expected a number

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{sizes=1,x,3})' 2>&1 | filecheck %s --check-prefix=LIST
// LIST: <pass-pipeline>:1:35: error: invalid value '1,x,3' for option 'sizes' of pass 'test-options': element 'x': expected an integer

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{number})' 2>&1 | filecheck %s --strict-whitespace --check-prefix=NOEQ
// NOEQ:      {{^}}<pass-pipeline>:1:35: error: expected '=' and a value after option 'number' of pass 'test-options' (e.g. number=<int>){{$}}
// NOEQ-NEXT: {{^}}builtin.module(test-options{number}){{$}}
// NOEQ-NEXT: {{^}}                                  ^{{$}}

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{number=1 number=2})' 2>&1 | filecheck %s --check-prefix=TWICE
// TWICE: <pass-pipeline>:1:38: error: option 'number' of pass 'test-options' is given twice

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{label="abc})' 2>&1 | filecheck %s --check-prefix=QUOTE
// QUOTE: <pass-pipeline>:1:35: error: missing closing quote in pass options

// RUN: not %{opt} --pass-pipeline='builtin.module(test-options{number=3)' 2>&1 | filecheck %s --check-prefix=BRACE
// BRACE: <pass-pipeline>:1:28: error: missing closing '}' while processing pass options

// A pass for another op than its anchor's (MLIR checks this when the pass is scheduled).
// RUN: not %{opt} --pass-pipeline='builtin.module(canonicalize,test-func-mark)' 2>&1 | filecheck %s --strict-whitespace --check-prefix=ANCHOR
// ANCHOR:      {{^}}<pass-pipeline>:1:29: error: 'test-func-mark' expects to run on 'func.func', not 'builtin.module'{{$}}
// ANCHOR-NEXT: {{^}}builtin.module(canonicalize,test-func-mark){{$}}
// ANCHOR-NEXT: {{^}}                            ^{{$}}
// RUN: not %{opt} --pass-pipeline='builtin.module(func.func(test-module-mark))' 2>&1 | filecheck %s --check-prefix=ANCHOR2
// ANCHOR2: <pass-pipeline>:1:26: error: 'test-module-mark' expects to run on 'builtin.module', not 'func.func'

// RUN: not %{opt} --pass-pipeline='builtin.module(func.func(canonicalize)' 2>&1 | filecheck %s --strict-whitespace --check-prefix=OPEN
// OPEN:      {{^}}<pass-pipeline>:1:39: error: encountered unbalanced parentheses while parsing pipeline{{$}}
// OPEN-NEXT: {{^}}builtin.module(func.func(canonicalize){{$}}
// OPEN-NEXT: {{^}}                                      ^{{$}}
// RUN: not %{opt} --pass-pipeline='builtin.module(canonicalize))' 2>&1 | filecheck %s --check-prefix=CLOSE
// CLOSE: <pass-pipeline>:1:29: error: encountered extra closing ')' creating unbalanced parentheses while parsing pipeline
// RUN: not %{opt} --pass-pipeline='builtin.module(canonicalize canonicalize)' 2>&1 | filecheck %s --check-prefix=COMMA
// COMMA: <pass-pipeline>:1:28: error: expected ',' after parsing pipeline element 'canonicalize'
// RUN: not %{opt} --pass-pipeline='builtin.module(canonicalize,)' 2>&1 | filecheck %s --check-prefix=EMPTYNAME
// EMPTYNAME: <pass-pipeline>:1:29: error: expected a pass name or an op name, found ')'
// RUN: not %{opt} --pass-pipeline='builtin.module(func.func(canonicalize){x=1})' 2>&1 | filecheck %s --check-prefix=NESTOPT
// NESTOPT: <pass-pipeline>:1:39: error: the nested pipeline of 'func.func' cannot take options

// RUN: not %{opt} --pass-pipeline='canonicalize' 2>&1 | filecheck %s --check-prefix=NOANCHOR
// NOANCHOR: <pass-pipeline>:1:1: error: expected pass pipeline to be wrapped with the anchor operation type, e.g. 'builtin.module(...)'
// RUN: not %{opt} --pass-pipeline='builtin.module(canonicalize),func.func(canonicalize)' 2>&1 | filecheck %s --check-prefix=TWOANCHORS
// TWOANCHORS: <pass-pipeline>:1:29: error: unexpected ',' after the pipeline: a pipeline has one anchor, e.g. 'builtin.module(...)'

// The anchor must be the op the pipeline runs on: the parsed module.
// RUN: not %{opt} --pass-pipeline='func.func(canonicalize)' 2>&1 | filecheck %s --check-prefix=TOPOP
// TOPOP: pipeline-errors.mlir:0:0: error: can't run 'func.func' pass manager on 'builtin.module' op

// Per-pass flags build the pipeline text; their errors point into it.
// RUN: not %{opt} --test-func-mark --test-options='number=x' 2>&1 | filecheck %s --strict-whitespace --check-prefix=FLAGOPT
// FLAGOPT:      {{^}}<pass-pipeline>:1:62: error: invalid value 'x' for option 'number' of pass 'test-options': expected an integer{{$}}
// FLAGOPT-NEXT: {{^}}builtin.module(func.func(test-func-mark),test-options{number=x}){{$}}
// FLAGOPT-NEXT: {{^}}                                                             ^{{$}}
// RUN: not %{opt} --canonicalize --pass-pipeline='builtin.module(canonicalize)' 2>&1 | filecheck %s --check-prefix=BOTH
// BOTH: error: '--pass-pipeline' cannot be used with individual pass flags (--canonicalize ...): use one or the other
// RUN: not %{opt} --canonicalize --no-such-pass 2>&1 | filecheck %s --check-prefix=FLAG
// FLAG: dialir-opt: error: unrecognized argument '--no-such-pass' (neither a dialir-opt option nor a registered pass: see --help and --list-passes)
// RUN: not %{opt} --canonicalize --print-ir-after=canonicalize,nope 2>&1 | filecheck %s --check-prefix=PRINTIR
// PRINTIR: error: --print-ir-after: 'nope' does not refer to a registered pass

func.func @f() {
  return
}
