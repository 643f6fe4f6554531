"""The production server: gunicorn with N worker processes, in this process's place.

The app is made once and the workers are forked from it (`preload_app`), so the
definitions load once. The TinyDB store is safe across processes (a file lock, atomic
replaces), and sessions and CSRF tokens are signed with the data directory's one secret key,
so any worker serves any request.
"""

from __future__ import annotations

from typing import Any

from flask import Flask


def run(app: Flask, host: str, port: int, workers: int) -> None:
    """Serve `app` on host:port with `workers` processes until stopped."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {"bind": f"{host}:{port}", "workers": workers,
                               "preload_app": True, "accesslog": "-",
                               "timeout": 120}.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    Server().run()
