"""Checks that need the whole questionnaire: ids, references, cycles, criteria, bands."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from questionnaires.expressions import Expression, references, uses_current
from questionnaires.model import (
    CHOICE_TYPES,
    INSTRUMENT_ITEMS,
    Choice,
    Origin,
    Pos,
    Questionnaire,
    Scoring,
    intact,
)
from questionnaires.problems import Problem, did_you_mean

Found = Iterator[Problem]


def check(q: Questionnaire) -> list[Problem]:
    """Every whole-questionnaire problem of one built definition.

    A check skips an object whose keys it reads already had a problem: their
    placeholders and defaults would only produce invented problems.
    """
    scoring = q.scoring or Scoring()
    return [
        *_unique("section", ((s.id, s.origin) for s in q.sections)),
        *_unique("question", ((x.id, x.origin) for x in q.all_questions())),
        *_unique("criterion", ((c.id, c.origin) for c in scoring.criteria)),
        *_unique("band", ((b.id, b.origin) for b in scoring.bands)),
        *_choice_lists(q),
        *_questions(q),
        *_audiences(q),
        *_expressions(q),
        *_cycles(q),
        *_criteria(q, scoring),
        *_bands(scoring),
        *_instruments(q, scoring),
    ]


def at(origin: Origin | None, key: str, message: str, offset: int | None = None) -> Problem:
    """A problem at a key of an object (or at the object when the key is absent)."""
    if origin is None:
        return Problem("<model>", 0, 0, message)
    pos = origin.at(key) if offset is None else origin.at_offset(key, offset)
    return Problem(origin.path, pos.line, pos.col, message)


def _unique(noun: str, items: Iterable[tuple[str, Origin | None]]) -> Found:
    first: dict[str, Pos] = {}
    for item_id, origin in items:
        if item_id in first:
            line = first[item_id].line
            yield at(origin, "id", f"duplicate {noun} id '{item_id}' (first used at line "
                     f"{line}) — give each {noun} its own id")
        elif origin is not None:
            first[item_id] = origin.at("id")


def _choices(owner: str, choices: tuple[Choice, ...]) -> Found:
    seen: set[str] = set()
    for choice in choices:
        if choice.value in seen:
            yield at(choice.origin, "value", f"duplicate choice value '{choice.value}' in "
                     f"{owner} — each choice needs its own value")
        seen.add(choice.value)
        if choice.not_applicable and choice.score is not None and intact(choice, "score"):
            yield at(choice.origin, "score", f"choice '{choice.value}' in {owner} is "
                     "not_applicable and has a score — an answer that does not apply costs "
                     "nothing and earns nothing; drop one of them")


def _choice_lists(q: Questionnaire) -> Found:
    for name, choices in (q.choice_lists or {}).items():
        yield from _choices(f"list '{name}'", choices)


def _questions(q: Questionnaire) -> Found:
    shared = {id(c) for choices in (q.choice_lists or {}).values() for c in choices}
    for question in q.all_questions():
        where = f"question '{question.id}'"
        if not intact(question, "type"):
            continue
        if question.type in CHOICE_TYPES and not question.choices and intact(question, "choices"):
            yield at(question.origin, "type", f"{where} is a {question.type} without choices "
                     "— add `choices:` with a list or the name of a list in `choice_lists`")
        if question.choices and not any(id(c) in shared for c in question.choices):
            yield from _choices(where, question.choices)
        if question.customer_fact and not question.evidence and intact(question, "evidence"):
            yield at(question.origin, "customer_fact", f"{where} is a customer_fact but not a "
                     "claim — add `evidence: true`, or drop customer_fact")
        low, high = question.min, question.max
        if low is not None and high is not None and low > high and intact(question, "min", "max"):
            yield at(question.origin, "min", f"{where} has min {low:g} above max {high:g} — "
                     "swap them")
        if question.min_rows > question.max_rows and intact(question, "min_rows", "max_rows"):
            yield at(question.origin, "min_rows", f"{where} has min_rows {question.min_rows} "
                     f"above max_rows {question.max_rows} — lower min_rows or raise max_rows")
        if question.type == "repeat" and not question.questions and intact(question, "questions"):
            yield at(question.origin, "type", f"{where} is a repeat without questions — add "
                     "`questions:` for the fields of one row")
        for row in question.questions:
            if row.type == "repeat":
                yield at(row.origin, "type", f"question '{row.id}' is a repeat inside repeat "
                         f"'{question.id}' — repeats cannot nest; flatten the row")
            if row.criterion:
                yield at(row.origin, "criterion", f"question '{row.id}' in repeat "
                         f"'{question.id}' names criterion '{row.criterion}' — rows cannot "
                         "be scored; move the criterion to a question outside the repeat")


def _audiences(q: Questionnaire) -> Found:
    if not intact(q, "audience"):
        return
    for section in q.sections:
        for audience in section.audience if intact(section, "audience") else ():
            if audience not in q.audience:
                yield at(section.origin, "audience", f"section '{section.id}' is for "
                         f"'{audience}', which is not in the questionnaire's audience "
                         f"({', '.join(q.audience)}) — add it there or remove it here")


def _scopes(q: Questionnaire) -> dict[str, str | None]:
    """Question id → id of the repeat whose rows hold it (None at the top level)."""
    scope: dict[str, str | None] = {}
    for section in q.sections:
        for question in section.questions:
            scope[question.id] = None
            for row in question.questions:
                scope[row.id] = question.id
    return scope


def _expressions(q: Questionnaire) -> Found:
    scope = _scopes(q)
    kinds = {x.id: x.type for x in q.all_questions()}
    places: list[tuple[str, Origin | None, str, Expression | None, str | None]] = []
    for section in q.sections:
        places.append((f"section '{section.id}'", section.origin, "relevant",
                       section.relevant, None))
    for x in q.all_questions():
        places.append((f"question '{x.id}'", x.origin, "relevant", x.relevant, scope[x.id]))
        places.append((f"question '{x.id}'", x.origin, "constraint", x.constraint,
                       scope[x.id]))
    for where, origin, key, expr, inside in places:
        if expr is None:
            continue
        if key == "relevant" and uses_current(expr):
            yield at(origin, key, f"{key} of {where} uses '.', which only has a value in a "
                     "constraint — refer to a question with ${id}")
        for ref in references(expr):
            if ref.name not in scope:
                yield at(origin, key, f"{key} of {where} refers to unknown question "
                         f"'{ref.name}'{did_you_mean(ref.name, scope)}", ref.offset)
            elif kinds[ref.name] == "note":
                yield at(origin, key, f"{key} of {where} refers to '{ref.name}', a note, "
                         "which has no answer — refer to a question", ref.offset)
            elif scope[ref.name] is not None and scope[ref.name] != inside:
                yield at(origin, key, f"{key} of {where} refers to '{ref.name}' inside "
                         f"repeat '{scope[ref.name]}' — only questions of the same row can; "
                         f"refer to ${{{scope[ref.name]}}} for the number of rows", ref.offset)


Edge = tuple[str, Problem]  # (question id it depends on, where that reference stands)


def _relevance_graph(q: Questionnaire) -> dict[str, list[Edge]]:
    """Question id → the ids whose answers decide whether it is shown, with locations."""
    graph: dict[str, list[Edge]] = {}

    def edges(origin: Origin | None, expr: Expression | None) -> list[Edge]:
        if expr is None:
            return []
        return [(r.name, at(origin, "relevant", "", r.offset)) for r in references(expr)]

    for section in q.sections:
        for question in section.questions:
            outer = edges(section.origin, section.relevant) + edges(question.origin,
                                                                    question.relevant)
            graph[question.id] = outer
            for row in question.questions:
                graph[row.id] = outer + edges(row.origin, row.relevant)
    return graph


def _cycles(q: Questionnaire) -> Found:
    graph = _relevance_graph(q)
    reported: set[str] = set()
    for start in graph:
        if start in reported:
            continue
        path = _path_back(graph, start)
        if path:
            reported.update(path)
            nxt = path[1] if len(path) > 1 else start
            where = next(loc for name, loc in graph[start] if name == nxt)
            chain = " → ".join(path + [start])
            yield Problem(where.path, where.line, where.col, f"relevant of question '{start}' "
                          f"depends on itself: {chain} — a question cannot decide its own "
                          "visibility; break the loop")


def _path_back(graph: dict[str, list[Edge]], start: str) -> list[str]:
    """The shortest dependency path from start back to itself, or []."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt, _ in graph.get(node, []):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if nxt not in parent and nxt in graph:
                parent[nxt] = node
                queue.append(nxt)
    return []


