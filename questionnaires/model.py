"""The definition model: frozen dataclasses whose field metadata *is* the format.

Each public field is a YAML key. Its metadata carries the key's documentation,
the JSON Schema constraints the loader enforces, and (for questions) the types
it applies to. The loader, the JSON Schema generator and the docs' key
tables all read these fields, so they cannot drift apart.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field
from typing import Any, Literal, get_args

from questionnaires.expressions import Expression, references

Audience = Literal["seller", "stakeholder", "user"]
MissingPolicy = Literal["zero", "skip"]
InstrumentName = Literal["sus", "umux_lite", "nps", "csat", "ces"]
QuestionType = Literal[
    "select_one", "select_multiple", "yes_no", "rating", "scale", "integer", "decimal",
    "text", "textarea", "date", "email", "repeat", "note",
]

QUESTION_TYPES: tuple[str, ...] = get_args(QuestionType)
CHOICE_TYPES = frozenset({"select_one", "select_multiple"})
SCORED_SCALE_TYPES = frozenset({"yes_no", "rating", "scale"})
NUMBER_TYPES = frozenset({"integer", "decimal"})
TEXT_TYPES = frozenset({"text", "textarea"})
# Types that hold an answer; `note` shows text and `repeat` holds rows instead.
ANSWER_TYPES = frozenset(QUESTION_TYPES) - {"note", "repeat"}
ALL_TYPES = frozenset(QUESTION_TYPES)

# What each standard instrument needs of its items: how many, which type, how many points.
INSTRUMENT_ITEMS: dict[str, tuple[int, str, int | None]] = {
    "sus": (10, "rating", 5),
    "umux_lite": (2, "rating", 7),
    "nps": (1, "scale", None),
    "csat": (1, "rating", 5),
    "ces": (1, "rating", 7),
}
DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 2000, "email": 254}
SLUG = r"^[a-z][a-z0-9_]*$"
QUESTIONNAIRE_ID = r"^[a-z][a-z0-9-]*$"
CHOICE_VALUE = r"^[A-Za-z0-9_.-]+$"
LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"


def key(
    doc: str,
    *,
    default: Any = MISSING,
    types: frozenset[str] = ALL_TYPES,
    schema: Mapping[str, Any] | None = None,
    many: bool = False,
    ref: str | None = None,
) -> Any:
    """Declare a YAML key: its doc, default, constraints and the question types it fits.

    `schema` holds JSON Schema keywords (minimum, pattern …) that the loader
    enforces too; `many` lets a list key take a single value; `ref` names the
    top-level mapping a string value may refer to instead of a literal list.
    """
    meta = {"doc": doc, "types": types, "schema": dict(schema or {}), "many": many, "ref": ref}
    if default is MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def internal() -> Any:
    """A field the loader fills in that is not a YAML key."""
    return field(default=None, compare=False, repr=False, metadata={"internal": True})


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column in a definition file."""

    line: int
    col: int


@dataclass(frozen=True, eq=False)
class Origin:
    """Where an object and each of its keys' values stand in the source file."""

    path: str
    pos: Pos
    values: Mapping[str, Pos]
    # Keys whose value is a one-line scalar without escapes: an offset into the
    # value is then an exact column.
    linear: frozenset[str]
    # Keys whose value had a problem and now holds a default or a placeholder;
    # "*" when an unknown key was given (it may be a misspelt optional key).
    failed: frozenset[str] = frozenset()

    def at(self, name: str) -> Pos:
        """Position of a key's value, or of the object when the key is absent."""
        return self.values.get(name, self.pos)

    def at_offset(self, name: str, offset: int) -> Pos:
        """Position of a character inside a key's value, exact where possible."""
        pos = self.at(name)
        return Pos(pos.line, pos.col + offset) if name in self.linear else pos


def intact(item: object, *keys: str) -> bool:
    """Whether these keys (default: all) of a model object were built without problems."""
    origin = getattr(item, "origin", None)
    if origin is None:
        return True
    failed: frozenset[str] = origin.failed
    return not failed if not keys else not failed & {*keys, "*"}


@dataclass(frozen=True)
class Label:
    """Display text: one string, or one per language code."""

    texts: tuple[tuple[str, str], ...]
    default_language: str = "en"

    @classmethod
    def plain(cls, text: str, language: str = "en") -> Label:
        """A label in one language."""
        return cls(((language, text),), language)

    def get(self, language: str | None = None) -> str:
        """The text in `language`, falling back to the default language."""
        texts = dict(self.texts)
        if language and language in texts:
            return texts[language]
        return texts.get(self.default_language, self.texts[0][1])

    @property
    def languages(self) -> tuple[str, ...]:
        """Language codes this label is written in."""
        return tuple(code for code, _ in self.texts)

    def __str__(self) -> str:
        return self.get()


