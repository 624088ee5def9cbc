"""The output comparison of the classroom benchmark (benchmarks/classroom.py); the benchmark itself
runs a real JupyterHub and is not part of `make test` (`make classroom`)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from nbformat.v4 import new_output

REPO = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("classroom", REPO / "benchmarks" / "classroom.py")
classroom = importlib.util.module_from_spec(spec)
spec.loader.exec_module(classroom)


def test_stream_pieces_compare_equal_to_one_stored_stream():
    stored = [new_output("stream", name="stdout", text="Check passed: 69 events.\nDone.\n")]
    live = [{"output_type": "stream", "name": "stdout", "text": "Check passed: 69 events.\n"},
            {"output_type": "stream", "name": "stdout", "text": "Done.\n"}]
    assert classroom._comparable(live) == classroom._comparable(stored)


def test_a_different_number_is_a_mismatch():
    stored = [new_output("execute_result", data={"text/plain": "69"}, execution_count=3)]
    live = [{"output_type": "execute_result", "data": {"text/plain": "70"}, "execution_count": 3}]
    assert classroom._comparable(live) != classroom._comparable(stored)


def test_sanitized_parts_and_images_do_not_count():
    stored = [new_output("display_data", data={"image/png": "AAAA", "text/plain": "<Figure size 640x480 with 1 Axes>"}),
              new_output("execute_result", data={"text/html": '<table id="T_1a2b3">'}, execution_count=1)]
    live = [{"output_type": "display_data", "data": {"image/png": "BBBB", "text/plain": "<Figure size 800x600 with 2 Axes>"}},
            {"output_type": "execute_result", "data": {"text/html": '<table id="T_9f8e7">'}, "execution_count": 1}]
    assert classroom._comparable(live) == classroom._comparable(stored)


def test_the_table_reports_failures_with_their_phase():
    results = [{"name": "student01", "failure": None, "spawn_s": 10.0, "pull_s": 1.0, "run_s": 5.0,
                "peak_rss_mib": 300.0, "cpu_s": 11.0},
               {"name": "student02", "failure": "spawn: RuntimeError: timeout", "peak_rss_mib": 90.0, "cpu_s": 2.0}]
    row = classroom.table([{"students": 2, "wall_s": 30.0, "results": results, "hub_peak_mib": 120.0,
                            "proxy_peak_mib": 60.0}]).splitlines()[-1]
    assert row.startswith("| 2 | 10.0 / 10.0 | 1.0 / 1.0 | 5.0 / 5.0 | 30 |")
    assert "1/2: spawn: RuntimeError: timeout" in row
