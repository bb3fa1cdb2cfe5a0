// dialir-run's errors: one diagnostic each, at the op or the function, then exit status 1;
// never a traceback.
// RUN: python %S/Inputs/npz.py write %t-div.npz a='np.int32(7)' b='np.int32(0)'
// RUN: not dialir-run --interpret %s --function div --inputs %t-div.npz 2>&1 | filecheck %s --check-prefix=DIV --strict-whitespace
// RUN: python %S/Inputs/npz.py write %t-ok.npz a='np.int32(7)' b='np.int32(2)'
// RUN: dialir-run --interpret %s --function div --inputs %t-ok.npz --print | filecheck %s --check-prefix=OK
// RUN: python %S/Inputs/npz.py write %t-false.npz c='np.bool_(False)'
// RUN: not dialir-run --interpret %s --function check --inputs %t-false.npz 2>&1 | filecheck %s --check-prefix=ASSERT
// RUN: python %S/Inputs/npz.py write %t-oob.npz m='np.zeros(4, np.float32)' i='np.int64(4)'
// RUN: not dialir-run --interpret %s --function get --inputs %t-oob.npz 2>&1 | filecheck %s --check-prefix=OOB
// RUN: python %S/Inputs/npz.py write %t-one.npz a='np.int32(7)'
// RUN: not dialir-run --interpret %s --function div --inputs %t-one.npz 2>&1 | filecheck %s --check-prefix=MISSING
// RUN: python %S/Inputs/npz.py write %t-extra.npz a='np.int32(7)' b='np.int32(1)' c='np.int32(1)'
// RUN: not dialir-run --interpret %s --function div --inputs %t-extra.npz 2>&1 | filecheck %s --check-prefix=EXTRA
// RUN: python %S/Inputs/npz.py write %t-type.npz a='np.int64(7)' b='np.int32(1)'
// RUN: not dialir-run --interpret %s --function div --inputs %t-type.npz 2>&1 | filecheck %s --check-prefix=TYPE
// RUN: not dialir-run --interpret %s --function nope --inputs %t-ok.npz 2>&1 | filecheck %s --check-prefix=NOFUNC
// RUN: not dialir-run --interpret %s --function div 2>&1 | filecheck %s --check-prefix=NOINPUTS
// RUN: not dialir-run --interpret %s --function div --inputs %S/errors.mlir 2>&1 | filecheck %s --check-prefix=BADNPZ
// Native code (the default) on the same inputs: results, an assertion that fails (abort()
// returns to Python as an error), division by zero (undefined behaviour: no trap, no crash),
// arrays that do not fit the signature.
// RUN: dialir-run %s --function div --inputs %t-ok.npz --print | filecheck %s --check-prefix=OK
// RUN: not dialir-run %s --function check --inputs %t-false.npz 2>&1 | filecheck %s --check-prefix=NATIVE-ASSERT
// RUN: dialir-run %s --function div --inputs %t-div.npz --print | filecheck %s --check-prefix=OK-DIV
// RUN: not dialir-run %s --function div --inputs %t-type.npz 2>&1 | filecheck %s --check-prefix=NATIVE-TYPE
// RUN: not dialir-run %s --function nope --inputs %t-ok.npz 2>&1 | filecheck %s --check-prefix=NATIVE-NOFUNC
// RUN: not dialir-run --interpret %s --function div --inputs %t-ok.npz --pass-pipeline='builtin.module(cse)' 2>&1 | filecheck %s --check-prefix=MODE
// RUN: not dialir-run --interpret %S/Inputs/does-not-exist.mlir 2>&1 | filecheck %s --check-prefix=NOFILE
// RUN: python -c "import subprocess, sys; print('exit status', subprocess.run(sys.argv[1:], capture_output=True).returncode)" dialir-run --interpret %s --function div --inputs %t-div.npz | filecheck %s --check-prefix=STATUS

// DIV: {{^.*}}errors.mlir:39:8: error: 'arith.divsi' op division by zero{{$}}
// DIV-NEXT: {{^}}  %q = arith.divsi %a, %b : i32{{$}}
// DIV-NEXT: {{^}}       ^{{$}}
// DIV-NOT: Traceback
// OK: result0: i32
// OK-NEXT: 3
func.func @div(%a: i32, %b: i32) -> i32 {
  %q = arith.divsi %a, %b : i32
  return %q : i32
}

// ASSERT: errors.mlir:45:3: error: 'cf.assert' op assertion failed: c must hold
func.func @check(%c: i1) {
  cf.assert %c, "c must hold"
  return
}

// OOB: errors.mlir:51:8: error: 'memref.load' op index [4] is out of bounds of a memref of shape [4] (dimension 0)
func.func @get(%m: memref<?xf32>, %i: index) -> f32 {
  %v = memref.load %m[%i] : memref<?xf32>
  return %v : f32
}

// MISSING: dialir-run: error: {{.*}}-one.npz: no input for argument 'b' of @div
// EXTRA: dialir-run: error: {{.*}}-extra.npz: input 'c' matches no argument of @div
// TYPE: errors.mlir:38:1: error: @div argument #0 ('a'): expected i32 (dtype int32), got a scalar of dtype int64
// NOFUNC: errors.mlir: error: no function named 'nope' (functions: @check, @div, @get)
// NOINPUTS: dialir-run: error: @div takes 2 arguments: pass them with --inputs FILE.npz
// BADNPZ: dialir-run: error: could not read inputs file '{{.*}}errors.mlir'
// MODE: dialir-run: error: --pass-pipeline lowers for native code; it does not apply to --interpret
// NATIVE-ASSERT: c must hold
// NATIVE-ASSERT: dialir-run: error: check() called abort() (a failed cf.assert
// OK-DIV: result0: i32
// NATIVE-TYPE: dialir-run: error: {{.*}}-type.npz: input 'a' must have dtype int32, got int64
// NATIVE-NOFUNC: dialir-run: error: no func.func @nope in the module
// NOFILE: dialir-run: error: could not open input file '{{.*}}does-not-exist.mlir': No such file or directory
// STATUS: exit status 1