@dataclass(frozen=True, kw_only=True)
class Choice:
    """One option of a choice question."""

    value: str = key("Stored value; letters, digits, `_ . -`.",
                     schema={"pattern": CHOICE_VALUE, "maxLength": 64})
    label: Label = key("What the respondent reads.")
    score: float | None = key("0–100; needed on every choice of a scored question.",
                              default=None, schema={"minimum": 0, "maximum": 100})
    not_applicable: bool = key(
        "This answer means the question does not apply (\"nothing to retire\", \"no "
        "exception this week\"): it counts as answered but drops out of its criterion, "
        "costing nothing; give it no `score`.", default=False)
    origin: Origin | None = internal()


@dataclass(frozen=True, kw_only=True)
class Question:
    """One question; `repeat` questions hold the questions of each row."""

    id: str = key("Unique in the questionnaire, repeat rows included.", schema={"pattern": SLUG})
    type: QuestionType = key("One of the question types.")
    label: Label = key("The question as the respondent reads it.")
    hint: Label | None = key("One line of help under the label.", default=None)
    required: bool = key("An answer is needed to submit.", default=False,
                         types=ANSWER_TYPES)
    relevant: Expression | None = key("Show and keep the question only when this is true.",
                                      default=None)
    constraint: Expression | None = key("The answer (`.`) must make this true.", default=None,
                                        types=ANSWER_TYPES)
    constraint_message: Label | None = key("Shown when the constraint fails.", default=None,
                                           types=ANSWER_TYPES)
    criterion: str | None = key("Id of the scoring criterion this question feeds.",
                                default=None, types=ANSWER_TYPES)
    weight: float = key("Weight inside its criterion; a positive number.", default=1.0,
                        types=ANSWER_TYPES, schema={"exclusiveMinimum": 0})
    evidence: bool = key(
        "A claim: the seller grades its evidence (unknown … documented); a customer's answer "
        "to it is customer confirmation.", default=False, types=ANSWER_TYPES)
    customer_fact: bool = key(
        "A claim about the customer's own organisation: when seller and customer answer "
        "differently, the customer's answer counts.", default=False, types=ANSWER_TYPES)
    reverse: bool = key("A higher answer is worse (score = 100 − score).", default=False,
                        types=SCORED_SCALE_TYPES)
    choices: tuple[Choice, ...] = key(
        "A list of choices, or the name of a list in `choice_lists`.", default=(),
        types=CHOICE_TYPES, ref="choice_lists")
    points: int = key("Number of points, answers 1…points.", default=5,
                      types=frozenset({"rating"}), schema={"minimum": 2, "maximum": 11})
    low_label: Label | None = key("Anchor text for the lowest point.", default=None,
                                  types=frozenset({"rating", "scale"}))
    high_label: Label | None = key("Anchor text for the highest point.", default=None,
                                   types=frozenset({"rating", "scale"}))
    min: float | None = key("Smallest allowed answer.", default=None, types=NUMBER_TYPES)
    max: float | None = key("Largest allowed answer.", default=None, types=NUMBER_TYPES)
    max_length: int | None = key(
        "Longest answer in characters (text 200, textarea 2000, email 254).", default=None,
        types=TEXT_TYPES | {"email"}, schema={"minimum": 1, "maximum": 20000})
    questions: tuple[Question, ...] = key("The questions of one row.", default=(),
                                          types=frozenset({"repeat"}))
    min_rows: int = key("Fewest rows.", default=0, types=frozenset({"repeat"}),
                        schema={"minimum": 0})
    max_rows: int = key("Most rows.", default=20, types=frozenset({"repeat"}),
                        schema={"minimum": 1, "maximum": 200})
    origin: Origin | None = internal()

    @property
    def answers(self) -> bool:
        """Whether the question stores an answer of its own."""
        return self.type in ANSWER_TYPES

    @property
    def length_limit(self) -> int | None:
        """The effective maximum length of a text answer."""
        return self.max_length or DEFAULT_MAX_LENGTH.get(self.type)


@dataclass(frozen=True, kw_only=True)
class Section:
    """A titled group of questions, shown as one fieldset."""

    id: str = key("Unique in the questionnaire.", schema={"pattern": SLUG})
    title: Label = key("Heading of the section.")
    description: Label | None = key("A short paragraph under the heading.", default=None)
    audience: tuple[Audience, ...] = key(
        "Only these audiences see the section (default: all of the questionnaire's).",
        default=(), many=True)
    relevant: Expression | None = key("Show the whole section only when this is true.",
                                      default=None)
    questions: tuple[Question, ...] = key("The questions, in order.", schema={"minItems": 1})
    origin: Origin | None = internal()


@dataclass(frozen=True, kw_only=True)
class Criterion:
    """A readiness criterion: the weighted mean of the questions that name it."""

    id: str = key("Unique in the questionnaire; questions name it in `criterion`.",
                  schema={"pattern": SLUG})
    label: Label = key("Name of the criterion in reports.")
    weight: float = key("Weight in the overall score; a positive number.", default=1.0,
                        schema={"exclusiveMinimum": 0})
    must_have: bool = key("A gate: below `pass_at` the verdict is capped at not ready.",
                          default=False)
    pass_at: float = key("Score (0–100) at which the criterion passes.", default=50.0,
                         schema={"minimum": 0, "maximum": 100})
    action: Label = key("The next step to recommend when the criterion fails.")
    description: Label | None = key("Why the criterion matters.", default=None)
    origin: Origin | None = internal()


