"""What every benchmark's results header says about the machine: architecture, cores, CPU model
and load. Timings are only comparable within one run on one machine, so each record names it."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model(default: str = "unknown CPU") -> str:
    """The CPU's model name from /proc/cpuinfo ("AMD EPYC"), or `default` where there is none."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return default


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages (NaN where the system has none)."""
    nan = float("nan")
    return os.getloadavg() if hasattr(os, "getloadavg") else (nan, nan, nan)


def machine() -> str:
    """Architecture, cores, CPU model and load, for the results header."""
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {cpu_model()}, "
        f"load average {load_average()[0]:.1f}"
    )
