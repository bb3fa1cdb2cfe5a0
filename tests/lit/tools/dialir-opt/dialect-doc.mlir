// --list-dialects and --dialect-doc: what is available, and its generated reference.
// RUN: dialir-opt --list-dialects | filecheck %s --check-prefix=LIST
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect --list-dialects | filecheck %s --check-prefix=LIST-TOY
// RUN: env PYTHONPATH=%S/../../../../examples/toy_dialect dialir-opt --load-dialect-plugin=toy_dialect --dialect-doc=toy | filecheck %s --check-prefix=DOC
// RUN: dialir-opt --dialect-doc=builtin | filecheck %s --check-prefix=BUILTIN

// LIST: {{^}}builtin  The types, attributes and container ops every dialect builds on.{{$}}

// LIST-TOY: {{^}}toy{{ +}}A small out-of-tree example dialect: 2-D matrices, transposes and prints.{{$}}

// DOC:      # 'toy' dialect
// DOC:      ## Operations
// DOC:      ### `toy.constant` (ConstantOp)
// DOC:      operation ::= `toy.constant` attr-dict $value
// DOC:      Traits: `ConstantLike`, `Pure`
// DOC:      | `value` | constant vector/tensor attribute | the elements, a rank-2 tensor literal |
// DOC:      ### `toy.print` (PrintOp)
// DOC:      ### `toy.transpose` (TransposeOp)
// DOC:      | `input` | toy matrix | the matrix to transpose |
// DOC:      ## Types
// DOC:      ### `toy.matrix` (MatrixType)
// DOC:      !toy.matrix<rows, cols, element_type>
// DOC:      | `rows` | int | required | number of rows |

// BUILTIN: ### `builtin.module` (ModuleOp)
// BUILTIN: Syntax: custom (hand-written parser and printer).
// BUILTIN: ### `builtin.unrealized_conversion_cast` (UnrealizedConversionCastOp)
// BUILTIN: operation ::= `builtin.unrealized_conversion_cast` ($inputs^ `:` type($inputs))? `to` type($outputs) attr-dict
