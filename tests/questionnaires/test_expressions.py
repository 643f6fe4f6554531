"""Unit tests for the relevant/constraint expression language."""

from __future__ import annotations

import enum
import json
import pickle
from collections.abc import Iterator, Mapping

import pytest

from questionnaires.expressions import (
    FUNCTIONS,
    MAX_DEPTH,
    MAX_HEIGHT,
    MAX_LENGTH,
    SIGNATURES,
    Binary,
    Call,
    Current,
    ExpressionError,
    Literal,
    Ref,
    Unary,
    as_data,
    evaluate,
    parse,
    references,
    to_source,
    truthy,
    uses_current,
)


def run(source: str, current: object = None, **answers: object) -> object:
    return evaluate(parse(source), answers, current)


def same(actual: object, expected: object) -> bool:
    """Equal and of the same type, so that True does not pass for 1 nor 2.0 for 2."""
    return type(actual) is type(expected) and actual == expected


def error(source: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    return caught.value


# --- structure -------------------------------------------------------------------------

def test_multiplication_binds_tighter_than_addition_and_comparison() -> None:
    lit = Literal
    assert parse("1 + 2 * 3 = 7").root == Binary(
        "=", Binary("+", lit(1), Binary("*", lit(2), lit(3))), lit(7))
    assert run("1 + 2 * 3 = 7") is True
    assert run("(1 + 2) * 3 = 9") is True


def test_not_binds_looser_than_comparison_and_tighter_than_or() -> None:
    assert parse("not ${a} = 1 or ${b}").root == Binary(
        "or", Unary("not", Binary("=", Ref("a"), Literal(1))), Ref("b"))


def test_and_binds_tighter_than_or() -> None:
    a, b, c = Ref("a"), Ref("b"), Ref("c")
    assert parse("${a} or ${b} and ${c}").root == Binary("or", a, Binary("and", b, c))
    assert parse("${a} and ${b} or ${c}").root == Binary("or", Binary("and", a, b), c)


def test_arithmetic_groups_to_the_left() -> None:
    assert same(run("10 - 4 - 3"), 3)
    assert same(run("8 / 4 / 2"), 1.0)


def test_unary_minus_binds_tighter_than_multiplication() -> None:
    assert parse("-2 * 3").root == Binary("*", Unary("-", Literal(2)), Literal(3))
    assert parse("- - ${a}").root == Unary("-", Unary("-", Ref("a")))


def test_literals_keep_their_types() -> None:
    assert parse("12").root == Literal(12)
    assert parse("2.50").root == Literal(2.5)
    assert parse("2.0").root != Literal(2)
    assert parse("true").root == Literal(True) != Literal(1)
    assert parse("\"it's\"").root == Literal("it's")
    assert parse("'say \"hi\" ☃ 日本 🎉'").root == Literal('say "hi" ☃ 日本 🎉')


def test_whitespace_and_layout_are_free() -> None:
    assert parse("\t${a}\n=\r\n 1 ").root == Binary("=", Ref("a"), Literal(1))
    assert parse("count_selected ( ${a} )").root == Call("count_selected", (Ref("a"),))
    assert parse("not(${a})").root == Unary("not", Ref("a"))
    assert parse("${and} = ${not}").root == Binary("=", Ref("and"), Ref("not"))


def test_offsets_point_at_tokens() -> None:
    root = parse("  ${a} >= selected(${b}, .)").root
    assert isinstance(root, Binary) and root.offset == 7 and root.left.offset == 2
    assert isinstance(root.right, Call) and root.right.offset == 10
    assert [arg.offset for arg in root.right.args] == [19, 25]


def test_references_in_source_order_and_current() -> None:
    expr = parse("if(${b} = 1, -${a}, selected(${b}, 'x')) or .")
    assert [(r.name, r.offset) for r in references(expr)] == [("b", 3), ("a", 14), ("b", 29)]
    assert uses_current(expr)
    assert not uses_current(parse("${a} = '.'"))
    assert references(parse("1 = 1")) == ()


# --- evaluation ------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "answers", "expected"), [
    ("1 = 1.0", {}, True),
    ("true = 1", {}, False),
    ("true = true", {}, True),
    ("'a' = 'A'", {}, False),
    ("${a} = ${b}", {}, True),
    ("${a} = 0", {}, False),
    ("${a} = ''", {"a": ""}, True),
    ("${a} = ''", {"a": "x"}, False),
    ("${a} != ''", {"a": "x"}, True),
    ("${a} = ${b}", {"a": ["x", "y"], "b": ("y", "x", "x")}, True),
    ("${a} = ${b}", {"a": ["x"], "b": "x"}, False),
    ("${a} = '1'", {"a": 1}, False),
    ("${a} < ${b}", {"a": "2024-01-31", "b": "2024-02-01"}, True),
    ("'b' > 'a'", {}, True),
    ("1 < 'a'", {}, False),
    ("${a} < 1", {}, False),
    ("${a} >= ${b}", {}, False),
    ("false < true", {}, False),
    ("2 <= 2.0", {}, True),
    ("2 * 3", {}, 6),
    ("5 / 2", {}, 2.5),
    ("6 / 3", {}, 2.0),
    ("1 - 0.5", {}, 0.5),
    ("1 / 0", {}, None),
    ("1 / 0.0", {}, None),
    ("${a} + 1", {}, None),
    ("true + 1", {}, None),
    ("'a' + 'b'", {}, None),
    ("-${a}", {"a": 3}, -3),
    ("-${a}", {"a": True}, None),
    ("-${a}", {"a": "3"}, None),
    ("${a} or 0", {}, False),
    ("'x' and 1", {}, True),
    ("not ''", {}, True),
    ("not 0.0", {}, True),
    ("not ${a}", {"a": []}, True),
    ("not ${a}", {"a": ["x"]}, False),
    ("selected(${a}, 'x')", {"a": ["y", "x"]}, True),
    ("selected(${a}, 'x')", {"a": ("y",)}, False),
    ("selected(${a}, 'x')", {"a": "x"}, True),
    ("selected(${a}, 'x')", {"a": "xy"}, False),
    ("selected(${a}, 'x')", {}, False),
    ("selected(${a}, 1)", {"a": ["1"]}, False),
    ("count_selected(${a})", {"a": ["x", "y"]}, 2),
    ("count_selected(${a})", {"a": "x"}, 1),
    ("count_selected(${a})", {"a": []}, 0),
    ("count_selected(${a})", {}, 0),
    ("count_selected(${a})", {"a": 7}, 0),
    ("if(${a} = 'yes', 'on', 2)", {"a": "yes"}, "on"),
    ("if(${a}, 'on', 2)", {}, 2),
    ("empty(${a})", {}, True),
    ("empty(${a})", {"a": ""}, True),
    ("empty(${a})", {"a": ()}, True),
    ("empty(${a})", {"a": 0}, False),
    ("empty(${a})", {"a": False}, False),
    ("${a}", {"a": [1, "x", None]}, ("x",)),
])
def test_evaluation(source: str, answers: dict[str, object], expected: object) -> None:
    assert same(evaluate(parse(source), answers), expected)


