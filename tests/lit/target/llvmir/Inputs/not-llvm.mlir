// An op the translation does not know.
llvm.func @f() {
  "test.op"() : () -> ()
  llvm.return
}
