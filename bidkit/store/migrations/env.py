"""Alembic environment: BidKit always passes an open connection in `config.attributes`."""

from __future__ import annotations

from alembic import context

from bidkit.model.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only BidKit's own code runs migrations
    raise RuntimeError("BidKit migrations need a connection in config.attributes")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables instead
    compare_type=True,
    # SQLite can roll back schema changes: run every pending revision in one transaction so
    # an interrupted upgrade leaves the old schema, never a revision in between.
    transactional_ddl=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
