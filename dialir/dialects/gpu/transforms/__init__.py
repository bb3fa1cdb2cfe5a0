"""Passes that stay inside the gpu dialect: kernel outlining."""
