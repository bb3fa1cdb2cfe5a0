"""affine-loop-tile: tile every perfect band of loops at the top of a function (MLIR's
-affine-loop-tile, LoopTiling.cpp and tilePerfectlyNested).

A band `for %i = lb to ub step s` with tile size t becomes a tile-space loop
`for %it = lb to ub step s*t` around an intra-tile loop `for %i = (%it) to min(%it + s*t,
ub) step s`; the `min` is left out where t*s divides a constant trip count, as in MLIR.

Sizes: `tile-size` for every loop; else `tile-sizes` per band (padded with 4, MLIR's
default); else the cache model: the band's memory footprint (bounding box of each buffer's
accessed elements) against `cache-size` KiB, the excess factor spread over the loops as in
MLIR. `separate` puts full tiles in the `then` branch of an `affine.if` with constant trip
counts, partial tiles in the `else` branch (MLIR's separateFullTiles).

Tiling a band reorders its iterations; it is legal when the band is fully permutable: every
dependence carried inside it has non-negative distances on all band loops. Otherwise, or
when a band has iter_args or non-rectangular bounds, the band is left unchanged with a
remark.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

from dialir.core.ir.affine import AffineDimExpr, AffineMap, IntegerSet
from dialir.core.ir.operation import Operation
from dialir.core.ir.types import MemRefType
from dialir.core.passes import Pass, option, register_pass
from dialir.dialects.loop.affine.ops import AffineForOp, AffineIfOp
from dialir.dialects.loop.affine.transforms.affine_loop_normalize import constant_trip_count
from dialir.dialects.loop.affine.transforms.loop_utils import (
    band_dependences,
    is_rectangular,
    move_body,
    perfect_band,
    refuse,
    set_bound,
    shift_map,
    top_level_loops,
)
from dialir.dialects.loop.analysis import collect_accesses, loop_depth
from dialir.dialects.loop.analysis.access import AccessSpace
from dialir.dialects.loop.analysis.dependence import _system

DEFAULT_TILE_SIZE = 4  # MLIR's kDefaultTileSize
IDENTITY = AffineMap.identity(1)


def tiling_violation(band: list[AffineForOp], dependences: bool = True):
    """What makes tiling `band` illegal (a Dependence, OpaqueEffects, or a reason), or None.
    The band's shape is always checked (tiling cannot rebuild loop-carried values or
    non-rectangular bounds); its `dependences` only when asked."""
    if any(loop.inits for loop in band):
        return "the band has loop-carried values (iter_args)"
    if not is_rectangular(band):
        return "the band is not hyper-rectangular"
    if not dependences:
        return None
    deps = band_dependences(band)
    if not isinstance(deps, list):
        return deps
    base = loop_depth(band[0])
    for dep in deps:
        for c in dep.components[base : base + len(band)]:
            if c.lb is None or c.lb < 0:
                return dep
    return None


def tile_perfectly_nested(band: list[AffineForOp], sizes: list[int]) -> list[AffineForOp]:
    """MLIR's tilePerfectlyNested: returns the tile-space loops then the intra-tile loops."""
    outer = band[0]
    block = outer.parent
    tile_loops: list[AffineForOp] = []
    parent_block, anchor = block, outer
    for loop, t in zip(band, sizes):
        new = AffineForOp((loop.lower_bound_map, list(loop.lowerBoundOperands)),
                          (loop.upper_bound_map, list(loop.upperBoundOperands)),
                          loop.step * t, location=loop.location)  # fmt: skip
        parent_block.insert_before(anchor, new)
        tile_loops.append(new)
        parent_block, anchor = new.body, new.body.last
    point_loops: list[AffineForOp] = []
    for loop, tile, t in zip(band, tile_loops, sizes):
        width = loop.step * t
        ub = loop.upper_bound_map
        trip = constant_trip_count(loop)
        if trip is not None and loop.lower_bound_map.num_results == 1 and trip % t == 0:
            ub_map = AffineMap(1, 0, [AffineDimExpr(0) + width])
            ub_ops = [tile.induction_var]
        else:
            ub_map = AffineMap(1 + ub.num_dims, ub.num_symbols,
                               [AffineDimExpr(0) + width, *shift_map(ub, 1)])  # fmt: skip
            ub_ops = [tile.induction_var, *loop.upperBoundOperands]
        new = AffineForOp((IDENTITY, [tile.induction_var]), (ub_map, ub_ops), loop.step,
                          location=loop.location)  # fmt: skip
        parent_block.insert_before(anchor, new)
        point_loops.append(new)
        parent_block, anchor = new.body, new.body.last
    for old, new in zip(band, point_loops):
        old.induction_var.replace_all_uses_with(new.induction_var)
    move_body(band[-1].body, point_loops[-1].body)
    outer.erase()
    return tile_loops + point_loops


