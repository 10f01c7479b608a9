"""Linear time on pathological inputs: `clean_text` on 1 MB and 4 MB of each shape.

    python tests/bench/bench_linear.py [--repeat N] [--shapes a,b] [--cap SECONDS] [--wall] [--profile SHAPE]

Each shape is one unit (a line, a block, a whitespace mix) repeated up to the size.
A linear engine takes about 4x as long on 4 MB as on 1 MB; the target is at most
5.5x (headroom for noise and allocation) and under 4 s for 4 MB. Prints one row per
shape: best-of-N seconds for 1 MB and 4 MB, their ratio, and OK or SLOW. Exits 1
when a shape misses the target. Needs no benchmark data.

Times are the process's CPU time (`time.process_time`), which a machine shared with
other jobs inflates far less than wall time; --wall times by the clock instead.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import signal
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
import cleaner  # noqa: E402
from linear_shapes import SHAPES  # noqa: E402

MB = 1_000_000
MAX_RATIO = 5.5
MAX_SECONDS_4MB = 4.0

def make(unit: str, size: int) -> str:
    """`unit` repeated to `size` characters (cut at a unit boundary)."""
    return unit * max(size // len(unit), 1)


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def timed(text: str, repeat: int, cap: float, wall: bool = False) -> float:
    """Best-of-`repeat` seconds of `clean_text(text)`, or `cap` when a run exceeds it.

    CPU seconds of this process (a timer of its CPU time enforces the cap), or with
    `wall` seconds by the clock."""
    clock, timer, sig = (
        (time.perf_counter, signal.ITIMER_REAL, signal.SIGALRM) if wall
        else (time.process_time, signal.ITIMER_VIRTUAL, signal.SIGVTALRM)
    )
    best = float("inf")
    for _ in range(repeat):
        signal.signal(sig, _alarm)
        signal.setitimer(timer, cap)
        start = clock()
        try:
            cleaner.clean_text(text)
        except _Timeout:
            return cap
        finally:
            signal.setitimer(timer, 0)
        best = min(best, clock() - start)
    return best


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    ap.add_argument("--cap", type=float, default=60.0, help="give up on a run after this many seconds")
    ap.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    ap.add_argument("--profile", default="", help="profile the 4 MB run of this shape instead")
    args = ap.parse_args(argv)
    cleaner.clean_text("Warm up the rule caches. " * 3)
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(cleaner.clean_text, make(SHAPES[args.profile], 4 * MB))
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return 0
    names = [n for n in args.shapes.split(",") if n] or list(SHAPES)
    print(f"{'shape':22} {'1 MB s':>8} {'4 MB s':>8} {'ratio':>6}")
    failed = []
    for name in names:
        small = timed(make(SHAPES[name], MB), args.repeat, args.cap, args.wall)
        large = timed(make(SHAPES[name], 4 * MB), args.repeat, args.cap, args.wall)
        ratio = large / small if small else float("inf")
        ok = ratio <= MAX_RATIO and large < MAX_SECONDS_4MB
        capped = " (capped)" if args.cap in (small, large) else ""
        print(f"{name:22} {small:8.2f} {large:8.2f} {ratio:6.1f} {'OK' if ok else 'SLOW'}{capped}", flush=True)
        if not ok:
            failed.append(name)
    if failed:
        print("slow:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
