irdl.dialect @testd {
  // i32, or this type again
  irdl.type @self_referencing {
    %0 = irdl.any
    %1 = irdl.parametric @testd::@self_referencing<%0>
    %2 = irdl.is i32
    %3 = irdl.any_of(%1, %2)
    irdl.parameters(elem: %3)
  }

  // type1 and type2 alternate (or end in i32)
  irdl.type @type1 {
    %0 = irdl.any
    %1 = irdl.parametric @testd::@type2<%0>
    %2 = irdl.is i32
    %3 = irdl.any_of(%1, %2)
    irdl.parameters(elem: %3)
  }
  irdl.type @type2 {
    %0 = irdl.any
    %1 = irdl.parametric @testd::@type1<%0>
    %2 = irdl.is i32
    %3 = irdl.any_of(%1, %2)
    irdl.parameters(elem: %3)
  }
}
