"""Worker processes that import only brief-tui's own modules.

``multiprocessing`` starts its workers by re-importing the caller's ``__main__``: a script or
notebook cell that opens a library without an ``if __name__ == "__main__":`` guard then opens
it again in every worker, forever; and inside the TUI it fails outright (Textual's stderr has
no file descriptor). So the pool here starts plain ``python -c`` processes that set
``sys.path`` as the parent has it, import this module and serve tasks: module-level functions
and their arguments, pickled over the child's stdin and stdout (stdout is kept for the
protocol only; anything printed goes to a log file, whose end explains a failure).

A worker that cannot start, or stops, fails the run once with ``WorkerFailed``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

BOOT = "import sys; sys.path[:] = {path!r}; from search.index.workers import serve; serve()"
Tick = Callable[[int], None]  # how far the task in hand has got (a worker's own count)

_report: Callable[[int], None] | None = None  # in a worker: sends a tick for the task in hand


class WorkerFailed(RuntimeError):
    """A worker process could not start, stopped, or its task raised (an OSError's ``errno`` kept)."""

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno


def tick(count: int) -> None:
    """Called by a task in a worker: reports progress (ignored when run in-process)."""
    if _report is not None:
        _report(count)


class Pool:
    """``procs`` worker processes; ``run`` hands each a task at a time and yields results in order."""

    def __init__(self, procs: int, init: Callable[..., None], *initargs: Any) -> None:
        self._procs: list[tuple[subprocess.Popen[bytes], Connection, Connection, Any]] = []
        try:
            for _ in range(procs):
                self._procs.append(self._start())
            for n, (_, send, _, _) in enumerate(self._procs):
                try:
                    send.send((init, initargs))
                except OSError:  # it stopped before reading anything (it could not import brief-tui)
                    self._receive(n)  # raises, with the end of what it printed
                    raise
            for n in range(procs):
                self._receive(n)  # each answers once it is ready: a worker that cannot start says so now
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _start() -> tuple[subprocess.Popen[bytes], Connection, Connection, Any]:
        log = tempfile.TemporaryFile()  # noqa: SIM115  (closed with the worker, in close())
        code = BOOT.format(path=[p for p in sys.path if isinstance(p, str)])
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            close_fds=True,
            start_new_session=True,  # ctrl+c in the terminal is for the parent, which stops them
        )
        assert proc.stdin is not None and proc.stdout is not None
        send = Connection(os.dup(proc.stdin.fileno()), readable=False)
        receive = Connection(os.dup(proc.stdout.fileno()), writable=False)
        proc.stdin.close()
        proc.stdout.close()
        return proc, send, receive, log

    def run(
        self, func: Callable[..., Any], tasks: Iterable[tuple[Any, ...]], ticks: Tick | None = None
    ) -> Iterator[Any]:
        """``func(*task)`` for each task, in the workers; results in the order of ``tasks``.
        ``ticks`` gets the sum of the ticks of all tasks so far."""
        pending = iter(enumerate(tasks))
        busy: dict[int, int] = {}  # worker -> task number
        done: dict[int, Any] = {}
        counts: dict[int, int] = {}  # task number -> its last tick
        next_out = 0
        free = list(range(len(self._procs)))
        exhausted = False
        while True:
            while free and not exhausted:
                item = next(pending, None)
                if item is None:
                    exhausted = True
                    break
                n = free.pop()
                busy[n] = item[0]
                self._procs[n][1].send((func, item[1]))
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if not busy:
                return
            ready = wait([self._procs[n][2] for n in busy])
            for n in list(busy):
                if self._procs[n][2] not in ready:
                    continue
                kind, value = self._receive(n)
                if kind == "tick":
                    counts[busy[n]] = value
                    if ticks is not None:
                        ticks(sum(counts.values()))
                else:
                    done[busy.pop(n)] = value
                    free.append(n)

    def _receive(self, n: int) -> tuple[str, Any]:
        proc, _, receive, log = self._procs[n]
        try:
            kind, value = receive.recv()
        except (EOFError, OSError) as err:
            raise WorkerFailed(f"an indexing process stopped ({_status(proc)}){_tail(log)}") from err
        if kind == "error":
            raise WorkerFailed(*value)
        return kind, value

    def close(self, kill: bool = False) -> None:
        """Stop the workers: once they finish their task (they see their input close), or at once."""
        for proc, send, receive, log in self._procs:
            send.close()  # the worker's stdin closes: it stops by itself
            receive.close()
            if kill:
                proc.kill()
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
        self._procs = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.close(kill=kind is not None)


def _status(proc: subprocess.Popen[bytes]) -> str:
    try:
        code = proc.wait(timeout=1)
    except subprocess.TimeoutExpired:
        return "no answer"
    return f"killed by signal {-code}" if code < 0 else f"exit status {code}"


def _tail(log: Any) -> str:
    log.seek(0)
    lines = [line for line in log.read().decode("utf-8", "replace").splitlines() if line.strip()]
    return f": {lines[-1].strip()}" if lines else ""


# -- in a worker ----------------------------------------------------------------------------------


def serve() -> None:
    """A worker's loop: the first message sets it up, each next one is a task; stops at EOF."""
    global _report
    out = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # a print() anywhere goes to the log, never into the protocol
    receive = Connection(os.dup(0), writable=False)

    def report(count: int) -> None:
        out.send(("tick", count))

    _report = report
    first = True
    while True:
        try:
            func, args = receive.recv()
        except EOFError:
            return
        try:
            result = func(*args)
        except BaseException as err:
            where = "".join(traceback.format_exception_only(type(err), err)).strip()
            out.send(("error", (f"an indexing process failed: {where}", getattr(err, "errno", None))))
            if first:
                return
            continue
        out.send(("ready" if first else "done", result))
        first = False


__all__ = ["Pool", "WorkerFailed", "tick"]