def separate_full_tiles(tile_loops: list[AffineForOp], point_loops: list[AffineForOp]) -> bool:
    """MLIR's separateFullTiles for a band with constant bounds: `affine.if` (every intra
    tile loop runs its full width) { full tiles } else { partial tiles }."""
    constraints, dims = [], []
    for tile, point in zip(tile_loops, point_loops):
        lb, ub = point.lower_bound_map, point.upper_bound_map
        if lb != IDENTITY or ub.num_symbols or any(
            not e.is_symbolic_or_constant() for e in ub.results[1:]):  # fmt: skip
            return False
        if ub.num_results == 1:
            continue
        width = ub.results[0] - AffineDimExpr(0)
        d = AffineDimExpr(len(dims))
        dims.append(tile.induction_var)
        for e in ub.results[1:]:
            constraints.append(e - d - width)  # ub - (iv + width) >= 0
    if not constraints:
        return False
    cond = IntegerSet(len(dims), 0, constraints, [False] * len(constraints))
    outer_point = point_loops[0]
    block = outer_point.parent
    if_op = AffineIfOp(cond, dims, with_else=True, location=outer_point.location)
    block.insert_before(outer_point, if_op)
    full = outer_point.clone()
    outer_point.detach()
    if_op.else_block.insert_before(if_op.else_block.last, outer_point)
    if_op.then_block.insert_before(if_op.then_block.last, full)
    loop = full
    while isinstance(loop, AffineForOp):
        ub = loop.upper_bound_map
        if ub.num_results > 1:
            set_bound(loop, True, AffineMap(1, 0, [ub.results[0]]), [loop.upperBoundOperands[0]])
        nxt = loop.body.first
        loop = nxt if isinstance(nxt, AffineForOp) and nxt.next is loop.body.last else None
    return True


# -- the cache model --------------------------------------------------------------------------


def footprint_bytes(root: AffineForOp) -> int | None:
    """The bytes of the bounding boxes of the elements each buffer has accessed inside
    `root` (MLIR's getMemoryFootprintBytes, with boxes instead of exact regions)."""
    accesses, _ = collect_accesses(root)
    boxes: dict = {}
    for a in accesses:
        space = AccessSpace()
        side = space.side("src", a)
        lins = side.indices()
        system = _system(space)
        t = a.memref.type
        if not isinstance(t, MemRefType):
            return None
        box = boxes.setdefault(a.memref, [[None, None] for _ in lins])
        for k, lin in enumerate(lins):
            coefs = {c: v for c, v in lin.items() if c != -1}
            lo, hi = system.bounds(coefs, lin.get(-1, 0))
            # MLIR's MemRefRegion adds the memref's own bounds.
            extent = t.shape[k] if k < len(t.shape) else None
            if extent is not None and extent >= 0:
                lo = 0 if lo is None else max(lo, 0)
                hi = extent - 1 if hi is None else min(hi, extent - 1)
            if lo is None or hi is None:
                return None
            cur = box[k]
            cur[0] = lo if cur[0] is None else min(cur[0], lo)
            cur[1] = hi if cur[1] is None else max(cur[1], hi)
    total = 0
    for memref, box in boxes.items():
        width = (memref.type.element_type.width + 7) // 8 if hasattr(
            memref.type.element_type, "width") else 4  # fmt: skip
        total += prod(max(0, hi - lo + 1) for lo, hi in box) * width
    return total


def cache_tile_sizes(band: list[AffineForOp], cache_kib: int) -> list[int]:
    """MLIR's getTileSizes with the cache-size model."""
    fp = footprint_bytes(band[0])
    if fp is None:
        return [DEFAULT_TILE_SIZE] * len(band)
    excess = -(-fp // (cache_kib * 1024))
    if excess <= 1:
        return [1] * len(band)
    t = int(excess ** (1.0 / len(band)))
    sizes, cumul = [], 1
    for i in range(len(band)):
        sizes.append(t if i < len(band) - 1 else max(1, excess // cumul))
        cumul *= sizes[-1]
    # MLIR's adjustToDivisorsOfTripCounts: tiles that divide the trip count need no `min`.
    for i, loop in enumerate(band):
        trip = constant_trip_count(loop)
        if trip:
            sizes[i] = max(d for d in range(1, min(sizes[i], trip) + 1) if trip % d == 0)
    return sizes


@register_pass
@dataclass
class AffineLoopTile(Pass):
    """MLIR's -affine-loop-tile."""

    name = "affine-loop-tile"
    summary = "Tile affine loop nests"
    op_name = "func.func"
    dependent_dialects = ("affine",)
    statistics = {"num-tiled-bands": "Number of loop bands tiled"}
    cache_size: int = option(512, "Set size of cache to tile for in KiB (default: 512)")
    separate: bool = option(False, "Separate full and partial tiles (default: false)")
    tile_size: int = option(0, "Use this tile size for all loops")
    tile_sizes: list[int] = option([], "List of tile sizes for each perfect nest (overridden "
                                   "by -tile-size)")  # fmt: skip

    def sizes_for(self, band: list[AffineForOp]) -> list[int]:
        if self.tile_size:
            return [self.tile_size] * len(band)
        if self.tile_sizes:
            sizes = list(self.tile_sizes[: len(band)])
            return sizes + [DEFAULT_TILE_SIZE] * (len(band) - len(sizes))
        return cache_tile_sizes(band, self.cache_size)

    def run(self, op: Operation) -> None:
        changed = False
        for root in top_level_loops(op):
            band = perfect_band(root)
            sizes = self.sizes_for(band)
            if any(s < 1 for s in sizes):
                refuse(root, "tile", f"tile sizes must be positive, got {sizes}")
                continue
            # Tiles of one iteration keep the order: no dependence can object.
            why = tiling_violation(band, dependences=any(s != 1 for s in sizes))
            if why is not None:
                refuse(root, "tile the band", why)
                continue
            loops = tile_perfectly_nested(band, sizes)
            self.count("num-tiled-bands")
            changed = True
            if self.separate:
                n = len(band)
                separate_full_tiles(loops[:n], loops[n:])
        if not changed:
            self.mark_all_analyses_preserved()


__all__ = ["AffineLoopTile", "tile_perfectly_nested", "tiling_violation"]
