irdl.dialect @bad {
  irdl.type @t {
    %0 = irdl.base "!builtin.nope"
    irdl.parameters(p: %0)
  }
}