def test_current_is_normalised() -> None:
    assert run(". > 3", current=5) is True
    assert run(". > 3") is False
    assert run("empty(.)", current="") is True
    assert run("empty(.)", current=[]) is True
    assert run("count_selected(.) <= 2", current=["a", "b", "c"]) is False


class Recording(Mapping[str, object]):
    """Answers that remember which ids were looked up."""

    def __init__(self, **values: object) -> None:
        self.stored, self.seen = values, list[str]()

    def __getitem__(self, key: str) -> object:
        self.seen.append(key)
        return self.stored[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.stored)

    def __len__(self) -> int:
        return len(self.stored)


@pytest.mark.parametrize(("source", "expected", "seen"), [
    ("false and ${b}", False, []),
    ("${a} or ${b}", True, ["a"]),
    ("if(${a}, ${b}, ${c})", 2, ["a", "b"]),
    ("if(not ${a}, ${b}, ${c})", 3, ["a", "c"]),
])
def test_only_the_needed_operands_are_evaluated(source: str, expected: object,
                                               seen: list[str]) -> None:
    answers = Recording(a=1, b=2, c=3)
    assert evaluate(parse(source), answers) == expected
    assert answers.seen == seen


class Colour(enum.StrEnum):
    RED = "red"

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("hostile __eq__")

    __hash__ = str.__hash__


