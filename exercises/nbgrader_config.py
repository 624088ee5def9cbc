"""nbgrader configuration for the course's exercises (run nbgrader from this folder).

    cd exercises
    ../.venv/bin/nbgrader generate_assignment ex01_story --force   # -> release/ex01_story/
    ../.venv/bin/nbgrader autograde ex01_story --force              # submitted/<student>/ex01_story/

nbgrader shells out to `alembic`: put .venv/bin on PATH first (export PATH="$PWD/../.venv/bin:$PATH").
The course's own tool, `sahel-course release|grade`, uses these sources directly.
"""
c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "sahel-sources"
c.CourseDirectory.root = "."
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
# Feedback must never show hidden tests.
c.ClearHiddenTests.enforce_metadata = True
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
]
c.ExecutePreprocessor.timeout = 60
