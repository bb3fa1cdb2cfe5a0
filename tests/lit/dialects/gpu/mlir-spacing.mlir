// RUN: dialir-opt %s | filecheck %s --strict-whitespace
// RUN: dialir-opt %s | dialir-opt | filecheck %s --strict-whitespace

// What MLIR prints for these ops, byte for byte (checked with iree-opt). The result names
// are MLIR's getAsmResultNames (the ODS result names of gpu.alloc and gpu.shuffle). The
// spacing is that of MLIR's generated printers: a space goes before every element that is
// not a literal or the attr-dict, even one that prints nothing, so an empty
// custom<AsyncDependencies> leaves two spaces, and so do the empty custom<LaunchDimType> and
// custom<LaunchFuncOperands> directives of gpu.launch_func.

module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @f(%a: f32) kernel {
      gpu.return
    }
    gpu.func @g() kernel {
      gpu.return
    }
  }
  // CHECK-LABEL: func.func @spacing(
  func.func @spacing(%n: index, %t: !gpu.async.token, %v: f32, %s: i32, %p: !llvm.ptr, %x: i32) {
    // CHECK-NEXT: {{^}}    %[[M:memref]] = gpu.alloc  (%{{.*}}) : memref<?xf32>{{$}}
    %m = gpu.alloc (%n) : memref<?xf32>
    // CHECK-NEXT: {{^}}    %[[M1:memref_[0-9]+]], %[[T1:asyncToken]] = gpu.alloc async [%{{.*}}] (%{{.*}}) : memref<?xf32>{{$}}
    %m1, %t1 = gpu.alloc async [%t] (%n) : memref<?xf32>
    // CHECK-NEXT: {{^}}    %{{.*}} = gpu.alloc  host_shared (%{{.*}}) {tag} : memref<?xf32>{{$}}
    %m2 = gpu.alloc host_shared (%n) {tag} : memref<?xf32>
    // CHECK-NEXT: {{^}}    gpu.dealloc  %[[M]] : memref<?xf32>{{$}}
    gpu.dealloc %m : memref<?xf32>
    // CHECK-NEXT: {{^}}    gpu.memcpy  %[[M]], %[[M1]] : memref<?xf32>, memref<?xf32>{{$}}
    gpu.memcpy %m, %m1 : memref<?xf32>, memref<?xf32>
    // CHECK-NEXT: {{^}}    gpu.memset [%[[T1]]] %[[M]], %{{.*}} : memref<?xf32>, f32{{$}}
    gpu.memset [%t1] %m, %v : memref<?xf32>, f32
    // CHECK-NEXT: {{^}}    gpu.wait {{$}}
    gpu.wait
    // CHECK-NEXT: {{^}}    gpu.wait  {tag}{{$}}
    gpu.wait {tag}
    // CHECK-NEXT: {{^}}    %{{.*}} = gpu.wait async{{$}}
    %t2 = gpu.wait async
    // CHECK-NEXT: {{^}}    gpu.launch_func  @k::@f blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}})  args(%{{.*}} : f32){{$}}
    gpu.launch_func @k::@f blocks in (%n, %n, %n) threads in (%n, %n, %n) args(%v : f32)
    // CHECK-NEXT: {{^}}    gpu.launch_func  @k::@f blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}}) : i32 args(%{{.*}} : f32){{$}}
    gpu.launch_func @k::@f blocks in (%s, %s, %s) threads in (%s, %s, %s) : i32 args(%v : f32)
    // CHECK-NEXT: {{^}}    gpu.launch_func  @k::@f blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}})  dynamic_shared_memory_size %{{.*}} args(%{{.*}} : f32){{$}}
    gpu.launch_func @k::@f blocks in (%n, %n, %n) threads in (%n, %n, %n) dynamic_shared_memory_size %s args(%v : f32)
    // CHECK-NEXT: {{^}}    gpu.launch_func <%{{.*}} : !llvm.ptr> @k::@g blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}})   {tag}{{$}}
    gpu.launch_func <%p : !llvm.ptr> @k::@g blocks in (%n, %n, %n) threads in (%n, %n, %n) {tag}
    // CHECK-NEXT: {{^}}    %{{.*}} = gpu.launch_func async [%{{.*}}] @k::@g blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}})  {{$}}
    %t3 = gpu.launch_func async [%t2] @k::@g blocks in (%n, %n, %n) threads in (%n, %n, %n)
    // CHECK-NEXT: {{^}}    %[[R:shuffleResult]], %[[OK:valid]] = gpu.shuffle xor %{{.*}}, %{{.*}}, %{{.*}} : i32{{$}}
    %r, %ok = gpu.shuffle xor %x, %s, %s : i32
    return
  }
}
