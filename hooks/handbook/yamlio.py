"""Read and write data files.

Reading: `Loader`, PyYAML's safe loader (libyaml's parser where installed) that
refuses a key given twice in one mapping (`line N, column M: duplicate key 'x'`:
plain YAML lets the last one silently win) and keeps an impossible date such as
`2026-02-30` as text, so that the model reports it at its place instead of
PyYAML raising a bare ValueError. `read_text` decodes UTF-8 and names the line
of a byte that is not. Before any parsing, `load` holds a text to a size and a
nesting depth (`TooLarge`, `TooDeep`): 100,000 levels of `[` crash the parser
(a segfault in libyaml's, a RecursionError in PyYAML's), with no line to show.

Writing: the way authors keep the files (stable key order, Hebrew as UTF-8, one
item per block, the schema line that lets editors validate while typing), and
never in place: `write_text` writes a temporary file beside the target, fsyncs
it and renames it over the target, so a file is always either the old text or
the new. `write_batch` does the same for several files at once, all or nothing,
with a journal (see its docstring); `recover` finishes or undoes a batch that was
interrupted, and every reader of `data/` calls it first.
"""

from __future__ import annotations

import json
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: no locking there
    fcntl = None

import yaml

# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


class NotUtf8(ValueError):
    """A file that is not UTF-8 text: `line N, column C: ...`."""

    def __init__(self, line: int, column: int, byte: int):
        self.line, self.column = line, column
        self.problem = f"not UTF-8 text (byte 0x{byte:02x} at column {column}; save the file as UTF-8)"
        super().__init__(f"line {line}, column {column}: not UTF-8 text (byte 0x{byte:02x}; save the file as UTF-8)")


def decode(data: bytes) -> str:
    """`data` as UTF-8 text; NotUtf8 naming the line and column of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise NotUtf8(line, column, data[e.start]) from None


def read_text(path: Path) -> str:
    return decode(Path(path).read_bytes())


def read_data(path: Path) -> str:
    """A data file's text, refused (TooLarge) before it is read when it is too large."""
    size = Path(path).stat().st_size
    if size > MAX_BYTES:
        raise TooLarge(size)
    return read_text(path)


class DuplicateKey(yaml.MarkedYAMLError):
    pass


# The largest data file is about 150 kB (the reviews); the deepest nests six levels.
MAX_BYTES = 5_000_000
MAX_DEPTH = 64
# In block style each level is indented at least one column more than the one
# holding it (a list under a key may share the key's column): two per level.
MAX_INDENT = 2 * MAX_DEPTH
_NOT_BRACKET = re.compile(r"[^\[\]{}\n]+")
_INDENT = re.compile(r"^[ \t-]{%d,}" % (MAX_INDENT + 1), re.M)


class TooLarge(ValueError):
    """A text beyond the size data files may have."""

    def __init__(self, size: int):
        self.problem = f"{size:,} bytes: larger than a data file may be ({MAX_BYTES:,} bytes at most)"
        super().__init__(self.problem)


class TooDeep(ValueError):
    """A text nested deeper than data files are: `line N: ...`."""

    def __init__(self, line: int, what: str):
        self.line = line
        self.problem = f"{what}: nested deeper than a data file may be ({MAX_DEPTH} levels at most)"
        super().__init__(f"line {line}: {self.problem}")


def check_limits(text: str) -> None:
    """TooLarge or TooDeep before a parser sees `text`: a linear scan, no recursion."""
    if len(text) > MAX_BYTES or len(text.encode("utf-8")) > MAX_BYTES:
        raise TooLarge(len(text.encode("utf-8")))
    depth, line = 0, 1
    # Flow collections: the brackets alone (a bracket inside a quoted string counts too; a
    # real file is far below the limit either way).
    for c in _NOT_BRACKET.sub("", text):
        if c == "\n":
            line += 1
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise TooDeep(line, f"'{c}' opened inside {MAX_DEPTH} others")
        else:
            depth = max(0, depth - 1)
    m = _INDENT.search(text)
    if m:
        raise TooDeep(text.count("\n", 0, m.start()) + 1, f"indented {len(m[0])} columns")




