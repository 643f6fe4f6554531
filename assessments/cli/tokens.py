"""`readygate token`: create, list and revoke the API tokens that open the JSON API."""

from __future__ import annotations

import click

from assessments.cli.group import friendly, main, open_store


@main.group(name="token")
def token_group() -> None:
    """Create, list and revoke API tokens: a seller's key to the JSON API at /api.

    A token acts as its seller; it is printed once and only its SHA-256 is stored."""


@token_group.command()
@click.argument("user")
@click.option("--label", default="", metavar="TEXT",
              help="What the token is for, e.g. \"CRM sync\" (`token list` shows it).")
@friendly
def create(user: str, label: str) -> None:
    """Create an API token for the seller USER and print it, this once only."""
    from assessments.store import apitokens

    made, token = apitokens.create(open_store(), user, label)
    # The token alone on standard output, so that TOKEN=$(readygate token create …) works.
    click.echo(f"created API token {made.id} for {made.user}; it is shown only now, keep it "
               "secret:", err=True)
    click.echo(token)


@token_group.command(name="list")
@friendly
def list_() -> None:
    """List the API tokens: id, user, label, created, revoked (never a token)."""
    from assessments.store import apitokens

    found = apitokens.tokens(open_store())
    if not found:
        click.echo("no API tokens yet: `readygate token create USER` makes one")
        return
    rows = [("id", "user", "label", "created", "revoked")] + [
        (t.id, t.user, t.label or "—", t.created_at, t.revoked_at or "no") for t in found]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
                   + "  " + row[4])


@token_group.command()
@click.argument("ident", metavar="ID")
@friendly
def revoke(ident: str) -> None:
    """Revoke the API token ID (`token list` shows the ids): it opens nothing from now on."""
    from assessments.store import apitokens

    revoked = apitokens.revoke(open_store(), ident)
    label = f", {revoked.label}" if revoked.label else ""
    click.echo(f"revoked {revoked.id} ({revoked.user}{label}) at {revoked.revoked_at}: it no "
               "longer opens the API")
