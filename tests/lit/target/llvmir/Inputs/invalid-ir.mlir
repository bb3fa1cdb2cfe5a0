// The module is verified first.
llvm.func @f(%a: f32) -> i32 {
  llvm.return %a : f32
}