def _criteria(q: Questionnaire, scoring: Scoring) -> Found:
    defined = {c.id for c in scoring.criteria}
    fed: set[str] = set()
    for question in q.all_questions():
        if not question.criterion:
            continue
        fed.add(question.criterion)
        if question.criterion not in defined:
            listed = ", ".join(sorted(defined)) or "none yet"
            yield at(question.origin, "criterion", f"question '{question.id}' names criterion "
                     f"'{question.criterion}', which is not defined"
                     f"{did_you_mean(question.criterion, defined)} Defined: {listed} — add "
                     "it under scoring.criteria or fix the name")
        for choice in question.choices:
            if choice.score is None and not choice.not_applicable and intact(choice, "score"):
                yield at(choice.origin, "value", f"choice '{choice.value}' of question "
                         f"'{question.id}' has no score, but the question feeds criterion "
                         f"'{question.criterion}' — add `score:` (0–100), or "
                         "`not_applicable: true` for an answer that means it does not apply")
    if not all(intact(x, "criterion") for x in q.all_questions()):
        return  # a question with a problem may be the one that feeds it
    for criterion in scoring.criteria:
        if criterion.must_have and criterion.id not in fed and intact(criterion, "id"):
            yield at(criterion.origin, "must_have", f"must-have criterion '{criterion.id}' is "
                     "fed by no question — set `criterion: " + criterion.id + "` on a "
                     "question or drop must_have")


