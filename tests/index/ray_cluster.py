"""A real Ray cluster on this machine for the tests: a head node and a worker
node, each a ``ray start --block`` process in its own session, so that a
test can kill one node (SIGKILL to its process group) and the fixture can
stop both. Nothing here calls ``ray stop``, which would stop every Ray
process of the machine, not only these."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT

RAY = str(Path(sys.executable).with_name("ray"))
# Small object stores: the tests move a few MB; Ray's default is 30 % of RAM.
STORE_BYTES = 150_000_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    address: str
    temp: Path
    head: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)

    def add_worker(self, cpus: int = 1) -> subprocess.Popen:
        worker = _start(
            [f"--address={self.address}", f"--num-cpus={cpus}"], self.temp / "worker.log"
        )
        self.workers.append(worker)
        return worker

    def runs(self, node: subprocess.Popen, pid: int) -> bool:
        """Whether process ``pid`` belongs to ``node`` (descends from it)."""
        return _descends(pid, node.pid)

    def kill(self, node: subprocess.Popen) -> None:
        """SIGKILL the node's own processes: ``ray start``, its raylet and
        the rest of its session (its workers exit when their raylet dies)."""
        os.killpg(node.pid, signal.SIGKILL)
        node.wait()
        self.workers = [w for w in self.workers if w is not node]

    def wait_for(self, cpus: int, timeout: float = 60) -> None:
        """Until the cluster's live nodes offer ``cpus`` CPUs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.head.poll() is not None:
                raise RuntimeError(f"the head node exited: see {self.temp / 'head.log'}")
            status = subprocess.run(
                [RAY, "status", f"--address={self.address}"],
                capture_output=True,
                text=True,
                env={**os.environ, **ENV},
            )
            if status.returncode == 0 and f"/{cpus}.0 CPU" in status.stdout:
                return
            time.sleep(0.5)
        raise TimeoutError(f"the cluster did not reach {cpus} CPUs: {status.stdout[-500:]}")

    def stop(self) -> None:
        for node in [*self.workers, self.head]:
            _stop(node)
        shutil.rmtree(self.temp, ignore_errors=True)


def start_cluster(head_cpus: int = 1, worker_cpus: int = 1) -> Cluster:
    # Ray's socket paths must fit in 107 bytes: a short folder under /tmp.
    temp = Path(tempfile.mkdtemp(prefix="rq-", dir="/tmp"))
    port = free_port()
    head = _start(
        [
            "--head",
            f"--port={port}",
            f"--num-cpus={head_cpus}",
            "--include-dashboard=false",
            f"--temp-dir={temp}",
        ],
        temp / "head.log",
    )
    cluster = Cluster(f"127.0.0.1:{port}", temp, head)
    try:
        _wait_for_port(port, head)
        if worker_cpus:
            cluster.add_worker(worker_cpus)
        cluster.wait_for(head_cpus + worker_cpus)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _wait_for_port(port: int, head: subprocess.Popen, timeout: float = 60) -> None:
    """Until the head's GCS accepts connections: then a worker may join."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and head.poll() is None:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the head node did not start (exit code {head.poll()})")


# Every process of the test cluster (nodes, drivers, `ray status`) alike: a
# token left in ~/.ray by another local cluster must not switch some to token
# authentication and not others.
ENV = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}


def _start(args: list[str], log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        **ENV,
        # The workers import the tests' own encoders (tests.index.ray_encoders).
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.Popen(
        [RAY, "start", "--block", "--disable-usage-stats", f"--object-store-memory={STORE_BYTES}"]
        + args,
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _descends(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return False
        pid = int(status.split("PPid:")[1].split()[0])
    return False


def _stop(node: subprocess.Popen) -> None:
    """Stop the node's process group, then any of its processes that run in
    a session of their own (Ray's workers), each by its id."""
    if node.poll() is not None:
        return
    own = [int(p) for p in os.listdir("/proc") if p.isdigit() and _descends(int(p), node.pid)]
    os.killpg(node.pid, signal.SIGTERM)
    try:
        node.wait(3)
    except subprocess.TimeoutExpired:
        os.killpg(node.pid, signal.SIGKILL)
        node.wait()
    for pid in own:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
