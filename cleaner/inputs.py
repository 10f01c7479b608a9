"""Find the input files of a batch and give each a unique id; nothing is opened here.

Ids are paths relative to the input root (`a/b.txt` for `ROOT/a/b.txt`), a file named
on the command line is its file name, stdin is `stdin`. Within a batch, ids are unique:
when a later input would repeat an earlier id (two roots holding `x.txt`, or `a/x.txt`
and `b/x.txt` named as files), it gets the first free `~N` before its extension:
`x~2.txt`, `x~3.txt`. The inputs named are taken in the order of their real paths and
each walk is sorted, so the same inputs always get the same ids, however they are named.

Special files (FIFOs, sockets, devices) are reported, never opened: opening a FIFO
blocks until someone writes to it. The output folder and anything inside it are never
read as input, so an output folder placed inside an input folder is skipped. A file or
folder named twice on the command line is read once.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

STDIN = "-"
STDIN_ID = "stdin"


@dataclass(frozen=True)
class InputFile:
    """One input: where it is (None for stdin), its id, and why it cannot be read, if so.

    The place is kept as a string and made a `Path` only when asked: a walk lists
    thousands of inputs, and a rerun opens only the few that changed."""

    location: str | None
    id: str
    size: int = 0
    mtime_ns: int = 0
    ctime_ns: int = 0
    inode: int = 0
    error: str | None = None
    data: bytes | None = None  # stdin's bytes, read up front (workers cannot share stdin)

    @property
    def path(self) -> Path | None:
        return None if self.location is None else Path(self.location)

    @property
    def local(self) -> bool:
        """A regular file of this machine (the planner may read it to see whether it changed)."""
        return self.location is not None and self.error is None


def with_suffix_number(source_id: str, number: int) -> str:
    """`a/x.txt` -> `a/x~2.txt`: the collision rule for ids (suffix before the extension).

    Ids of documents inside a file (`c.jsonl#7`, `crawl.warc.gz#1024`) take it at the end.
    """
    return with_suffix(source_id, str(number))


def with_suffix(source_id: str, tag: str) -> str:
    """`a/x.txt` -> `a/x~TAG.txt` (`c.jsonl#7` -> `c.jsonl#7~TAG`)."""
    if "#" in source_id:
        return f"{source_id}~{tag}"
    path = PurePosixPath(source_id)
    name = path.name
    stem, dot, ext = name.partition(".") if not name.startswith(".") else (name, "", "")
    renamed = f"{stem}~{tag}{dot}{ext}"
    return str(path.with_name(renamed)) if str(path.parent) != "." else renamed


def unicode_id(name: str) -> str:
    """`name` as valid Unicode: ids go into JSON, WARC headers and UTF-8 file names.

    A file name that is not UTF-8 (Python holds its bad bytes as lone surrogates) keeps
    them as `\\xNN` escapes: `caf\\xe9.txt`; any other lone surrogate as its UTF-8 bytes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = name.encode("utf-8", "surrogatepass")
        return raw.decode("utf-8", "backslashreplace")


class IdRegistry:
    """Hands out ids unique within a batch (and not taken in OUT by other content).

    `distinct_names`: the names claimed differ already (the relative paths of one
    folder's walk). Two ids can then only meet when one of them was made, by escaping
    bad bytes (`\\xNN`) or by a collision suffix (`~N`), and every such id holds "\\x"
    or "~": only ids holding those are remembered, so a walk of millions of files does
    not keep millions of ids in memory.
    """

    def __init__(self, distinct_names: bool = False) -> None:
        self._taken: set[str] = set()
        self._remember_all = not distinct_names

    def claim(self, source_id: str) -> str:
        source_id = unicode_id(source_id)
        candidate, number = source_id, 1
        while candidate in self._taken:
            number += 1
            candidate = with_suffix_number(source_id, number)
        if self._remember_all or "\\x" in candidate or "~" in candidate:
            self._taken.add(candidate)
        return candidate


def _special_kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return f"is {name}"
    return "is a special file"


