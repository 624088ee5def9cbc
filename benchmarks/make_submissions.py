"""Generate a folder of simulated student submissions for the grading benchmark.

    .venv/bin/python benchmarks/make_submissions.py OUT [--n 50] [--sets ex02_sources ex05_voices] [--seed 2023]

Writes OUT/<student>/<set>/<set>.ipynb: a fixed-seed mix of solved (about 40 %),
partly solved (about 40 %: a random subset of the answers filled in, one of them
possibly wrong) and blank (released, untouched) notebooks, made from the released
student versions (``sahel-course release``) and the solutions in exercises/source.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

import nbformat

from sahel_course._paths import course_root
from sahel_course.grading.releasing import release
from sahel_course.grading.simulate import fill_answers

DEFAULT_SETS = ["ex02_sources", "ex05_voices"]


def make_submissions(out, n=50, sets=DEFAULT_SETS, seed=2023, course=None, released=None):
    """Write ``n`` submissions (spread over ``sets``) into ``out``; return [(student, set, kind)]."""
    rng = random.Random(seed)
    out = Path(out)
    course = Path(course) if course else course_root() / "exercises"
    with tempfile.TemporaryDirectory(prefix="sahel-bench-release-") as tmp:
        rel = Path(released) if released else release(sets, course=course, out=tmp, quiet=True)
        made = []
        for i in range(n):
            set_name = sets[i % len(sets)]
            student = f"student{i // len(sets) + 1:03d}"
            src = Path(course) / "source" / set_name / f"{set_name}.ipynb"
            rel_nb = rel / set_name / f"{set_name}.ipynb"
            kind = rng.choices(["solved", "partial", "blank"], weights=[4, 4, 2])[0]
            if kind == "blank":
                nb = nbformat.read(str(rel_nb), as_version=4)
            else:
                ids = [c.metadata["nbgrader"]["grade_id"] for c in nbformat.read(str(src), as_version=4).cells
                       if c.metadata.get("nbgrader", {}).get("solution")]
                chosen = set(ids) if kind == "solved" else set(rng.sample(ids, rng.randint(1, len(ids) - 1)))
                nb = fill_answers(rel_nb, src, chosen)
                if kind == "partial" and rng.random() < 0.5:  # one confidently wrong answer
                    for c in nb.cells:
                        gid = c.metadata.get("nbgrader", {}).get("grade_id", "")
                        if gid in chosen and c.cell_type == "code":
                            c.source += "\nanswer_" + gid.split("_")[0] + " = 'a wrong answer'"
                            break
            d = out / student / set_name
            d.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, str(d / f"{set_name}.ipynb"))
            made.append((student, set_name, kind))
    return made


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out")
    p.add_argument("--n", type=int, default=50)
    p.add_argument("--sets", nargs="+", default=DEFAULT_SETS)
    p.add_argument("--seed", type=int, default=2023)
    a = p.parse_args(argv)
    made = make_submissions(a.out, a.n, a.sets, a.seed)
    kinds = {k: sum(1 for *_, x in made if x == k) for k in ("solved", "partial", "blank")}
    print(f"wrote {len(made)} submissions to {a.out}: {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
