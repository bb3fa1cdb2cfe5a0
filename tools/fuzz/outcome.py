"""What both campaigns share: the per-input time limit, the signature of a crash, stopping
on a signal and the progress log."""

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


PROGRESS_EVERY = 1000  # inputs between two progress lines


def log(*args: object) -> None:
    """Print at once: a campaign's output usually goes to a file, read while it runs."""
    print(*args, flush=True)


@contextmanager
def stop_on_signal():
    """SIGINT and SIGTERM end the campaign after the current input (at most the per-input
    limit later) instead of killing it, so its counts are still printed. Yields a function
    that says whether a stop was asked for."""
    asked = [False]

    def handler(signum, frame) -> None:
        asked[0] = True

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: asked[0]
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def signature(e: BaseException) -> str:
    """The exception's type and innermost frame outside site-packages: what makes two crashes
    one bug."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if "site-packages" not in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].name}" if frames else "?"
    return f"{type(e).__name__} in {where}: {str(e)[:200]}"
