// RUN: dialir-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s

// Each chunk is parsed as if alone (mlir-opt gives each its own context): the second chunk's
// blob `w` holds other bytes than the first's, and keeps its key.
// CHECK:      "test.a"() {w = dense_resource<w> : tensor<2xi32>}
// CHECK:      w: "0x040000000100000002000000"
// CHECK:      // -----
// CHECK:      "test.b"() {w = dense_resource<w> : tensor<2xi32>}
// CHECK:      w: "0x040000000300000004000000"
"test.a"() {w = dense_resource<w> : tensor<2xi32>} : () -> ()
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000100000002000000"
    }
  }
#-}

// -----

"test.b"() {w = dense_resource<w> : tensor<2xi32>} : () -> ()
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000300000004000000"
    }
  }
#-}