def _checked_mapping(loader, node, deep=False):
    # Keys written in this mapping (merged ones, `<<`, may be overridden on purpose).
    seen: dict = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
            continue
        key = key_node.value
        if key in seen:
            raise DuplicateKey(None, None, f"duplicate key '{key}' (also at line {seen[key].line + 1}; "
                               "the last one would silently win)", key_node.start_mark)
        seen[key] = key_node.start_mark
    return loader.construct_mapping_unchecked(node, deep)


def _lenient_timestamp(loader, node):
    # `checked: 2026-02-30` matches YAML's date pattern but is no date: keep the
    # text and let the model say so at its place (reviews[3].checked).
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _loader(base):
    class Loader(base):
        construct_mapping_unchecked = base.construct_mapping
        construct_mapping = _checked_mapping

    Loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
    return Loader


# libyaml's parser reads the same data ten times faster (a large share of a
# build on a big catalog); the pure Python one gives the clearer line numbers
# for syntax errors.
Loader = _loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
PyLoader = _loader(yaml.SafeLoader)


def load(text: str):
    """Parse YAML text with `Loader` (on a syntax error, again with `PyLoader`, for its lines),
    once it is within the limits (`check_limits`)."""
    check_limits(text)
    try:
        return yaml.load(text, Loader=Loader)
    except DuplicateKey:
        raise
    except yaml.YAMLError:
        return yaml.load(text, Loader=PyLoader)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


# libyaml's emitter writes the same text as PyYAML's, ten times faster.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _list(dumper: yaml.SafeDumper, value: list):
    # Lists of ids read best on one line: `from: [crm]`.
    flow = bool(value) and all(isinstance(v, str) and len(v) < 40 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow or not value)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def dump(data, schema: str) -> str:
    """YAML text for `data`, headed by the yaml-language-server schema line."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    return f"# yaml-language-server: $schema={schema}\n{body}"


def write(path: Path, data, schema: str) -> None:
    write_text(path, dump(data, schema))


# A file being written is `.<name>.tmp` beside it: hidden, and not `*.yaml`,
# so that no reader takes it for data.
TEMP_SUFFIX = ".tmp"


def _temp(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMP_SUFFIX}")


def _fsync_dir(folder: Path) -> None:
    # The rename itself is durable only once the folder is synced.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder
    finally:
        os.close(fd)


def _write_temp(temp: Path, text: str, checkpoint=None, durable: bool = True) -> None:
    data = text.encode("utf-8")
    with open(temp, "wb") as f:
        if checkpoint:  # a test stops here with half the file written
            f.write(data[:len(data) // 2])
            f.flush()
            checkpoint(f"half of {temp.name}")
            f.write(data[len(data) // 2:])
        else:
            f.write(data)
        f.flush()
        if durable:
            os.fsync(f.fileno())


def write_text(path: Path, text: str, durable: bool = True) -> None:
    """Write `text` (UTF-8) to `path`: a temporary file beside it, fsync, rename.
    `durable=False` for what a build writes into the site (made again by the next
    build): still never half written, but not synced to disk, which cost a build of
    1,000 services two fsyncs per page."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp(path)
    try:
        _write_temp(temp, text, durable=durable)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(path.parent)


JOURNAL = ".journal.json"


class JournalError(ValueError):
    """A journal that cannot be read: `.journal.json: ...`."""


# Read by tests only: `N` makes write_batch stop at its Nth step (printing
# `paused at step N: ...` to stderr and sleeping), so that a test can kill it there.
PAUSE_ENV = "HANDBOOK_TEST_PAUSE_AT_STEP"


