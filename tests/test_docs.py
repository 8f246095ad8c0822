"""Every public function and class of the library says what it does."""

import importlib
import inspect
import pkgutil

import lkjip_analysis


def public_objects():
    for info in pkgutil.walk_packages(lkjip_analysis.__path__, "lkjip_analysis."):
        module = importlib.import_module(info.name)
        assert inspect.getdoc(module), f"{info.name} has no docstring"
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                yield f"{info.name}.{name}", obj


def test_every_public_function_and_class_is_documented():
    undocumented = [name for name, obj in public_objects() if not inspect.getdoc(obj)]
    assert undocumented == []
