"""The command line reference, docs/reference/cli.md, generated from the commands' help."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import click

from assessments.cli import main

PAGE = Path("docs/reference/cli.md")
INTRO = """\
# Command line reference

<!-- Generated from the commands' help by `python -m assessments.clireference`
     (`make schema`): edit the commands, not this page. -->

What `--help` prints for every command, generated from the code (`make schema`); a test
fails when this page and the commands disagree. [The command line](../commands.md) says
more about each. Every command also takes `-h` or `--help`. The options of `readygate`
itself come before the command: `readygate --data DIR build`.
"""


def _text(text: str) -> str:
    """Plain text with Markdown's special characters escaped."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text).replace("<", "&lt;")


def _paragraphs(help_text: str | None) -> str:
    """Help text as Markdown paragraphs, the lines of each joined."""
    text = inspect.cleandoc(help_text or "").split("\f")[0]
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(_text(p) for p in paragraphs if p)


def _option(option: click.Option, ctx: click.Context) -> str:
    """One list item: an option's flags, metavar, help, default and range."""
    item = "- " + ", ".join(f"`{f}`" for f in [*option.opts, *option.secondary_opts])
    if not (option.is_flag or option.count):
        item += f" `{option.make_metavar(ctx)}`"
    notes = [_paragraphs(option.help)]
    default = option.to_info_dict()["default"]
    if isinstance(option.show_default, str):
        notes.append(f"Default: {_text(option.show_default)}.")
    elif callable(default):  # computed when the command runs; its value here would vary
        notes.append("Default: computed when the command runs.")
    elif default not in (None, "", False, ()) and not option.is_flag:
        notes.append(f"Default: `{default}`.")
    extra = option.get_help_extra(ctx)
    if "range" in extra:
        notes.append(f"Range: `{extra['range']}`.")
    if option.required:
        notes.append("Required.")
    if any(notes):
        item += ": " + " ".join(n for n in notes if n)
    return item


def _argument(argument: click.Argument, ctx: click.Context) -> str:
    """One list item: an argument's metavar, whether it is required and how many it takes."""
    what = "required" if argument.required else "optional"
    if argument.nargs == -1:
        what += ", any number"
    return f"- `{argument.make_metavar(ctx)}` ({what})"


def _section(command: click.Command, ctx: click.Context) -> str:
    """The Markdown of one command: heading, usage, help, arguments and options."""
    usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
    parts = [f"## {ctx.command_path}", f"```text\n{usage}\n```", _paragraphs(command.help)]
    arguments = [_argument(p, ctx) for p in command.params if isinstance(p, click.Argument)]
    if arguments:
        parts.append("Arguments:\n\n" + "\n".join(arguments))
    options = [_option(p, ctx) for p in command.params
               if isinstance(p, click.Option) and not p.hidden]
    if options:
        parts.append("Options:\n\n" + "\n".join(options))
    return "\n\n".join(p for p in parts if p)


def _commands(group: click.Group, ctx: click.Context) -> Iterator[str]:
    """The sections of a group's visible commands by name, and of their subcommands."""
    for name in sorted(group.commands):
        command = group.commands[name]
        if command.hidden:
            continue
        sub = click.Context(command, info_name=name, parent=ctx)
        yield _section(command, sub)
        if isinstance(command, click.Group):
            yield from _commands(command, sub)


def render() -> str:
    """The whole page: the introduction, `readygate` itself, then every command."""
    ctx = click.Context(main, info_name="readygate")
    return "\n\n".join([INTRO.strip(), _section(main, ctx), *_commands(main, ctx)]) + "\n"


if __name__ == "__main__":
    PAGE.parent.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote the command line reference to {PAGE}")
