"""What a report shows: its context, charts and the confidential appendix."""
