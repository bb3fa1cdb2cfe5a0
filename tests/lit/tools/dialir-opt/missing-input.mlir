// RUN: not dialir-opt %S/does-not-exist.mlir 2>&1 | filecheck %s
// RUN: python -c "import subprocess, sys; print('exit status', subprocess.run(sys.argv[1:], capture_output=True).returncode)" dialir-opt %S/does-not-exist.mlir | filecheck %s --check-prefix=STATUS

// A missing input file is one error line (no traceback) and exit status 1.

// CHECK: error: could not open input file '{{.*}}does-not-exist.mlir': No such file or directory
// CHECK-NOT: Traceback
// STATUS: exit status 1