class Size(enum.IntEnum):
    BIG = 3


@pytest.mark.parametrize(("value", "source", "expected"), [
    (Colour.RED, "${a} = 'red'", True),
    ([Colour.RED], "selected(${a}, 'red')", True),
    (Size.BIG, "${a} + 1", 4),
    ({"x": 1}, "empty(${a})", True),
    (object(), "empty(${a})", True),
    (float("nan"), "${a} = ${a}", False),
    (float("inf"), "${a} - ${a}", None),
    (1e308, "${a} * 10", None),
    (10**400, "${a} / 3", None),
    (10**400, "${a} + 0.5", None),
    (10**3000, "${a} * ${a}", None),
    (10**1000, "${a} - 10 * ${a} = -9 * ${a}", True),
])
def test_odd_answer_values_never_raise(value: object, source: str, expected: object) -> None:
    assert same(evaluate(parse(source), {"a": value}), expected)


@pytest.mark.parametrize(("value", "expected"), [
    (None, False), (False, False), (0, False), (0.0, False), ("", False), ([], False),
    ((), False), (True, True), (-1, True), (0.1, True), ("0", True), (["x"], True),
    ({"k": 1}, False),
])
def test_truthy(value: object, expected: bool) -> None:
    assert truthy(value) is expected


def test_function_registry_matches_the_grammar() -> None:
    assert {name: arity for name, (arity, _impl) in FUNCTIONS.items()} == {
        name: arity for name, (arity, _usage) in SIGNATURES.items()}
    assert list(FUNCTIONS) == ["selected", "count_selected", "if", "empty"]


# --- errors ----------------------------------------------------------------------------

UNEXPECTED = ("expressions use ${id} references, numbers, 'strings', operators "
              "= != < <= > >= + - * / and functions selected, count_selected, if, empty")


