// Object code and assembly for a given target through llvmlite's target machine.
// RUN: dialir-translate --mlir-to-llvmir --emit=asm -O3 --target-triple=x86_64-unknown-linux-gnu --cpu=skylake-avx512 %s | filecheck %s --check-prefix=AVX512
// RUN: dialir-translate --mlir-to-llvmir --emit=asm -O3 --target-triple=x86_64-unknown-linux-gnu --cpu=x86-64 %s | filecheck %s --check-prefix=SSE
// RUN: dialir-translate --mlir-to-llvmir --emit=asm -O2 --target-triple=x86_64-unknown-linux-gnu --cpu=x86-64 --features=+avx2,+fma %s | filecheck %s --check-prefix=AVX2
// RUN: dialir-translate --mlir-to-llvmir --emit=obj -O2 %s -o %t.o
// RUN: %python -c "import sys; data = open(sys.argv[1], 'rb').read(); assert data[:4] == b'\x7fELF', data[:4]" %t.o
// RUN: dialir-translate --mlir-to-llvmir -O3 %s | filecheck %s --check-prefix=OPT

// A 16-lane float add: one zmm instruction with AVX-512, four xmm ones without.
// AVX512-LABEL: add16:
// AVX512: vaddps {{.*}}zmm
// SSE-LABEL: add16:
// SSE-NOT: zmm
// SSE: addps {{.*}}xmm
// AVX2-LABEL: add16:
// AVX2: vaddps {{.*}}ymm
// OPT-LABEL: define <16 x float> @add16
// OPT: fadd <16 x float>
llvm.func @add16(%a: vector<16xf32>, %b: vector<16xf32>) -> vector<16xf32> {
  %0 = llvm.fadd %a, %b : vector<16xf32>
  llvm.return %0 : vector<16xf32>
}
