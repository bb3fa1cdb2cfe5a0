"""Output files written atomically: the text goes to a temporary file in the target's folder,
which then replaces the target in one rename. An error or an interrupt part-way leaves the
previous file as it was (never a truncated one), and `-o` naming the input file is safe: the
input is read in full before anything is written. What is not a regular file (`/dev/null`, a
pipe) is written in place, and a symlink's target is replaced, the link kept."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile


def write_output(path: str, data: str | bytes) -> None:
    """Write `data` to `path` ("-": standard output) atomically."""
    if path == "-":
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = None  # a new file
    if kind is not None and not stat.S_ISREG(kind):
        # A device, pipe or socket (`-o /dev/null`, `-o /dev/stdout`): written in place.
        # Renaming over it would replace the device node itself with a regular file.
        with open(path, "wb") as f:
            f.write(raw)
        return
    path = os.path.realpath(path)  # through a symlink: its target is replaced, not the link
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:  # an interrupt too: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(path: str) -> int:
    """The mode the file would have if opened for writing: an existing file's, else the
    default under the umask (mkstemp's files are 0600)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