@pytest.mark.parametrize(("source", "offset", "message"), [
    ("", 0, "empty expression"),
    (" \n\t", 0, "empty expression"),
    ("${a} # 1", 5, f"unexpected character '#' — {UNEXPECTED}"),
    ("${a} = ß", 7, "unexpected character 'ß'"),
    ("1 =\u200b1", 3, "unexpected character U+200B"),
    ("1 = \x00", 4, "unexpected character U+0000"),
    ("(1 + 2", 0, "unclosed '(' — add ')'"),
    ("if(${a}, (1", 9, "unclosed '(' — add ')'"),
    ("if(${a}, 1", 2, "unclosed '(' — add ')'"),
    ("1 + 2)", 5, "unmatched ')'"),
    ("${a} = 'yes", 7, "unterminated string starting at column 8 — close it with '"),
    ("${a} = \"yes'", 7, "unterminated string starting at column 8 — close it with \""),
    ("${a} = 'y\nes'", 7, "unterminated string starting at column 8"),
    ("${a} = 1 or\n${b} = 'no", 19, "unterminated string starting at line 2, column 8"),
    ("${", 0, "'${' must be followed by a question id and '}' like ${owner_named}"),
    ("1 = ${}", 4, "'${' must be followed by a question id and '}' like ${owner_named}"),
    ("${1st}", 0, "'${' must be followed by a question id and '}'"),
    ("${owner", 0, "'${owner' is missing its closing '}' — write ${owner}"),
    ("$owner", 0, "'$' must be followed by '{'"),
    ("${a} and", 5, "expected an expression after 'and'"),
    ("${a} = 1 +", 9, "expected an expression after '+'"),
    ("1 + * 2", 4, "expected an expression after '+' but found '*'"),
    ("selected(${a},)", 14, "expected an expression after ',' but found ')'"),
    ("and ${a}", 0, "an expression cannot start with 'and'"),
    ("1 < ${a} < 3", 9, "comparisons cannot be chained: '<' follows '<' — join two comparisons "
                        "with and"),
    ("1 = 1 != true", 6, "comparisons cannot be chained"),
    ("${a} == 1", 5, "'==' is not an operator here — write '=' instead"),
    ("${a} && ${b}", 5, "'&&' is not an operator here — write 'and' instead"),
    ("${a} || ${b}", 5, "'||' is not an operator here — write 'or' instead"),
    ("!${a}", 0, "'!' is not an operator here — write 'not' instead"),
    ("${a} <> 1", 5, "write '!=' instead"),
    ("${a} => 1", 5, "write '>=' instead"),
    ("${a} div 2", 5, "write '/' instead"),
    ("${a} = .5", 7, "number '.5' needs a leading digit — write 0.5"),
    ("${a} = 5.", 7, "malformed number '5.'"),
    ("1.2.3", 0, "malformed number '1.2.3'"),
    ("9" * 400 + ".5", 0, "is too large"),
    ("sellected(${a}, 'x')", 0, "unknown function 'sellected' — valid functions are selected, "
                                "count_selected, if, empty; did you mean 'selected'?"),
    ("frobnicate(1)", 0, "unknown function 'frobnicate' — valid functions are selected, "
                         "count_selected, if, empty"),
    ("1 = Selected(${a}, 'x')", 4, "write 'selected' instead of 'Selected'"),
    ("selected(${a})", 0, "selected() takes 2 arguments, like selected(${q}, 'value'), but got 1"),
    ("empty(${a}, ${b})", 0, "empty() takes 1 argument, like empty(${q}), but got 2"),
    ("if()", 0, "if() takes 3 arguments"),
    ("selected(${a} 'x')", 14, "missing ',' or an operator between '${a}' and 'x'"),
    ("${a} ${b}", 5, "missing an operator such as and, or, = or + between '${a}' and '${b}'"),
    ("1, 2", 1, "',' only separates function arguments"),
    ("${a} AND ${b}", 5, "write 'and' instead of 'AND'"),
    ("True", 0, "write 'true' instead of 'True'"),
    ("yes", 0, "unknown word 'yes' — refer to a question as ${yes} or quote text as 'yes'"),
    ("empty", 0, "'empty' is a function — call it like empty(${q})"),
    ("1 = not ${a}", 4, "'not' cannot follow '=' directly — put it in brackets: (not ...)"),
    ("()", 1, "expected an expression after '(' but found ')'"),
])
def test_error_messages_and_offsets(source: str, offset: int, message: str) -> None:
    err = error(source)
    assert err.offset == offset
    assert message in str(err)
    assert err.message == str(err)


def test_error_survives_pickling() -> None:
    err = pickle.loads(pickle.dumps(error("1 +")))
    assert (err.message, err.offset) == ("expected an expression after '+'", 2)


def test_non_text_source_is_an_expression_error() -> None:
    assert "must be text, not int" in error(5).message  # type: ignore[arg-type]


