"""The `lkjip` papermill engine: papermill's nbclient engine on a warm kernel of a build
(`kernels.WarmKernels`). papermill loads `WarmEngine` through its engine entry point while it is
itself being imported, so the class is built on first use: this module imports papermill only
then, and may be imported before papermill or by it."""

from __future__ import annotations

_ENGINE: type | None = None


def __getattr__(name: str):
    if name == "WarmEngine":
        return warm_engine()
    raise AttributeError(name)


def warm_engine() -> type:
    """The engine class, built once (papermill may be loading this very entry point: the names
    used here are defined before papermill loads its entry points)."""
    global _ENGINE
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    if _ENGINE is not None:  # built while the imports above loaded papermill's entry points
        return _ENGINE

    class WarmEngine(NBClientEngine):
        """papermill's nbclient engine, on a kernel of the `pool` it is given (a fresh kernel
        without one, or when the pool's kernel could not be prepared)."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, pool=None, **kwargs):
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

    _ENGINE = WarmEngine
    return _ENGINE
