"""The `lkjip` papermill engine: papermill's nbclient engine on a warm kernel of a build
(`kernels.WarmKernels`). papermill loads it through its engine entry point when papermill is
imported; import papermill, not this module (imported first, papermill would load it while it
is half-imported)."""

from __future__ import annotations

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

from .kernels import ENGINE


class WarmEngine(NBClientEngine):
    """papermill's nbclient engine, on a kernel of the `pool` it is given (a fresh kernel
    without one, or when the pool's kernel could not be prepared)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None,
                                 pool=None, **kwargs):
        manager = pool.acquire() if pool is not None else None
        if manager is None:
            return super().execute_managed_notebook(
                nb_man, kernel_name, log_output, stdout_file, stderr_file, start_timeout,
                execution_timeout, **kwargs)
        safe = remove_args(["timeout", "startup_timeout", "input_path"], **kwargs)
        options = merge_kwargs(safe, timeout=execution_timeout or kwargs.get("timeout"),
                               startup_timeout=start_timeout, kernel_name=kernel_name,
                               log=logger, log_output=log_output, stdout_file=stdout_file,
                               stderr_file=stderr_file)
        client = PapermillNotebookClient(nb_man, km=manager, **options)
        try:
            return client.execute()
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
            pool.release(manager)


papermill_engines.register(ENGINE, WarmEngine)
