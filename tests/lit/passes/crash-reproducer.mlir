// A pass that raises (test-raise, a pass with a bug) is reported in one line that names the
// pass and the reproducer, never with a traceback, and nothing is printed on stdout. The
// reproducer holds the pipeline (and the flags it needs) on a `// configuration:` line, then
// the input of the pipeline; `dialir-opt --run-reproducer` replays it.
// DEFINE: %{opt} = env PYTHONPATH=%S/../Inputs dialir-opt --load-pass-plugin=test_passes

// RUN: not %{opt} %s --pass-pipeline='builtin.module(func.func(test-func-mark,test-raise))' --mlir-pass-pipeline-crash-reproducer=%t.repro.mlir 2>&1 | filecheck %s
// CHECK:      {{^}}error: pass 'test-raise' crashed on 'func.func' op @f at {{.*}}crash-reproducer.mlir:[[# @LINE + 29]]:1: RuntimeError: test-raise: deliberate crash; reproducer generated at '{{.*}}.repro.mlir' (DIALIR_TRACEBACK=1 shows the traceback){{$}}
// CHECK-NOT:  Traceback
// CHECK-NOT:  func.func

// RUN: filecheck %s --input-file=%t.repro.mlir --check-prefix=REPRO
// REPRO:      {{^}}// configuration: --pass-pipeline='builtin.module(func.func(test-func-mark{tag=func},test-raise))' --load-pass-plugin=test_passes{{$}}
// REPRO-NEXT: {{^}}// note: pass 'test-raise' crashed on 'func.func' op @f
// REPRO:      {{^}}func.func @f(%x: i32) -> i32 {

// RUN: not %{opt} --run-reproducer %t.repro.mlir 2>&1 | filecheck %s --check-prefix=REPLAY
// REPLAY:     {{^}}error: pass 'test-raise' crashed on 'func.func' op @f at {{.*}}.repro.mlir:{{[0-9]+}}:1: RuntimeError: test-raise: deliberate crash (DIALIR_TRACEBACK=1 shows the traceback){{$}}

// Without --mlir-pass-pipeline-crash-reproducer the reproducer goes to the temp directory.
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: not env TMPDIR=%t.tmp %{opt} %s --test-raise 2>&1 | filecheck %s --check-prefix=DEFAULT
// DEFAULT: error: pass 'test-raise' crashed on 'builtin.module' op at {{.*}}: RuntimeError: test-raise: deliberate crash; reproducer generated at '{{.*}}.tmp/dialir-reproducer-{{.*}}.mlir'
// RUN: cat %t.tmp/dialir-reproducer-*.mlir | filecheck %s --check-prefix=DEFAULT-REPRO
// DEFAULT-REPRO: // configuration: --pass-pipeline='builtin.module(test-raise)' --load-pass-plugin=test_passes

// With the flag, a pass failure (not only a crash) leaves a reproducer too, as in MLIR.
// RUN: not %{opt} %s --test-break-ir --mlir-pass-pipeline-crash-reproducer=%t.fail.mlir 2>&1 | filecheck %s --check-prefix=FAIL
// FAIL: error: 'test-break-ir' pass produced invalid IR: {{.*}}; reproducer generated at '{{.*}}.fail.mlir'
// RUN: not %{opt} --run-reproducer %t.fail.mlir 2>&1 | filecheck %s --check-prefix=FAIL-REPLAY
// FAIL-REPLAY: error: 'test-break-ir' pass produced invalid IR:

// A file without a configuration line is not a reproducer.
// RUN: not dialir-opt --run-reproducer %S/anchors.mlir 2>&1 | filecheck %s --check-prefix=NOCONF
// NOCONF: anchors.mlir:1:1: error: --run-reproducer: the input has no '// configuration:' line

func.func @f(%x: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %y = arith.addi %x, %c0 : i32
  return %y : i32
}
