"""Comments without names: the newest few, in an order that says nothing about who."""

from __future__ import annotations

from scoring.privacy import COMMENTS_SHOWN, comments, newest


def test_comments_quote_the_newest_few_and_count_the_rest() -> None:
    written = [f"Comment {n:03d}" for n in range(40, 0, -1)]  # newest first
    found = comments(written, min_group=3, people=40)
    assert found.quoted == tuple(f"Comment {n:03d}" for n in range(31, 41))
    assert len(found.quoted) == COMMENTS_SHOWN and found.more == 30


def test_the_order_of_quoted_comments_says_nothing_about_who_wrote_them() -> None:
    found = newest(["zebra crossing", "Apple", "mango", "apple pie"], limit=3)
    assert found.quoted == ("Apple", "mango", "zebra crossing")
    assert found.more == 1


def test_the_same_comment_twice_is_quoted_and_counted_once() -> None:
    found = newest(["Slow on Mondays.", " Slow on Mondays. ", "", "   ", "Fine."], limit=1)
    assert found.quoted == ("Slow on Mondays.",) and found.more == 1


def test_too_few_people_and_nothing_is_quoted() -> None:
    found = comments(["Only Sam would say this."], min_group=3, people=2)
    assert found.quoted == () and found.more == 0