def _bands(scoring: Scoring) -> Found:
    if not all(intact(b, "min", "max") for b in scoring.bands):
        return  # bands are judged together; one with a problem would skew the rest
    bands = sorted(scoring.bands, key=lambda b: b.min)
    if bands and bands[0].min != 0:
        yield at(bands[0].origin, "min", f"the lowest band '{bands[0].id}' starts at "
                 f"{bands[0].min:g} — bands must start at 0, or scores below it have no verdict")
    for lower, upper in zip(bands, bands[1:], strict=False):
        if lower.min == upper.min:
            yield at(upper.origin, "min", f"bands '{lower.id}' and '{upper.id}' overlap: both "
                     f"start at {upper.min:g} — give each band its own min")
        elif lower.max is not None and lower.max > upper.min:
            yield at(lower.origin, "max", f"band '{lower.id}' overlaps band '{upper.id}': it "
                     f"ends at {lower.max:g} but '{upper.id}' starts at {upper.min:g} — make "
                     "them meet")
        elif lower.max is not None and lower.max < upper.min:
            yield at(lower.origin, "max", f"bands leave a gap: '{lower.id}' ends at "
                     f"{lower.max:g} and '{upper.id}' starts at {upper.min:g} — make them meet")
    top = bands[-1] if bands else None
    if top is not None and top.max is not None and top.max < 100:
        yield at(top.origin, "max", f"bands leave a gap: the top band '{top.id}' ends at "
                 f"{top.max:g} — it must reach 100")


def _instruments(q: Questionnaire, scoring: Scoring) -> Found:
    kinds = {x.id: x for x in q.all_questions()}
    for instrument in scoring.instruments:
        if not intact(instrument, "name", "items"):
            continue
        count, qtype, points = INSTRUMENT_ITEMS[instrument.name]
        if len(instrument.items) != count:
            yield at(instrument.origin, "items", f"instrument '{instrument.name}' takes "
                     f"{count} item(s), got {len(instrument.items)} — list exactly {count} "
                     "question ids")
        for item in instrument.items:
            question = kinds.get(item)
            if question is None:
                yield at(instrument.origin, "items", f"instrument '{instrument.name}' names "
                         f"unknown question '{item}'{did_you_mean(item, kinds)}")
            elif not intact(question, "type", "points"):
                continue
            elif question.type != qtype or (points and question.points != points):
                need = f"a {qtype}" + (f" with points: {points}" if points else "")
                yield at(question.origin, "type", f"question '{item}' is an item of "
                         f"'{instrument.name}', which needs {need}")
