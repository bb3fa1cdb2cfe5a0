"""Package discovery only (metadata lives in pyproject.toml): the CLI sources sit in tools/
and install as the `dialir_tools` package next to `dialir`."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["dialir", "dialir.*"]) + ["dialir_tools", "dialir_tools.fuzz"],
    package_dir={"dialir_tools": "tools"},
)
