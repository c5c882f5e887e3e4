"""``claims review`` in a real terminal (tmux): single keys without Enter, colours, and nothing lost
when the process is killed midway. Skipped, with the reason shown, when tmux is not installed."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claims.db import open_store
from test_review import Flood

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install -y tmux): "
                                                     "real-terminal review test skipped")


class Terminal:
    """A tmux session on a private socket running one command."""

    def __init__(self, tmp_path: Path, command: str) -> None:
        self.sock = str(tmp_path / "tmux.sock")
        self.tmux("new-session", "-d", "-s", "review", "-x", "110", "-y", "45", "-c", str(tmp_path), command)

    def tmux(self, *args: str) -> str:
        r = subprocess.run([TMUX, "-S", self.sock, *args], capture_output=True, text=True, timeout=10)
        assert r.returncode == 0, r.stderr
        return r.stdout

    def screen(self, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-200", *(["-e"] if escapes else []), "-t", "review")

    def wait_for(self, text: str, count: int = 1, timeout: float = 15.0) -> str:
        end = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if screen.count(text) >= count:
                return screen
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} (x{count}) did not appear; screen:\n{screen}")
            time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "review", *keys)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "review", "#{pane_pid}").strip())

    def close(self) -> None:
        subprocess.run([TMUX, "-S", self.sock, "kill-server"], capture_output=True, timeout=10)


def test_review_in_a_real_terminal_then_killed_midway(tmp_path):
    f = Flood(str(tmp_path / "claims.db"), tmp_path)
    env = "CLAIMS_LOAD_ENTRYPOINTS=0 TERM=xterm-256color"
    command = f"exec env {env} {shlex.quote(sys.executable)} -m claims review --db {shlex.quote(f.db)} --reviewer tess"
    term = Terminal(tmp_path, command)
    try:
        prompt = "v/f/m/e/x/p  d/c/r  n  s  u  q  ? >"  # u is undo since issue 13; e unverifiable
        screen = term.wait_for(prompt)
        assert "1/3" in screen and f.parts in screen and "150 killed + 240 injured = 390" in screen
        colour = term.screen(escapes=True)
        assert "\x1b[" in colour  # a real terminal gets colours and bold

        term.keys("f")  # one key, no Enter
        term.wait_for(f"saved: {f.parts} false by tess")
        screen = term.wait_for(prompt, count=2)
        assert "2/3" in screen and f.conflict_claim in screen and "Related claims in other documents" in screen

        term.keys("d")   # its one conflict flag (a total above the previous day's sum of parts is growth)
        term.wait_for("Reason for dismissing")
        term.keys("Different counting periods", "Enter")
        term.wait_for("dismissed (Different counting periods) by tess")
        term.wait_for(prompt, count=3)

        os.kill(term.pid(), signal.SIGKILL)  # killed while waiting for the next key
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(term.pid(), 0)
            except (AssertionError, ProcessLookupError, ValueError):
                break
            time.sleep(0.05)
    finally:
        term.close()

    store = open_store(f.db)
    try:
        got = [(d.target_id, d.status, d.reason, d.reviewer) for d in store.reader().decisions()]
    finally:
        store.close()
    first_conflict = f.b["claims"][0]["flags"][0]["id"]
    assert got == [(f.parts, "false", None, "tess"),
                   (first_conflict, "dismissed", "Different counting periods", "tess")]
