// Functions, calls and cf branches on the reference interpreter.
// RUN: python %S/Inputs/npz.py write %t.npz n='np.int64(20)'
// RUN: dialir-run --interpret %s --function factorial --inputs %t.npz --print | filecheck %s --check-prefix=FACT
// RUN: python %S/Inputs/npz.py write %t-pos.npz _='np.int32(12)'
// RUN: dialir-run --interpret %s --function recursive --inputs %t-pos.npz --print | filecheck %s --check-prefix=REC
// RUN: python %S/Inputs/npz.py write %t-sw.npz arg0='np.int32(-7)'
// RUN: dialir-run --interpret %s --function classify --inputs %t-sw.npz --print | filecheck %s --check-prefix=SWITCH
// RUN: dialir-run --interpret %s --function answers --print | filecheck %s --check-prefix=NOARGS

// FACT: result0: i64
// FACT-NEXT: 2432902008176640000
func.func @factorial(%n: i64) -> i64 {
  %c1 = arith.constant 1 : i64
  cf.br ^loop(%n, %c1 : i64, i64)
^loop(%i: i64, %acc: i64):
  %done = arith.cmpi sle, %i, %c1 : i64
  cf.cond_br %done, ^exit(%acc : i64), ^body
^body:
  %acc2 = arith.muli %acc, %i : i64
  %i2 = arith.subi %i, %c1 : i64
  cf.br ^loop(%i2, %acc2 : i64, i64)
^exit(%r: i64):
  return %r : i64
}

// Recursion through func.call, and a call through a function value; 13! wraps in i32.
// REC: result0: i32
// REC-NEXT: 479001600
func.func @recursive(%n: i32) -> i32 {
  %c1 = arith.constant 1 : i32
  %le = arith.cmpi sle, %n, %c1 : i32
  cf.cond_br %le, ^base, ^step
^base:
  return %c1 : i32
^step:
  %m = arith.subi %n, %c1 : i32
  %f = func.constant @recursive : (i32) -> i32
  %r = func.call_indirect %f(%m) : (i32) -> i32
  %p = arith.muli %n, %r : i32
  return %p : i32
}

// SWITCH: result0: i32
// SWITCH-NEXT: 7
func.func @classify(%x: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  cf.switch %x : i32, [
    default: ^other,
    -7: ^negate(%x : i32)
  ]
^negate(%v: i32):
  %n = arith.subi %c0, %v : i32
  return %n : i32
^other:
  return %c0 : i32
}

// Several results, printed in order; a function without arguments needs no --inputs.
// NOARGS: result0: f32
// NOARGS-NEXT: 0.75
// NOARGS-NEXT: result1: i1
// NOARGS-NEXT: True
// NOARGS-NEXT: result2: tensor<3xi8>
// NOARGS-NEXT: [ 127, -128, -127]
func.func @answers() -> (f32, i1, tensor<3xi8>) {
  %a = arith.constant 3.0 : f32
  %b = arith.constant 4.0 : f32
  %q = arith.divf %a, %b : f32
  %t = arith.cmpf olt, %q, %b : f32
  %v = arith.constant dense<[126, 127, -128]> : tensor<3xi8>
  %one = arith.constant dense<1> : tensor<3xi8>
  %w = arith.addi %v, %one : tensor<3xi8>
  return %q, %t, %w : f32, i1, tensor<3xi8>
}
