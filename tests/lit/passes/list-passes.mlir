// --list-passes: every available pass (built in, from plugins) in name order, the op it runs
// on if it is not op-agnostic, its summary, and each option's name, type, default and help.
// RUN: env PYTHONPATH=%S/../Inputs dialir-opt --load-pass-plugin=test_passes --list-passes | filecheck %s --strict-whitespace
// CHECK:      {{^}}Available passes (run one with --<pass>[='<option>=<value> ...'] or in --pass-pipeline='builtin.module(<pass>{<option>=<value> ...})'):{{$}}
// CHECK:      {{^}}  canonicalize{{$}}
// CHECK-NEXT: {{^}}      Canonicalize operations{{.*}}
// CHECK-NEXT: {{^}}      max-iterations : int = 10{{$}}
// CHECK:      {{^}}  test-break-ir  (runs on 'func.func'){{$}}
// CHECK-NEXT: {{^}}      Break the IR of a function (erase its terminator, or use a value before its def){{$}}
// CHECK-NEXT: {{^}}      how : erase-terminator|use-before-def = erase-terminator{{$}}
// CHECK-NEXT: {{^}}          how to break the IR{{$}}
// CHECK:      {{^}}  test-options{{$}}
// CHECK-NEXT: {{^}}      Record the pass's options in a 'test.options' attribute{{$}}
// CHECK-NEXT: {{^}}      number : int = 1{{$}}
// CHECK-NEXT: {{^}}          an integer{{$}}
// CHECK-NEXT: {{^}}      flag : bool = false{{$}}
// CHECK-NEXT: {{^}}          a boolean{{$}}
// CHECK-NEXT: {{^}}      ratio : float = 0.5{{$}}
// CHECK-NEXT: {{^}}          a floating-point number{{$}}
// CHECK-NEXT: {{^}}      label : string = ""{{$}}
// CHECK-NEXT: {{^}}          a string{{$}}
// CHECK-NEXT: {{^}}      sizes : list<int> = (empty){{$}}
// CHECK-NEXT: {{^}}          a list of integers{{$}}
// CHECK-NEXT: {{^}}      names : list<string> = (empty){{$}}
// CHECK-NEXT: {{^}}          a list of strings{{$}}
// CHECK-NEXT: {{^}}      mode : fast|safe = fast{{$}}
// CHECK-NEXT: {{^}}          an enum{{$}}
// CHECK-NEXT: {{^}}      level : low|high = low{{$}}
// CHECK-NEXT: {{^}}          one of two words{{$}}
// CHECK-NEXT: {{^}}  test-raise{{$}}

// Without the plugin its passes are not there.
// RUN: dialir-opt --list-passes | filecheck %s --check-prefix=NOPLUGIN
// NOPLUGIN: canonicalize
// NOPLUGIN-NOT: test-options

func.func @f() {
  return
}
