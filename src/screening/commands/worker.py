"""`screening worker`: a Celery worker that screens chunks of jobs; `--ping` is its health check.

The worker runs Celery's prefork pool: the main process talks to the broker (and answers pings
and inspections even while a chunk runs), each child process screens chunks with its own match
index, built once and kept. `--concurrency` children per worker; one per core is the rule. A
child killed mid-chunk (out of memory, SIGKILL) is replaced and its chunk requeued at once
(reject on worker lost); a whole worker killed leaves its chunk unacknowledged, and another
worker takes it after the visibility timeout.
"""

from __future__ import annotations

import argparse
import logging
import logging.config
import socket
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from celery import Celery

from screening.config import load_settings
from screening.metrics_dir import use_multiprocess_dir
from screening.queue.app import create_celery, queue_name
from screening.store.db import make_engine, migrate

EXIT_NOT_CONFIGURED = 2
EXIT_NO_REPLY = 1
DEFAULT_NODE_NAME = "screening@%h"


def spawn_worker(
    name: str, log_path: Path, environment: Mapping[str, str], *, metrics_port: int = 0
) -> subprocess.Popen[bytes]:
    """Start `screening worker` (one pool child) as a child process logging to `log_path`, in its
    own process group so that killpg reaches its pool child too."""
    command = [sys.executable, "-m", "screening", "worker", "--name", name, "--concurrency", "1"]
    if metrics_port:
        command += ["--metrics-port", str(metrics_port)]
    with log_path.open("wb") as log_file:
        return subprocess.Popen(
            command,
            env=dict(environment),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def node_name(template: str) -> str:
    """The Celery node name, `%h` replaced by this machine's host name (as Celery does)."""
    return template.replace("%h", socket.gethostname())


def worker(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not settings.broker_url:
        print(
            "screening worker: set SCREENING_BROKER_URL (e.g. redis://host:6379/0)", file=sys.stderr
        )
        return EXIT_NOT_CONFIGURED
    # Before the tasks (and prometheus-client) are imported: the pool children count into the
    # directory the main process serves at --metrics-port (and a server on this machine with
    # the same data directory adds them to its own /metrics).
    use_multiprocess_dir(settings.data_dir / "metrics")
    from screening.api.access_log import logging_config
    from screening.queue.tasks import register_tasks, set_node_name

    app = create_celery(settings)
    register_tasks(app)
    name = node_name(args.name)
    if args.ping:
        return ping(app, name)
    logging.config.dictConfig(logging_config(settings.log_format, args.loglevel.upper()))
    logging.getLogger(__name__).info("worker %s: settings %r", name, settings)  # repr hides secrets
    if args.metrics_port:
        serve_metrics(args.metrics_port)
    # The worker may start before the API: bring the schema up first (migrations take a lock).
    engine = make_engine(settings.database_url)
    migrate(engine)
    engine.dispose()  # before the pool forks: children open their own connections
    set_node_name(name)
    app.worker_main(
        [
            "worker",
            f"--hostname={name}",
            f"--queues={queue_name(settings)}",
            "--pool=prefork",
            f"--concurrency={args.concurrency}",
            f"--loglevel={args.loglevel.upper()}",
            "--without-gossip",
            "--without-mingle",
        ]
    )
    return 0


def serve_metrics(port: int) -> None:
    """GET /metrics on `port` (any path answers), in a thread of the worker's main process:
    what every process of this worker counted."""
    from prometheus_client import start_http_server

    from screening.metrics import multiprocess_registry

    start_http_server(port, registry=multiprocess_registry())


def ping(app: Celery, name: str) -> int:
    """0 when the worker `name` answers over the broker within a few seconds."""
    replies = app.control.ping(destination=[name], timeout=5.0)
    if any(name in reply for reply in replies):
        return 0
    print(f"screening worker: {name} did not answer", file=sys.stderr)
    return EXIT_NO_REPLY
