"""Benchmark of the text toolkit (text.py, compare.py, distinctive.py).

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_toolkit.py``
(never part of ``make test``). Builds synthetic corpora of 1,000 and 10,000
articles by resampling the paragraphs of the seed articles (fixed random seed;
each synthetic article takes the outlet of a random seed article and as many
paragraphs as that article has, drawn with replacement from that outlet's
paragraphs), then times:

* counting: ``word_counts(by="id")`` and ``word_counts(by="outlet")`` against
  scikit-learn's ``CountVectorizer`` (same token pattern, ``lowercase=True``);
* ``kwic`` for "Wagner" and "transitional government";
* ``one_vs_rest(by="outlet")`` (Fightin' Words);
* ``naming_table`` with data/naming.csv.

Wall time is the best of ``--repeat`` runs (default 3; the machine may be shared);
peak memory is measured in a separate run under ``tracemalloc`` (Python and
numpy allocations). Targets: counting within 1.5x of CountVectorizer; 10k/1k
time ratio <= 12; kwic over 10k articles under 2 s.

Options: ``--sizes 1000 10000``, ``--repeat 3``, ``--no-memory``, ``--markdown``
(print a Markdown table too).
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import pandas as pd

from sahel_course.compare import kwic, naming_table, word_counts
from sahel_course.corpus import load_corpus
from sahel_course.distinctive import one_vs_rest
from sahel_course.reference import load_naming
from sahel_course.text import TOKEN_PATTERN, paragraphs

SEED = 20230630  # the day resolution 2690 ended MINUSMA's mandate


def synthetic_corpus(seed_corpus: pd.DataFrame, n: int, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    by_outlet: dict[str, list[str]] = {}
    lengths = []
    for outlet, text in zip(seed_corpus["outlet"], seed_corpus["text"]):
        paras = paragraphs(text)
        by_outlet.setdefault(outlet, []).extend(paras)
        lengths.append((outlet, len(paras)))
    picks = rng.integers(0, len(lengths), size=n)
    ids, outlets, texts = [], [], []
    for k, p in enumerate(picks):
        outlet, n_paras = lengths[p]
        pool = by_outlet[outlet]
        chosen = rng.integers(0, len(pool), size=n_paras)
        ids.append(f"synthetic-{k:05d}")
        outlets.append(outlet)
        texts.append("\n\n".join(pool[i] for i in chosen))
    dates = pd.to_datetime("2021-01-01") + pd.to_timedelta(rng.integers(0, 900, size=n), unit="D")
    return pd.DataFrame({"id": ids, "outlet": outlets, "published": dates, "text": texts})


def timed(func: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Best wall time and best CPU time (process_time) of ``repeat`` runs, and the result."""
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        result = None
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        result = func()
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best_wall, best_cpu, result


def peak_mib(func: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        func()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args(argv)

    from sklearn.feature_extraction.text import CountVectorizer

    seed_corpus = load_corpus()
    naming = load_naming()

    results: dict[tuple[str, int], tuple[float, float, float | None]] = {}
    info: dict[int, str] = {}
    for n in args.sizes:
        corpus = synthetic_corpus(seed_corpus, n)
        texts = list(corpus["text"])
        n_chars = sum(map(len, texts))
        repeat = args.repeat
        cv_same = CountVectorizer(token_pattern=TOKEN_PATTERN, lowercase=True)
        cv_default = CountVectorizer()
        tasks: dict[str, Callable[[], object]] = {
            "word_counts(by='id')": lambda: word_counts(corpus, by="id"),
            "word_counts(by='outlet')": lambda: word_counts(corpus, by="outlet"),
            "CountVectorizer (same token pattern)": lambda: cv_same.fit_transform(texts),
            "CountVectorizer (default pattern)": lambda: cv_default.fit_transform(texts),
            "kwic('Wagner')": lambda: kwic(corpus, "Wagner"),
            "kwic('transitional government')": lambda: kwic(corpus, "transitional government"),
            "one_vs_rest(by='outlet')": lambda: one_vs_rest(corpus, by="outlet"),
            "naming_table (naming.csv)": lambda: naming_table(corpus, naming),
        }
        wc = word_counts(corpus)
        n_words = int(wc.to_numpy().sum())
        info[n] = f"{n:,} articles, {n_words:,} words, {n_chars / 2**20:.1f} MiB of text, {len(wc):,} distinct words"
        print(f"\n== {info[n]}", flush=True)
        del wc
        for name, func in tasks.items():
            seconds, cpu, res = timed(func, repeat)
            extra = f"{len(res):,} rows" if hasattr(res, "__len__") and not hasattr(res, "nnz") else ""
            mem = None if args.no_memory else peak_mib(func)
            results[(name, n)] = (seconds, cpu, mem)
            mem_s = "" if mem is None else f"  peak {mem:8.1f} MiB"
            print(f"{name:40s} wall {seconds:8.3f} s  cpu {cpu:8.3f} s{mem_s}  {extra}", flush=True)
            del res

    print("\n== ratios (wall time; CPU time in brackets)")
    lines = []

    def ratio(a: tuple, b: tuple) -> str:
        return f"{a[0] / b[0]:.2f} [{a[1] / b[1]:.2f}]"

    for n in args.sizes:
        ours = results[("word_counts(by='id')", n)]
        ours_outlet = results[("word_counts(by='outlet')", n)]
        cv = results[("CountVectorizer (same token pattern)", n)]
        lines.append(f"n={n:>6,}: word_counts(by='id') / CountVectorizer = {ratio(ours, cv)} (target <= 1.5); "
                     f"word_counts(by='outlet') / CountVectorizer = {ratio(ours_outlet, cv)}")
    if len(args.sizes) >= 2:
        small, big = min(args.sizes), max(args.sizes)
        for name in dict.fromkeys(k for k, _ in results):
            r = ratio(results[(name, big)], results[(name, small)])
            lines.append(f"{name:40s} {big:,}/{small:,} time ratio = {r} (target <= 12)")
        for name in ("kwic('Wagner')", "kwic('transitional government')"):
            secs = results[(name, big)][0]
            lines.append(f"{name:40s} at {big:,} articles: {secs:.3f} s wall (target < 2 s)")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    lines.append(f"load average at the end: {load[0]:.2f} on {os.cpu_count()} CPUs" if load else "")
    print("\n".join(lines))

    if args.markdown:
        head = " | ".join(f"{n:,}: wall s | {n:,}: CPU s | {n:,}: peak MiB" for n in args.sizes)
        print(f"\n| task | {head} |")
        print("|---|" + "---:|---:|---:|" * len(args.sizes))
        for name in dict.fromkeys(k for k, _ in results):
            cells = []
            for n in args.sizes:
                secs, cpu, mem = results[(name, n)]
                cells += [f"{secs:.3f}", f"{cpu:.3f}", "-" if mem is None else f"{mem:.1f}"]
            print(f"| {name} | " + " | ".join(cells) + " |")
        print()
        for n in args.sizes:
            print(f"- {info[n]}")
        print(f"- Python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}, "
              f"{platform.machine()}, {platform.system()}, {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
