// RUN: dialir-opt %s | filecheck %s
// RUN: dialir-opt %s | dialir-opt | filecheck %s

// Strings print as MLIR prints them (llvm::printEscapedString), wherever they appear:
// a backslash doubled, printable ASCII other than `"` as is, every other byte as `\XX` in
// upper-case hex: `"` is \22, a newline \0A, a tab \09, each byte of a non-ASCII
// character's UTF-8 its own escape.

// CHECK: module attributes {test.s = "q\22b\\s\0A\09\01\7F \C3\A9 ~", test.t = "plain"}
module attributes {test.s = "q\"b\\s\n\t\01\7f é ~", test.t = "plain"} {
  // CHECK: func.func private @"a\22b\0A"() attributes {"k\22" = "\E2\82\AC"}
  func.func private @"a\"b\n"() attributes {"k\"" = "€"}
}
