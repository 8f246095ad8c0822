"""Warm kernels for a build: started while the extraction runs, the package and its libraries
imported once, reused notebook after notebook with a clean namespace. They run a report, so
they write both versions of every output (`audiences.BOTH_VERSIONS`).

`papermill_engine.WarmEngine` (registered as `lkjip` through papermill's engine entry point,
so papermill loads it when it is imported) runs a notebook as papermill's own engine does, on a
kernel from the pool. Before each notebook the kernel's namespace is reset and its execution
count starts again at 1, so the executed notebook is what papermill writes with a fresh kernel;
a notebook still runs alone under plain papermill. This module imports neither papermill nor
jupyter_client until a kernel starts: a build with nothing to run pays for neither.
"""

from __future__ import annotations

import asyncio
import os
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..audiences import BOTH_VERSIONS

ENGINE = "lkjip"  # the papermill engine name (pyproject's entry point)

# imported once per kernel, silently (no name is bound in the notebook's namespace)
PRELOAD = ("import lkjip_analysis.notebook, lkjip_analysis.analysis, lkjip_analysis.plots, "
           "lkjip_analysis.audit, lkjip_analysis.lintas_tahun")
RESET = ("__import__('matplotlib.pyplot').pyplot.close('all')\n"
         "get_ipython().reset(new_session=True)")
TIMEOUT = 120


class WarmKernels:
    """`count` kernels, started in the background by `start` (at once, unless `lazy`: then
    when a build first needs them); `acquire` waits for a ready one. One pool serves every
    year of `build --all` and its cross-year notebook, each reusing kernels already warm."""

    def __init__(self, count: int, kernel_name: str, cwd: str, arguments: list[str],
                 lazy: bool = False) -> None:
        self._ready: queue.Queue = queue.Queue()
        self._started: list = []
        self._lock = threading.Lock()
        self._options = {"kernel_name": kernel_name, "cwd": cwd, "arguments": arguments}
        self._threads = [threading.Thread(target=self._start, daemon=True) for _ in range(count)]
        self._closing: threading.Thread | None = None
        if not lazy:
            self.start()

    def start(self) -> None:
        """Start the kernels in the background, unless they are started already."""
        with self._lock:
            for thread in self._threads:
                if thread.ident is None:
                    thread.start()

    def _start(self) -> None:
        from jupyter_client import AsyncKernelManager

        try:
            manager = AsyncKernelManager(kernel_name=self._options["kernel_name"])
            with self._lock:
                self._started.append(manager)
            asyncio.run(manager.start_kernel(cwd=self._options["cwd"],
                                             extra_arguments=self._options["arguments"],
                                             env={**os.environ, BOTH_VERSIONS: "1"}))
            manager.lkjip_control = _Control(manager)
            manager.lkjip_control.run(PRELOAD)
            self._ready.put(manager)
        except Exception as exc:  # the engine falls back to a fresh kernel, saying why
            self._ready.put(exc)

    def acquire(self):
        """A ready kernel manager, or None when the kernel could not be prepared."""
        self.start()
        found = self._ready.get(timeout=TIMEOUT)
        return None if isinstance(found, Exception) else found

    def release(self, manager) -> None:
        """Give a kernel back, its namespace cleared; a kernel that fails to reset is shut."""
        try:
            manager.lkjip_control.run(RESET)
        except Exception:
            _shutdown(manager)
            self._ready.put(RuntimeError("kernel reset failed"))
            return
        self._ready.put(manager)

    def close_soon(self) -> None:
        """Start shutting every kernel down in the background (the export runs meanwhile);
        `close` waits for it."""
        if self._closing is None:
            self._closing = threading.Thread(target=self._close_all, daemon=True)
            self._closing.start()

    def close(self) -> None:
        """Shut every kernel down, and wait until they are."""
        self.close_soon()
        self._closing.join()

    def _close_all(self) -> None:
        for thread in (t for t in self._threads if t.ident is not None):
            thread.join(timeout=TIMEOUT)
        with self._lock:
            for manager in self._started:
                _shutdown(manager)


@contextmanager
def warm_kernels(count: int, kernel_name: str, cwd: str, arguments: list[str],
                 lazy: bool = False) -> Iterator[WarmKernels | None]:
    """`count` warm kernels for the block (None for none), shut down after it."""
    if count < 1:
        yield None
        return
    kernels = WarmKernels(count, kernel_name, cwd, arguments, lazy)
    try:
        yield kernels
    finally:
        kernels.close()


class _Control:
    """The pool's own line to a kernel: its shell channel only, connected once and kept, so
    that preparing and resetting a kernel costs the code's time, not a new connection's."""

    def __init__(self, manager) -> None:
        from jupyter_client import BlockingKernelClient

        self.client = BlockingKernelClient()
        self.client.load_connection_info(manager.get_connection_info())
        self.client.start_channels(iopub=False, stdin=False, hb=False, control=False)

    def run(self, code: str) -> None:
        """Run `code` without a trace in the kernel's history or execution count, and wait
        for its reply (a kernel not yet listening gets it once it is)."""
        sent = self.client.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self.client.get_shell_msg(timeout=max(deadline - time.monotonic(), 0.001))
            if reply["parent_header"].get("msg_id") == sent:
                break
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{reply['content'].get('ename')}: "
                               f"{reply['content'].get('evalue')}")

    def close(self) -> None:
        self.client.stop_channels()


def _shutdown(manager) -> None:
    control = getattr(manager, "lkjip_control", None)
    if control is not None:
        control.close()
    try:
        if manager.has_kernel:
            asyncio.run(manager.shutdown_kernel(now=True))
    except Exception:  # already gone
        pass
