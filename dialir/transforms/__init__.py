"""Passes that work on any dialect (canonicalize, cse, ...), one module per pass."""

# Pass name -> the module that registers it, imported when a pipeline first names the pass.
PASSES = {
    "canonicalize": "dialir.transforms.canonicalize",
    "cse": "dialir.transforms.cse",
    "dce": "dialir.transforms.dce",
    "loop-invariant-code-motion": "dialir.transforms.loop_invariant_code_motion",
    "remove-dead-values": "dialir.transforms.remove_dead_values",
    "inline": "dialir.transforms.inline",
    "print-op-stats": "dialir.transforms.print_op_stats",
    "sccp": "dialir.transforms.sccp",
    "strip-debuginfo": "dialir.transforms.strip_debuginfo",
    "symbol-dce": "dialir.transforms.symbol_dce",
    "symbol-privatize": "dialir.transforms.symbol_privatize",
    "view-op-graph": "dialir.transforms.view_op_graph",
}
