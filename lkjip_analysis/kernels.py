"""Warm kernels for a build: started while the extraction runs, the package and its libraries
imported once, reused notebook after notebook with a clean namespace. They run a report, so
they write both versions of every output (`audiences.BOTH_VERSIONS`).

`papermill_engine.WarmEngine` (registered as `lkjip`) runs a notebook as papermill's own
engine does, on a kernel from the pool. Before each notebook the kernel's namespace is
reset and its execution count starts again at 1, so the executed notebook is what papermill
writes with a fresh kernel; a notebook still runs alone under plain papermill.
"""

from __future__ import annotations

import asyncio
import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# papermill first: it loads its engines' entry points, ours (`papermill_engine`) among them
import papermill  # noqa: F401

from .audiences import BOTH_VERSIONS
from .papermill_engine import ENGINE, WarmEngine  # noqa: F401

# imported once per kernel, silently (no name is bound in the notebook's namespace)
PRELOAD = ("import lkjip_analysis.notebook, lkjip_analysis.analysis, lkjip_analysis.plots, "
           "lkjip_analysis.audit, lkjip_analysis.lintas_tahun")
RESET = ("__import__('matplotlib.pyplot').pyplot.close('all')\n"
         "get_ipython().reset(new_session=True)")
TIMEOUT = 120


class WarmKernels:
    """`count` kernels, started in the background at once; `acquire` waits for a ready one."""

    def __init__(self, count: int, kernel_name: str, cwd: str, arguments: list[str]) -> None:
        self._ready: queue.Queue = queue.Queue()
        self._started: list = []
        self._lock = threading.Lock()
        self._options = {"kernel_name": kernel_name, "cwd": cwd, "arguments": arguments}
        self._threads = [threading.Thread(target=self._start, daemon=True) for _ in range(count)]
        for thread in self._threads:
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
            _run_silently(manager, PRELOAD)
            self._ready.put(manager)
        except Exception as exc:  # the engine falls back to a fresh kernel, saying why
            self._ready.put(exc)

    def acquire(self):
        """A ready kernel manager, or None when the kernel could not be prepared."""
        found = self._ready.get(timeout=TIMEOUT)
        return None if isinstance(found, Exception) else found

    def release(self, manager) -> None:
        """Give a kernel back, its namespace cleared; a kernel that fails to reset is shut."""
        try:
            _run_silently(manager, RESET)
        except Exception:
            _shutdown(manager)
            self._ready.put(RuntimeError("kernel reset failed"))
            return
        self._ready.put(manager)

    def close(self) -> None:
        """Shut every kernel down."""
        for thread in self._threads:
            thread.join(timeout=TIMEOUT)
        with self._lock:
            for manager in self._started:
                _shutdown(manager)


@contextmanager
def warm_kernels(count: int, kernel_name: str, cwd: str,
                 arguments: list[str]) -> Iterator[WarmKernels | None]:
    """`count` warm kernels for the block (None for none), shut down after it."""
    if count < 1:
        yield None
        return
    kernels = WarmKernels(count, kernel_name, cwd, arguments)
    try:
        yield kernels
    finally:
        kernels.close()


def _run_silently(manager, code: str) -> None:
    """Run `code` in the kernel without a trace in its history or execution count."""
    from jupyter_client import BlockingKernelClient

    client = BlockingKernelClient()
    client.load_connection_info(manager.get_connection_info())
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        reply = client.execute_interactive(code, silent=True, store_history=False,
                                           timeout=TIMEOUT, output_hook=lambda _msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{reply['content'].get('ename')}: "
                               f"{reply['content'].get('evalue')}")
    finally:
        client.stop_channels()


def _shutdown(manager) -> None:
    try:
        if manager.has_kernel:
            asyncio.run(manager.shutdown_kernel(now=True))
    except Exception:  # already gone
        pass
