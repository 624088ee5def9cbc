"""Step 6, score (trusted): points per question from the checks; never more than the maximum.

Points come from the source notebook; a question scores its points only when its
check passed. A run that did not end normally (``kernel_died``, ``grader_error``,
``answers_unreadable``) scores nothing from its output, and says so.

>>> from sahel_course.grading.spec import Question
>>> from sahel_course.grading.check import Result
>>> qs = [Question("a", "Question 1", 1.0, "auto", "x"), Question("b", "Question 2", 2.0, "auto", "y")]
>>> score(qs, {"a": Result("passed", ""), "b": Result("wrong", "")})
(1.0, 3.0)
"""
from __future__ import annotations


def score(questions, results: dict) -> tuple[float, float]:
    """``(points earned, points possible)`` over the autograded ``questions``."""
    earned = possible = 0.0
    for q in questions:
        if q.kind != "auto":
            continue
        possible += q.points
        r = results.get(q.grade_id)
        if r is not None and r.status == "passed":
            earned += q.points
    return min(earned, possible), possible