def input_file(location: str | os.PathLike[str], source_id: str) -> InputFile:
    """The input at `location` (not opened): its size and times, or why it cannot be read."""
    where = os.fspath(location)
    try:
        info = os.stat(where)
    except OSError as exc:
        return InputFile(where, source_id, error=f"{where}: cannot read ({exc.strerror or exc})")
    kind = _special_kind(info.st_mode)
    if kind is not None:
        return InputFile(where, source_id, error=f"{where}: {kind}, not a regular file; skipped")
    return InputFile(where, source_id, size=info.st_size, mtime_ns=info.st_mtime_ns, ctime_ns=info.st_ctime_ns,
                     inode=info.st_ino)


def _inside(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        Path(os.path.realpath(path)).relative_to(folder)
    except ValueError:
        return False
    return True


def _walk(root: Path, exclude: Path | None) -> Iterator[tuple[str, str, str | None]]:
    """(path, path relative to `root` with "/", why it is not read or None) of the files
    under `root`, in a stable order (a folder's files by name, then its folders by name);
    hidden entries and the output folder skipped. A link to a folder is not followed and
    a link into the output folder not read: both are reported, as is a folder that cannot
    be listed. Plain strings: a walk may list millions of files."""
    stack = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield folder, prefix.rstrip("/") or os.path.basename(folder), f"cannot list this folder ({exc.strerror})"
            continue
        folders = []
        for entry in entries:
            relative = prefix + entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
                problem = None if is_folder else _link_problem(entry, exclude)
            except OSError as exc:  # a link loop, a link through a folder we may not enter
                is_folder, problem = False, f"cannot read ({exc.strerror or exc})"
            if is_folder:
                if not _inside(Path(entry.path), exclude):
                    folders.append((entry.path, relative + "/"))
            else:
                yield entry.path, relative, problem
        stack.extend(reversed(folders))


def _link_problem(entry: os.DirEntry[str], exclude: Path | None) -> str | None:
    """Why a link found by the walk is not read, or None (not a link, or a readable one)."""
    if not entry.is_symlink():
        return None
    if entry.is_dir():
        return "a link to a folder, not followed (name the folder to clean it)"
    if _inside(Path(entry.path), exclude):
        return "links into the output folder; outputs are never read as input"
    return None


def iter_inputs(specs: Iterable[str], exclude: Path | None = None) -> Iterator[InputFile]:
    """Every input file of the batch, with a batch-unique id (see the module doc)."""
    exclude = Path(os.path.realpath(exclude)) if exclude is not None else None
    # In the order of their real paths, not as named: `clean a b` and `clean b a` give each
    # input the same id, so a rerun named the other way round finds what it archived.
    specs = sorted(specs, key=lambda spec: "" if spec == STDIN else os.path.realpath(spec))
    ids = IdRegistry(distinct_names=len(specs) == 1)  # one file, or one folder's walk
    named: set[str] = set()
    for spec in specs:
        if spec != STDIN:
            real = os.path.realpath(spec)
            if real in named:  # `cleaner clean a.txt a.txt`: one file, one article
                continue
            named.add(real)
        if spec == STDIN:
            yield InputFile(None, ids.claim(STDIN_ID))
            continue
        root = Path(spec)
        if _inside(root, exclude):
            yield InputFile(os.fspath(root), ids.claim(root.name or spec),
                            error=f"{root}: is inside the output folder; outputs are never read as input")
        elif os.path.isdir(root):  # never raises: a loop or a locked folder is read as a file, and fails there
            for where, relative, problem in _walk(root, exclude):
                if problem is None:
                    yield input_file(where, ids.claim(relative))
                else:
                    yield InputFile(where, ids.claim(relative), error=f"{where}: {problem}")
        else:
            yield input_file(root, ids.claim(root.name))


def count_inputs(specs: Iterable[str], exclude: Path | None = None) -> int:
    """How many inputs a batch has (one directory walk; for the progress bar)."""
    return sum(1 for _ in iter_inputs(specs, exclude))
