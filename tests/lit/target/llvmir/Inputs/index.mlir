// The index type has no LLVM counterpart until a conversion picks its width.
"llvm.func"() <{function_type = !llvm.func<void (index)>, sym_name = "f"}> ({}) : () -> ()
