"""Alembic's environment: migrate the connection `assessments.store.sqlmigrate` hands over."""

from __future__ import annotations

from alembic import context

from assessments.store.sqlschema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
