"""Release: student versions of the exercise sets, made by nbgrader's own ``generate_assignment``.

nbgrader runs in a throwaway copy of the course folder (so the repository gets no
gradebook) and ``release/<set>/`` is copied to ``out``. Each released notebook also
carries ``metadata.sahel_course.set`` so the grader can tell which set it is.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from .spec import list_sets


def _course_default() -> Path:
    from sahel_course._paths import course_root

    return course_root() / "exercises"


def release(sets: list[str] | None = None, course: str | os.PathLike | None = None,
            out: str | os.PathLike | None = None, quiet: bool = False) -> Path:
    """Generate student versions of ``sets`` (default: all) with nbgrader; return the folder.

    ``out`` defaults to ``<course>/release``.
    """
    import nbformat

    course = Path(course).resolve() if course else _course_default()
    out = Path(out).resolve() if out else course / "release"
    available = list_sets(course)
    sets = list(sets) if sets else available
    unknown = [s for s in sets if s not in available]
    if unknown:
        raise SystemExit(f"release: no exercise set {unknown} in {course / 'source'}; "
                         f"available: {', '.join(available)}")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # alembic
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    with tempfile.TemporaryDirectory(prefix="sahel-release-") as tmp:
        tmpcourse = Path(tmp) / "course"
        tmpcourse.mkdir()
        shutil.copytree(course / "source", tmpcourse / "source")
        config = Config()
        if (course / "nbgrader_config.py").exists():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config())
        config.CourseDirectory.root = str(tmpcourse)
        cwd = os.getcwd()
        os.chdir(tmpcourse)
        try:
            api = NbGraderAPI(CourseDirectory(config=config), config=config)
            for s in sets:
                result = api.generate_assignment(s, force=True)
                produced = tmpcourse / "release" / s
                if not result.get("success") or not produced.is_dir():
                    raise SystemExit(f"release: nbgrader generate_assignment failed for {s}:\n"
                                     f"{result.get('log', '')}\n{result.get('error', '')}")
                for nb_path in produced.glob("*.ipynb"):
                    nb = nbformat.read(str(nb_path), as_version=4)
                    nb.metadata.setdefault("sahel_course", {})["set"] = s
                    nbformat.write(nb, str(nb_path))
                dest = out / s
                if dest.exists():
                    shutil.rmtree(dest)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(produced, dest)
                if not quiet:
                    print(f"released {s} -> {dest}")
        finally:
            os.chdir(cwd)
    return out
