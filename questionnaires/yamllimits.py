"""A YAML loader that stops at recursive aliases, alias bombs and runaway nesting.

PyYAML composes nodes recursively and shares one node per anchor among its
aliases, so a hostile file can overflow the stack, tie a node into a loop, or
make every later walk over the tree take exponential time and memory. The
loader measures each anchored node once (its size and height as if its aliases
were written out) and stops where a limit is crossed, before recursing deeper.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent, Event, MappingStartEvent, NodeEvent, SequenceStartEvent
from yaml.nodes import Node

MAX_NODES = 100_000
# The deepest built-in questionnaire nests 9 lists and mappings; 64 leaves ample room for
# hand-written files while keeping PyYAML's recursion (three frames a level) far from
# Python's limit.
MAX_DEPTH = 64
TOO_DEEP = (f"lists and mappings nest more than {MAX_DEPTH} deep here (an alias counts at "
            "the depth of what it repeats) — flatten the structure")


class LimitExceeded(Exception):
    """A file crosses a limit at a 1-based line and column; `message` says which and the fix."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(f"{line}:{col}: {message}")
        self.line, self.col, self.message = line, col, message


class LimitedLoader(yaml.SafeLoader):
    """SafeLoader whose composer counts nodes and nesting as expanded through aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._level = 0  # lists and mappings open around the node being composed
        self._count = 0  # nodes composed so far, each alias counted as its whole expansion
        self._reach = [0]  # the deepest level reached inside each node being composed
        self._measured: dict[int, tuple[int, int]] = {}  # anchored node id → (size, height)

    def get_single_node(self) -> Node | None:
        """The document's root node; LimitExceeded where it crosses a limit."""
        try:
            return super().get_single_node()
        except RecursionError:  # only from an already deep stack: MAX_DEPTH stays far below
            event = self.current_event
            mark = event.start_mark if event is not None else self.get_mark()
            raise LimitExceeded(mark.line + 1, mark.column + 1, TOO_DEEP) from None

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        """Compose one node, or raise LimitExceeded where it would cross a limit."""
        event: Event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            if event.anchor in self.anchors:
                self._alias(event.anchor, event)
            return super().compose_node(parent, index)
        outer = self._level
        opens = isinstance(event, (SequenceStartEvent, MappingStartEvent))
        self._level = outer + 1 if opens else outer
        before = self._count
        try:
            self._grow(1, self._level, event)
            self._reach.append(self._level)
            node = super().compose_node(parent, index)
            reach = self._reach.pop()
        finally:
            self._level = outer
        self._reach[-1] = max(self._reach[-1], reach)
        if isinstance(event, NodeEvent) and event.anchor is not None and node is not None:
            self._measured[id(node)] = (self._count - before, reach - outer)
        return node

    def _alias(self, anchor: Any, event: Event) -> None:
        """Count an alias as the node it repeats; an alias inside its own anchor never ends."""
        measured = self._measured.get(id(self.anchors[anchor]))
        if measured is None:  # its anchor is still being composed, so it encloses the alias
            raise _at(event, f"the alias *{anchor} is inside the node anchored &{anchor}, so "
                      "it repeats itself forever — point it at another anchor or write the "
                      "value out")
        size, height = measured
        self._grow(size, self._level + height, event)

    def _grow(self, size: int, level: int, event: Event) -> None:
        self._count += size
        if self._count > MAX_NODES:
            raise _at(event, f"the file grows past {MAX_NODES:,} YAML nodes here (an alias "
                      "counts as every node it repeats) — use fewer aliases or split the file")
        if level > MAX_DEPTH:
            raise _at(event, TOO_DEEP)
        self._reach[-1] = max(self._reach[-1], level)


def _at(event: Event, message: str) -> LimitExceeded:
    mark = event.start_mark
    return LimitExceeded(mark.line + 1, mark.column + 1, message) if mark else \
        LimitExceeded(1, 1, message)
