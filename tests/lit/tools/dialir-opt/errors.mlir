// RUN: not dialir-opt %s --allow-unregistered-dialect 2>&1 | filecheck %s --strict-whitespace
// RUN: not dialir-opt %s --allow-unregistered-dialect --split-input-file 2>&1 | filecheck %s --strict-whitespace --check-prefix=SPLIT
// RUN: python -c "import subprocess, sys; print('exit status', subprocess.run(sys.argv[1:], capture_output=True).returncode)" dialir-opt %s --allow-unregistered-dialect | filecheck %s --check-prefix=STATUS
"t.op"() {a = 300 : i8} : () -> ()

// Without --verify-diagnostics every error is printed as `file:line:col: error: message`, then
// the source line, then a caret under the column; the exit status is 1. Parsing stops at the
// first error of the input (or of each chunk, with --split-input-file).
// Every chunk but one is invalid on purpose, without expected-error comments: the rendering
// itself is checked. Such chunks say so with "invalid: no expected-error".

// CHECK: {{^.*}}errors.mlir:4:15: error: integer constant out of range for type 'i8'{{$}}
// CHECK-NEXT: {{^}}"t.op"() {a = 300 : i8} : () -> (){{$}}
// CHECK-NEXT: {{^}}              ^{{$}}
// CHECK-NOT: error

// SPLIT: {{^.*}}errors.mlir:4:15: error: integer constant out of range for type 'i8'{{$}}
// SPLIT-NEXT: {{^}}"t.op"() {a = 300 : i8} : () -> (){{$}}
// SPLIT-NEXT: {{^}}              ^{{$}}

// STATUS: exit status 1

// -----

// Each chunk is parsed on its own, with the line numbers of the whole file; a note follows
// its error, rendered the same way. (invalid: no expected-error)
"t.op"() ({
  "t.use"(%v) : (i32) -> ()
  %v = "t.def"() : () -> i32
}) : () -> ()

// SPLIT-NEXT: {{^.*}}errors.mlir:[[# @LINE - 4]]:3: error: operand #0 does not dominate this use{{$}}
// SPLIT-NEXT: {{^}}  "t.use"(%v) : (i32) -> (){{$}}
// SPLIT-NEXT: {{^}}  ^{{$}}
// SPLIT-NEXT: {{^.*}}errors.mlir:[[# @LINE - 6]]:8: note: operand defined here (op in the same block){{$}}
// SPLIT-NEXT: {{^}}  %v = "t.def"() : () -> i32{{$}}
// SPLIT-NEXT: {{^}}       ^{{$}}

// -----

// The column is that of the offending token, here the type inside the signature.
// (invalid: no expected-error)
"t.op"() : () -> (i32, vector<0x[4]xf32>)

// SPLIT-NEXT: {{^.*}}errors.mlir:[[# @LINE - 2]]:24: error: vector types must have positive constant sizes but got 0, 4{{$}}
// SPLIT-NEXT: {{^}}"t.op"() : () -> (i32, vector<0x[4]xf32>){{$}}
// SPLIT-NEXT: {{^}}                       ^{{$}}

// -----

// A chunk without errors is printed as usual (on stdout) and does not hide the others.
"t.fine"() : () -> ()

// -----

// (invalid: no expected-error)
"t.op"() {a = dense<[1, 2, 3]> : tensor<2xi32>} : () -> ()

// SPLIT-NEXT: {{^.*}}errors.mlir:[[# @LINE - 2]]:15: error: inferred shape of elements literal ([3]) does not match type ([2]){{$}}
// SPLIT-NEXT: {{^}}"t.op"() {a = dense<[1, 2, 3]> : tensor<2xi32>} : () -> (){{$}}
// SPLIT-NEXT: {{^}}              ^{{$}}
// SPLIT: "t.fine"() : () -> ()
