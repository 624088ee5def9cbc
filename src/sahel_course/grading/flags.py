"""Every flag a row of ``grades.csv`` can carry: what it tells the instructor, and the
neutral words a student sees in their feedback (``None``: not shown to the student)."""
from __future__ import annotations

#: flag -> (for the instructor, for the student or None)
FLAGS: dict[str, tuple[str, str | None]] = {
    "no_sandbox": ("graded WITHOUT the sandbox (--no-sandbox): student code ran with the grader's rights", None),
    "unreadable": ("the file is not a readable notebook; score 0", "Your file could not be opened as a notebook."),
    "too_large": ("the notebook file is larger than the size limit; not graded", "Your file was too large to grade."),
    "unknown_set": ("the notebook is not one of the course's exercise sets; not graded",
                    "This notebook is not one of the course's exercise sets."),
    "kernel_died": ("the run did not end normally (crash, memory or time limit, or the runner was killed); "
                    "no score was taken from it", "Your notebook stopped before the end, so it could not be graded "
                    "automatically; your instructor will look at it."),
    "time_limit": ("the whole run used more CPU or wall-clock time than allowed and was stopped",
                   "Your notebook ran longer than the time limit."),
    "cell_timeout": ("a cell used more CPU time than allowed and was interrupted; the rest was graded",
                     "A cell ran longer than the time limit and was stopped; the rest was graded."),
    "memory_limit": ("the sandbox reached its memory limit", "Your notebook used more memory than allowed."),
    "process_limit": ("the sandbox reached its process limit", "Your notebook started more processes than allowed."),
    "output_truncated": ("a cell printed more than the output limit; the output was cut (answers still graded)",
                         "Some output was very long and was cut."),
    "answers_unreadable": ("the answers could not be read back from the sandbox; no score",
                           "Your answers could not be read; your instructor will look at it."),
    "wrong_type": ("at least one answer had the wrong type", None),
    "extra_cells": ("the notebook has code or text in cells that are not answer cells (kept and run)",
                    "Some of your work is in cells you added; it was included."),
    "written_outside_answer_cell": ("a written answer cell is empty but text was found in other cells: read it in "
                                    "written/ or the results file", "Your written answer was found outside its answer "
                                                                    "cell; your instructor will read it there."),
    "altered_locked_cell": ("a locked cell (instructions or checks) was edited or deleted; the original was used",
                            "A cell you were not meant to edit was changed; the original was used."),
    "missing_answer_cell": ("an answer cell was deleted; a blank one was put back", None),
    "malformed_cells": ("some cells were not valid notebook cells and were left out (listed in the notes)", None),
    "several_notebooks": ("several notebooks for this set: each was graded, the best one counts (see notes)",
                          "You handed in more than one notebook for this set; the best one counts."),
    "not_in_set_folder": ("the notebook was not in a set folder; it was identified from its contents", None),
    "wrong_set_folder": ("the notebook was in another set's folder; it was graded as the set it is", None),
    "odd_name": ("the student folder's name was not plain UTF-8/NFC; shown normalised", None),
    "course_error": ("the course itself failed (the solution or a setup cell did not run): not the student's fault; "
                     "see the message printed once for the batch, fix it and grade again",
                     "Your notebook could not be graded because of a problem on the course's side; "
                     "your instructor has been told."),
    "grader_error": ("the grader could not run this submission (see the log); grade it again",
                     "Your notebook could not be graded this time; your instructor has been told."),
}


def for_instructor(flag: str) -> str:
    return FLAGS.get(flag, (flag, None))[0]


def for_student(flag: str) -> str | None:
    return FLAGS.get(flag, (None, None))[1]
