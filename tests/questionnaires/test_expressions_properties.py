"""Property tests: the parser only ever raises ExpressionError, printing round-trips, and
evaluation never raises whatever the answers hold."""

from __future__ import annotations

import enum
import json

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from questionnaires.expressions import (
    SIGNATURES,
    Binary,
    Call,
    Current,
    ExpressionError,
    Literal,
    Node,
    Ref,
    Unary,
    as_data,
    evaluate,
    parse,
    references,
    to_source,
    truthy,
)
from questionnaires.expressions.lexer import COMPARISONS

PROPERTY = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
BINARY_OPS = ["or", "and", *sorted(COMPARISONS), "+", "-", "*", "/"]

names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
# Numbers as the parser produces them: never negative (that is unary minus), always finite.
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**30),
    st.integers(min_value=0, max_value=10**9).map(lambda n: n / 1000),
    st.floats(min_value=1e-12, max_value=1e30),
)
# A literal string cannot span lines nor hold both kinds of quote.
texts = st.text(st.characters(exclude_characters="\n\r\""), max_size=8)
scalars = st.one_of(st.booleans(), numbers, texts)


def trees(refs: st.SearchStrategy[str]) -> st.SearchStrategy[Node]:
    """Syntax trees the parser could have produced."""
    leaves = st.one_of(st.builds(Literal, scalars), st.builds(Ref, refs), st.just(Current()))

    def extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        calls = st.sampled_from(sorted(SIGNATURES)).flatmap(lambda name: st.builds(
            Call, st.just(name), st.tuples(*[children] * SIGNATURES[name][0])))
        return st.one_of(
            st.builds(Unary, st.sampled_from(["not", "-"]), children),
            st.builds(Binary, st.sampled_from(BINARY_OPS), children, children),
            calls,
        )

    return st.recursive(leaves, extend, max_leaves=12)


def height(node: Node) -> int:
    children: tuple[Node, ...] = ()
    if isinstance(node, Unary):
        children = (node.operand,)
    elif isinstance(node, Binary):
        children = (node.left, node.right)
    elif isinstance(node, Call):
        children = node.args
    return 1 + max(map(height, children), default=0)


class Shade(enum.StrEnum):
    DARK = "dark"


answer_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-10**1200, max_value=10**1200),
    st.floats(), st.text(max_size=4), st.lists(st.text(max_size=3), max_size=4),
    st.tuples(st.text(max_size=3)), st.lists(st.one_of(st.none(), st.integers(), st.text())),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2), st.dates(),
    st.decimals(), st.just(Shade.DARK), st.builds(object), st.sampled_from([[], (), ""]),
)
few_names = st.sampled_from(["a", "b", "c"])
answer_sets = st.dictionaries(few_names, answer_values, max_size=3)
# Arbitrary unicode rarely gets past the first token, so also try text built from the
# language's own pieces and valid sources with one splice of such a piece.
pieces = st.sampled_from([
    *"${}()'\". ,=!<>+-*/&|#01259abnotdrquéß_\n\t",
    "and ", "or ", "not ", "true", "${a}", "selected(", "count_selected(", "if(", "empty(", "1.5",
])
source_like = st.lists(pieces, max_size=40).map("".join)
spliced = st.builds(
    lambda text, at, cut, piece: text[:at % (len(text) + 1)] + piece + text[at % (len(text) + 1)
                                                                           + cut:],
    st.deferred(lambda: trees(names)).map(to_source), st.integers(0, 200), st.integers(0, 2),
    pieces,
)


@PROPERTY
@given(st.one_of(st.text(), source_like, spliced))
def test_parse_raises_nothing_but_expression_error(text: str) -> None:
    try:
        expr = parse(text)
    except ExpressionError as err:
        assert 0 <= err.offset <= len(text)
        assert err.message and str(err) == err.message
        return
    assert parse(to_source(expr)).root == expr.root
    for ref in references(expr):
        assert text.startswith("${" + ref.name + "}", ref.offset)


@PROPERTY
@given(trees(names))
def test_printed_trees_parse_back_to_equal_trees(node: Node) -> None:
    assume(height(node) <= 30)
    text = to_source(node)
    again = parse(text).root
    assert again == node
    # JSON tells 1, 1.0 and true apart too: an independent check of Literal equality.
    assert json.dumps(as_data(again)) == json.dumps(as_data(node))
    assert to_source(again) == text


@PROPERTY
@given(trees(few_names), answer_sets, answer_values)
def test_evaluate_never_raises(node: Node, answers: dict[str, object], current: object) -> None:
    assume(height(node) <= 30)
    expr = parse(to_source(node))
    value = evaluate(expr, answers, current)
    assert value is None or type(value) in (bool, int, float, str, tuple)
    if isinstance(value, tuple):
        assert value and all(type(item) is str for item in value)
    root = expr.root
    if isinstance(root, Binary) and root.op in {"and", "or", *COMPARISONS}:
        assert type(value) is bool
    negated = parse(f"not ({to_source(root)})")
    assert evaluate(negated, answers, current) is (not truthy(value))


@PROPERTY
@given(answer_values)
def test_empty_answers_behave_alike(value: object) -> None:
    answers = {"a": value}
    is_empty = evaluate(parse("empty(${a})"), answers)
    assert evaluate(parse("${a} = ''"), answers) is is_empty
    assert evaluate(parse("${a} and ."), answers, value) is truthy(value)
    if is_empty:
        assert not truthy(value)
        assert evaluate(parse("${a} + 1"), answers) is None
