"""The irdl dialect's types: the handles its constraint ops define.

`!irdl.attribute` is a constraint variable over attributes (types are wrapped in a TypeAttr,
as MLIR's IRDL does); `!irdl.region` a constraint on a region.
"""

from __future__ import annotations

from dialir.core.ods.typedef import ParametricType


class AttributeType(ParametricType):
    """`!irdl.attribute`: the result of a constraint op (irdl.is, irdl.any_of, ...)."""

    __slots__ = ()
    NAME = "irdl.attribute"
    summary = "IRDL handle to an `mlir::Attribute`"


class RegionType(ParametricType):
    """`!irdl.region`: the result of irdl.region."""

    __slots__ = ()
    NAME = "irdl.region"
    summary = "IRDL handle to a region definition"


ATTRIBUTE = AttributeType()
REGION = RegionType()
