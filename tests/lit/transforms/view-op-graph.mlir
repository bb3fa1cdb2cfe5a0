// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(view-op-graph)' -o %t.mlir 2>&1 | filecheck %s --check-prefix=DFG
// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(view-op-graph{print-data-flow-edges=false print-control-flow-edges=true})' -o /dev/null 2>&1 | filecheck %s --check-prefix=CFG
// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(view-op-graph{print-attrs=false print-result-types=false})' -o /dev/null 2>&1 | filecheck %s --check-prefix=BARE
// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(view-op-graph{max-label-len=6})' -o /dev/null 2>&1 | filecheck %s --check-prefix=SHORT
// RUN: dialir-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(view-op-graph{output=%t.dot})' -o /dev/null 2>&1 | filecheck %s --allow-empty --check-prefix=QUIET
// RUN: filecheck %s --check-prefix=DFG --input-file=%t.dot
// The IR goes through unchanged.
// RUN: dialir-opt %s --allow-unregistered-dialect | diff - %t.mlir

// One cluster per op with regions and per block, a record node per op (operand ports above,
// result ports below), edges from each value's producer to the operand port using it.
// DFG-LABEL: digraph G {
// DFG-NEXT:    compound = true;
// DFG-NEXT:    subgraph cluster_1 {
// DFG-NEXT:      v2 [label = " ", shape = plain];
// DFG-NEXT:      label = "builtin.module\l";
// DFG:           label = "func.func\lfunction_type: (i32, i32) -\> (i32, ...\lsym_name: \"merge_blocks\"\l";
// DFG:           v[[ARG0:[0-9]+]] [label = "<res_arg0> %arg0 i32", shape = Mrecord];
// DFG:           v[[BIG:[0-9]+]] [fillcolor = "[[CST_COLOR:.*]]", label = "{arith.constant\l\lvalue: [[...]] : tensor\<5x5xi32\>\l|{<res_cst> %cst tensor\<5x5xi32\>}}", shape = Mrecord, style = filled];
// DFG:           v[[SPLAT:[0-9]+]] [fillcolor = "[[CST_COLOR]]", label = "{arith.constant\l\lvalue: dense\<1\> : tensor\<5xi32\>\l|{<res_cst_0> %cst_0 tensor\<5xi32\>}}"
// DFG:           v[[TEN:[0-9]+]] [fillcolor = "[[CST_COLOR]]", label = "{arith.constant\l\lvalue: 10 : i32\l|{<res_c10_i32> %c10_i32 i32}}"
// DFG:           v[[B:[0-9]+]] [{{.*}}label = "{test.func\l|{<res_0> %0 i32}}"
// DFG:           subgraph cluster_[[MERGE:[0-9]+]] {
// DFG-NEXT:        v[[ANCHOR:[0-9]+]] [label = " ", shape = plain];
// DFG-NEXT:        label = "test.merge_blocks\l";
// DFG:             v[[BR:[0-9]+]] [{{.*}}label = "{{[{][{]}}<arg_arg0> %arg0|<arg_0> %0|<arg_c10_i32> %c10_i32}|test.br\l}"
// DFG:             v[[A3:[0-9]+]] [label = "<res_2> %2 i32", shape = Mrecord];
// DFG:             v[[ADD:[0-9]+]] [{{.*}}label = "{{[{][{]}}<arg_2_0> %2|<arg_2_1> %2}|arith.addi\l|{<res_5> %5 i32}}"
// DFG:           v[[RET:[0-9]+]] [{{.*}}label = "{{[{][{]}}<arg_1_0> %1#0|<arg_1_1> %1#1}|test.return\l}"
// DFG:         v[[ARG0]]:res_arg0:s -> v[[BR]]:arg_arg0:n[style = solid];
// DFG-NEXT:    v[[B]]:res_0:s -> v[[BR]]:arg_0:n[style = solid];
// DFG-NEXT:    v[[TEN]]:res_c10_i32:s -> v[[BR]]:arg_c10_i32:n[style = solid];
// DFG-NEXT:    v[[A3]]:res_2:s -> v[[ADD]]:arg_2_0:n[style = solid];
// DFG-NEXT:    v[[A3]]:res_2:s -> v[[ADD]]:arg_2_1:n[style = solid];
// DFG:         v[[ANCHOR]] -> v[[RET]]:arg_1_0:n[ltail = cluster_[[MERGE]], style = solid];
// DFG-NEXT:    v[[ANCHOR]] -> v[[RET]]:arg_1_1:n[ltail = cluster_[[MERGE]], style = solid];
// DFG-NEXT:  }

// Control flow: dashed edges between consecutive ops of a block, through clusters.
// CFG-LABEL: digraph G {
// CFG:         v[[C1:[0-9]+]] [{{.*}}label = "{arith.constant
// CFG:         v[[C2:[0-9]+]] [{{.*}}label = "{arith.constant
// CFG:         v[[C3:[0-9]+]] [{{.*}}label = "{arith.constant
// CFG:         v[[F:[0-9]+]] [{{.*}}label = "{test.func
// CFG:         subgraph cluster_[[MERGE:[0-9]+]] {
// CFG-NEXT:      v[[ANCHOR:[0-9]+]] [label = " ", shape = plain];
// CFG:         v[[RET:[0-9]+]] [{{.*}}label = "{{[{][{]}}<arg_1_0> %1#0|<arg_1_1> %1#1}|test.return
// CFG-NOT:     style = solid
// CFG:         v[[C1]] -> v[[C2]][style = dashed];
// CFG-NEXT:    v[[C2]] -> v[[C3]][style = dashed];
// CFG-NEXT:    v[[C3]] -> v[[F]][style = dashed];
// Edges inside the region come first: the region is drawn before the edge into it.
// CFG-NEXT:    v[[IN1:[0-9]+]] -> v[[IN2:[0-9]+]][style = dashed];
// CFG-NEXT:    v[[F]] -> v[[ANCHOR]][lhead = cluster_[[MERGE]], style = dashed];
// CFG-NEXT:    v[[ANCHOR]] -> v[[RET]][ltail = cluster_[[MERGE]], style = dashed];

// With an output file, nothing goes to stderr.
// QUIET-NOT: {{.}}

// BARE: label = "func.func\l";
// BARE: label = "{arith.constant\l|{<res_c10_i32> %c10_i32}}"
// BARE: label = "<res_2> %2"

// Attribute values and types are cut at max-label-len characters.
// SHORT: label = "<res_arg0> %arg0 i32"
// SHORT: label = "{arith.constant\l\lvalue: 10 : i...\l|{<res_c10_i32> %c10_i32 i32}}"

func.func @merge_blocks(%arg0: i32, %arg1 : i32) -> (i32, i32) {
  %cst = arith.constant dense<[[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [0, 1, 2, 3, 4]]> : tensor<5x5xi32>
  %splat = arith.constant dense<1> : tensor<5xi32>
  %a = arith.constant 10 : i32
  %b = "test.func"() : () -> i32
  %res:2 = "test.merge_blocks"() ({
  ^bb0:
     "test.br"(%arg0, %b, %a)[^bb1] : (i32, i32, i32) -> ()
  ^bb1(%arg3 : i32, %arg4 : i32, %arg5: i32):
     %sum = arith.addi %arg3, %arg3 : i32
     "test.return"(%sum, %arg4) : (i32, i32) -> ()
  }) : () -> (i32, i32)
  "test.return"(%res#0, %res#1) : (i32, i32) -> ()
}
