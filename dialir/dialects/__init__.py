"""Dialect packages: each exposes `DIALECT` from its `__init__.py`."""
