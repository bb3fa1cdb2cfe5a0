"""What both campaigns share: the per-input time limit and the signature of a crash."""

from __future__ import annotations

import signal
import traceback
from contextlib import contextmanager
from pathlib import Path


class Hang(Exception):
    """An input ran past the per-input limit."""


def _on_alarm(signum, frame) -> None:
    raise Hang


@contextmanager
def alarms():
    """SIGALRM raises `Hang` while the campaign runs (see `time_limit`)."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limit(seconds: int):
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)


def signature(e: BaseException) -> str:
    """The exception's type and innermost frame outside site-packages: what makes two crashes
    one bug."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if "site-packages" not in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].name}" if frames else "?"
    return f"{type(e).__name__} in {where}: {str(e)[:200]}"
