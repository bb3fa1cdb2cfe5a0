"""Targets: llvm-dialect modules to LLVM IR text (`llvmir`) and, through llvmlite's target
machines, to object code and assembly (`machine`)."""
