"""E-mail to respondents: invitations, reminders and replacement links, over SMTP."""
