// Valid here, rejected by LLVM: an intrinsic called with the wrong arguments.
llvm.func @f(%a: f32) -> f32 {
  %0 = llvm.call_intrinsic "llvm.fabs.f32"(%a, %a) : (f32, f32) -> f32
  llvm.return %0 : f32
}