def write_batch(folder: Path, texts: dict[Path, str]) -> None:
    """Write every file of `texts` (paths under `folder`), all or nothing.

    1. Each new text goes to its temporary file (`.<name>.tmp`), fsynced.
    2. The journal, `folder/.journal.json`, lists the files (written with
       `write_text`, so it is there whole or not at all): the commit point.
    3. Each temporary file is renamed over its target.
    4. The journal is deleted.

    Killed before 2, the folder holds the old files and some temporary files;
    after it, some files are new and the journal says which are left. `recover`,
    called by every reader before it reads, deletes the temporary files in the
    first case and finishes the renames in the second: the folder is then either
    as it was or fully updated.
    """
    folder = Path(folder)
    with locked(folder):
        _recover(folder)
        _write_batch(folder, texts)


@contextmanager
def locked(folder: Path, shared: bool = False):
    """An advisory lock on `folder` (flock on the folder itself), held by a batch
    while it writes (exclusive) and by a reader while it reads (shared): a build
    under `make serve` never reads half a batch, nor "recovers" a batch that a
    live import is still writing. A killed process's lock goes with it."""
    if fcntl is None or not Path(folder).is_dir():
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write_batch(folder: Path, texts: dict[Path, str]) -> None:
    step = _stepper()
    names = [Path(path).relative_to(folder).as_posix() for path in texts]
    try:
        for path, text in texts.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            step(f"writing {_temp(path).name}")
            _write_temp(_temp(path), text, step if os.environ.get(PAUSE_ENV) else None)
        for parent in {Path(p).parent for p in texts}:
            _fsync_dir(parent)
        step("writing the journal")
        write_text(folder / JOURNAL, json.dumps({"rename": names}, indent=1) + "\n")
    except BaseException:
        for path in texts:  # before the commit point: nothing happened
            _temp(Path(path)).unlink(missing_ok=True)
        raise
    for name in names:
        step(f"renaming {name}")
        os.replace(_temp(folder / name), folder / name)
    for parent in {Path(p).parent for p in texts}:
        _fsync_dir(parent)
    step("deleting the journal")
    (folder / JOURNAL).unlink()
    _fsync_dir(folder)


def _stepper():
    at = os.environ.get(PAUSE_ENV)
    count = 0

    def step(what: str) -> None:
        nonlocal count
        count += 1
        if at and count == int(at):
            os.write(2, f"paused at step {count}: {what}\n".encode())
            time.sleep(600)
    return step


def recover(folder: Path) -> list[str]:
    """Finish a `write_batch` that was interrupted after its journal, or undo one
    interrupted before it; the files finished (or [])."""
    folder = Path(folder)
    if not folder.is_dir() or not (folder / JOURNAL).exists() and not next(_batch_temps(folder), None):
        return []  # nothing to do (the usual case): no lock taken
    with locked(folder):  # waits for a batch that is still being written
        return _recover(folder)


def _batch_temps(folder: Path):
    # A batch writes data files (and its journal); another writer's temporary
    # file (`make schema`'s, say) is not a batch's to delete.
    yield from folder.rglob(f".*.yaml{TEMP_SUFFIX}")
    yield from folder.glob(f".{JOURNAL}{TEMP_SUFFIX}")


def _recover(folder: Path) -> list[str]:
    journal = folder / JOURNAL
    done: list[str] = []
    if journal.exists():
        try:
            names = json.loads(read_text(journal))["rename"]
        except (ValueError, KeyError, TypeError) as e:
            raise JournalError(f"{journal.name}: unreadable ({e}); an interrupted write left it: "
                             "compare the data with version control, then delete it") from None
        for name in names:
            temp = _temp(folder / name)
            if temp.exists():
                os.replace(temp, folder / name)
                done.append(name)
        _fsync_dir(folder)
        journal.unlink()
    if folder.is_dir():
        for temp in _batch_temps(folder):
            temp.unlink()  # written before the commit point: the batch did not happen
    return done