@dataclass(frozen=True, kw_only=True)
class Band:
    """A verdict band: scores from `min` up to the next band's `min`."""

    id: str = key("Verdict id, e.g. ready.", schema={"pattern": SLUG})
    label: Label = key("Verdict as shown.")
    min: float = key("Lowest score in the band (0–100).", schema={"minimum": 0, "maximum": 100})
    max: float | None = key("Highest score, optional; must meet the next band's min.",
                            default=None, schema={"minimum": 0, "maximum": 100})
    origin: Origin | None = internal()


@dataclass(frozen=True, kw_only=True)
class Instrument:
    """A standard instrument computed from named questions."""

    name: InstrumentName = key("sus, umux_lite, nps, csat or ces.")
    items: tuple[str, ...] = key("Question ids of its items, in the instrument's order.",
                                 schema={"minItems": 1})
    every_weeks: int = key(
        "In a weekly questionnaire, ask the items only every this many weeks (weeks 1, 1 + n "
        "…); a person's latest answer counts until they answer again.", default=1,
        schema={"minimum": 1, "maximum": 52})
    origin: Origin | None = internal()


DEFAULT_BANDS = (
    Band(id="ready", label=Label.plain("Ready"), min=75.0),
    Band(id="conditional", label=Label.plain("Conditional"), min=50.0),
    Band(id="not_ready", label=Label.plain("Not ready"), min=0.0),
)


@dataclass(frozen=True, kw_only=True)
class Scoring:
    """How a questionnaire's answers become scores and verdicts."""

    missing: MissingPolicy = key(
        "Unanswered questions: `zero` counts them as 0, `skip` re-normalises weights.",
        default="zero")
    criteria: tuple[Criterion, ...] = key("The criteria, in report order.", default=())
    bands: tuple[Band, ...] = key("Verdict bands; default ready ≥ 75, conditional ≥ 50.",
                                  default=DEFAULT_BANDS)
    instruments: tuple[Instrument, ...] = key("Standard instruments used.", default=())
    origin: Origin | None = internal()


@dataclass(frozen=True, kw_only=True)
class Questionnaire:
    """A whole definition file."""

    id: str = key("Unique across all definitions; a lowercase slug.",
                  schema={"pattern": QUESTIONNAIRE_ID})
    title: Label = key("Title of the form and of its report section.")
    version: str = key("Bump it when questions change; stored with every response.",
                       schema={"type": ["string", "integer"]})
    audience: tuple[Audience, ...] = key("Who fills it in: seller, stakeholder, user.",
                                         many=True, schema={"minItems": 1})
    description: Label | None = key("Introduction shown above the form.", default=None)
    purpose: Label | None = key(
        "One sentence on why it is asked, for the invitation e-mail (default: the first "
        "sentence of `description`).", default=None)
    default_language: str = key("Language of plain-string labels.", default="en",
                                schema={"pattern": LANGUAGE})
    choice_lists: Mapping[str, tuple[Choice, ...]] | None = key(
        "Reusable choice lists by name; a question's `choices` may name one.", default=None)
    sections: tuple[Section, ...] = key("The sections, in order.", schema={"minItems": 1})
    scoring: Scoring | None = key("Criteria, bands, missing-answer policy, instruments.",
                                  default=None)
    digest: str | None = internal()
    origin: Origin | None = internal()

    # Derived once per loaded definition (a frozen dataclass keeps its __dict__ for these):
    # scoring reads them for every response, thousands of times for a crowded pulse.
    @functools.cached_property
    def _all(self) -> tuple[Question, ...]:
        found: list[Question] = []
        for section in self.sections:
            for question in section.questions:
                found.append(question)
                found.extend(question.questions)
        return tuple(found)

    @functools.cached_property
    def _by_id(self) -> dict[str, Question]:
        found: dict[str, Question] = {}
        for x in self._all:
            found.setdefault(x.id, x)  # the first, should a definition not yet checked repeat one
        return found

    @functools.cached_property
    def top_questions(self) -> tuple[Question, ...]:
        """The questions of every section in order, without a repeat's row questions."""
        return tuple(x for s in self.sections for x in s.questions)

    @functools.cached_property
    def top_by_id(self) -> dict[str, Question]:
        """`top_questions` by id."""
        return {x.id: x for x in self.top_questions}

    @functools.cached_property
    def scored_questions(self) -> tuple[Question, ...]:
        """Top-level questions that feed a criterion, in questionnaire order."""
        return tuple(x for x in self.top_questions if x.criterion)

    @functools.cached_property
    def relevance_reads(self) -> tuple[str, ...]:
        """Every question id a section's or question's `relevant` reads: the answers
        that decide which questions a respondent is shown."""
        return tuple(sorted({ref.name for s in self.sections
                             for expr in (s.relevant, *(x.relevant for x in s.questions))
                             if expr is not None for ref in references(expr)}))

    def all_questions(self) -> tuple[Question, ...]:
        """Every question in order, a repeat's row questions right after it."""
        return self._all

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError if none)."""
        return self._by_id[question_id]
