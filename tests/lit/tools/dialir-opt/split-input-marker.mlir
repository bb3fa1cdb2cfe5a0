// RUN: not dialir-opt %s --split-input-file 2>&1 | filecheck %s

// MLIR's --split-input-file cuts at each split marker (two slashes, a space, five dashes)
// followed by one more character, also in the middle of a line (as in the IR dump headers
// of --mlir-print-ir-after); two slashes, a space and three dashes followed by anything
// else are a near miss: a warning, and no cut. A chunk that fails keeps its place between
// the markers of the output.

// CHECK:      split-input-marker.mlir:[[# @LINE + 6]]:7: warning: near miss with file split marker
// CHECK:      split-input-marker.mlir:[[# @LINE + 13]]:3: error: custom op 'bad.op' is unknown
// CHECK:      func.func @a()
// CHECK:      func.func @b()
// CHECK-NEXT:   return
// CHECK:      {{^}}// {{-+$}}
// --- a near miss: @a and @b stay in one chunk
func.func @a() {
  return
}
func.func @b() {
  return
} // -----// the rest of this line begins the next chunk
func.func @c() {
  bad.op  // invalid on purpose: no expected-error
}
// -----
// CHECK-NEXT: {{^}}// {{-+$}}
// CHECK-NEXT: module {
// CHECK-NEXT:   func.func @d()
func.func @d() {
  return
}
