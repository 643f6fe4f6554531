"""Signed webhooks: events from the store, kept in an outbox document, delivered over HTTP.

`events` turns new responses and changed roll-ups into events (pure); `outbox` keeps them
in the store's `webhooks` document with each receiver's delivery state (pure changes of
that document); `sign` signs a body as receivers verify it; `send` posts one delivery;
`deliver` runs a pass: collect, claim, send outside the lock, record.
"""
