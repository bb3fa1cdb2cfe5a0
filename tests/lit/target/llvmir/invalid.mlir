// RUN: not dialir-translate --mlir-to-llvmir --allow-unregistered-dialect %S/Inputs/not-llvm.mlir 2>&1 | filecheck %s --check-prefix=NOTLLVM
// RUN: not dialir-translate --mlir-to-llvmir --allow-unregistered-dialect %S/Inputs/index.mlir 2>&1 | filecheck %s --check-prefix=INDEX
// RUN: not dialir-translate --mlir-to-llvmir %S/Inputs/invalid-ir.mlir 2>&1 | filecheck %s --check-prefix=VERIFY
// RUN: not dialir-translate --mlir-to-llvmir --target-triple=nonsense-none-none %S/Inputs/valid.mlir --emit=obj 2>&1 | filecheck %s --check-prefix=TRIPLE

// Errors are diagnostics at the op that cannot be translated, never tracebacks.

// NOTLLVM: not-llvm.mlir:3:3: error: cannot be converted to LLVM IR: no translation for op 'test.op'
// INDEX: index.mlir:2:1: error: cannot translate 'index' to LLVM IR
// VERIFY: invalid-ir.mlir:3:3: error: 'llvm.return' op mismatching result types
// TRIPLE: error: unknown target triple 'nonsense-none-none'

// IR that LLVM rejects after translation is a diagnostic too, not a traceback.
// RUN: not dialir-translate --mlir-to-llvmir %S/Inputs/llvm-rejects.mlir 2>&1 | filecheck %s --check-prefix=REJECT
// REJECT: error: LLVM rejected the translated IR: {{.*}}

// A bad option is a usage error.
// RUN: not dialir-translate --mlir-to-llvmir %S/Inputs/valid.mlir --emit=obj -O9 2>&1 | filecheck %s --check-prefix=OPT
// OPT: error: argument -O: invalid choice: 9
