"""What a part of the Store (its links, its work tables) may use of the Store itself."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from tinydb.table import Table

T = TypeVar("T")


class Part:
    """A base of assessments.store.filestore.Store: the Store gives these."""

    root: Path

    if TYPE_CHECKING:
        def _require(self, assessment_id: str) -> None: ...
        def _folder(self, assessment_id: str) -> Path: ...
        def _locked(self) -> AbstractContextManager[None]: ...
        def _table(self, path: Path) -> AbstractContextManager[Table]: ...
        def _change_doc(self, path: Path, key: str, value: str, cls: type[T],
                        change: Callable[[T], T], missing: str) -> T: ...
