"""Alembic's migrations of the PostgreSQL store's schema (`readygate db upgrade`)."""