# --- limits ----------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "(" * 10_000, "not " * 100_000 + "true", "-" * 100_000 + "1", "x" * 1_000_000,
    "(" * 1999, "not " * 499 + "1", "-" * 1999 + "1", "1+" * 999 + "1", "if(" * 666 + "1",
])
def test_hostile_input_fails_with_expression_error(source: str) -> None:
    # The length, depth and height limits refuse it before any deep recursion: a message,
    # never a RecursionError or a parse that runs away.
    err = error(source)
    assert "split it into simpler rules" in err.message
    assert 0 <= err.offset <= MAX_LENGTH


def test_length_limit() -> None:
    assert parse("1" + " " * (MAX_LENGTH - 1)).root == Literal(1)
    assert error("1" + " " * MAX_LENGTH).offset == MAX_LENGTH


@pytest.mark.parametrize(("open_", "close"), [("(", ")"), ("not ", ""), ("-", ""),
                                              ("empty(", ")")])
def test_depth_limit(open_: str, close: str) -> None:
    parse(open_ * MAX_DEPTH + "1" + close * MAX_DEPTH)
    err = error(open_ * (MAX_DEPTH + 1) + "1" + close * (MAX_DEPTH + 1))
    # A call is reported at its '(', everything else at the start of its token.
    assert err.offset == len(open_) * MAX_DEPTH + max(open_.find("("), 0)
    assert f"nests more than {MAX_DEPTH} levels deep" in err.message


def test_long_flat_chains_parse_up_to_the_height_limit() -> None:
    longest = "1 + " * (MAX_HEIGHT - 1) + "1"
    assert same(run(longest), MAX_HEIGHT)
    assert len(to_source(parse(longest))) == len(longest)
    assert "too complex" in error(longest + " + 1").message


# --- printing and data -----------------------------------------------------------------

@pytest.mark.parametrize(("source", "canonical"), [
    ("(1+2)*3", "(1 + 2) * 3"),
    ("1-(2-3)", "1 - (2 - 3)"),
    ("(1-2)-3", "1 - 2 - 3"),
    ("(1<2)=true", "(1 < 2) = true"),
    ("-(1+2)", "-(1 + 2)"),
    ("-(-1)", "--1"),
    ("not(${a} or ${b})", "not (${a} or ${b})"),
    ("(not ${a}) = false", "(not ${a}) = false"),
    ("${a} and (not ${b})", "${a} and not ${b}"),
    ("\"it's\" = 'x'", "\"it's\" = 'x'"),
    ("if(.,2.50,'a')", "if(., 2.5, 'a')"),
    ("100000000000000000000.0 = 0.0000001", "100000000000000000000.0 = 0.0000001"),
])
def test_to_source_is_canonical(source: str, canonical: str) -> None:
    assert to_source(parse(source)) == canonical
    assert parse(canonical).root == parse(source).root


@pytest.mark.parametrize("node", [
    Literal("both ' and \""), Literal("line\nbreak"), Literal(float("inf")),
])
def test_to_source_refuses_unwritable_literals(node: Literal) -> None:
    with pytest.raises(ValueError):
        to_source(node)


def test_as_data_shape() -> None:
    data = as_data(parse("not selected(${q}, 'a') or -. >= 2.5 and true"))
    assert data == ["bin", "or",
                    ["un", "not", ["call", "selected", [["ref", "q"], ["lit", "a"]]]],
                    ["bin", "and", ["bin", ">=", ["un", "-", ["cur"]], ["lit", 2.5]],
                     ["lit", True]]]
    assert json.loads(json.dumps(data)) == data


def test_node_equality_ignores_offsets_but_not_literal_types() -> None:
    assert Ref("a", 3) == Ref("a", 9) and hash(Ref("a", 3)) == hash(Ref("a", 9))
    assert Literal(1, 0) == Literal(1, 5) and hash(Literal(1)) == hash(Literal(1, 5))
    assert Literal(1) != Literal(1.0) and Literal(1) != Literal(True)
    assert Current(1) == Current(2)
    assert Binary("-", Ref("a"), Ref("b"), 4) != Binary("-", Ref("b"), Ref("a"), 4)
