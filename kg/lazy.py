"""Public names of a package imported from their modules on first use (PEP 562), so importing the
package stays cheap: `kg`, `kg.rdf` and `kg.store` use it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_names(package: str, where: Mapping[str, str], namespace: dict[str, object]
               ) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return a module's `__getattr__` and `__dir__` for names imported on first use.

    Args:
        package: The package's dotted name, for the error message.
        where: Each public name and the module that defines it.
        namespace: The package's `globals()`, where a name is kept once imported; its
            `__all__` is listed by `__dir__`.
    """

    def getattr_(name: str) -> object:
        """Import a public name from its module on first use, and keep it here."""
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*namespace, *namespace.get("__all__", ())})  # type: ignore[misc]

    return getattr_, dir_
