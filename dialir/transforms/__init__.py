"""Passes that work on any dialect (canonicalize, cse, ...), one module per pass."""
