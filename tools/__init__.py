"""The command-line programs, installed as the `dialir_tools` package."""
