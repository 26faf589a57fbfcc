"""Errors that separate bad input from bugs; the CLI maps each to one line and an exit code."""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose."""

    exit_code = 1


class InputError(PipelineError):
    """The input cannot be read: missing, a directory, empty, undecodable, corrupt."""

    exit_code = 3


class LimitError(InputError):
    """The input is over a hard limit (pipeline/limits.py): refused before it can exhaust the machine.

    The message names the limit and the option that raises it, or says that none does.
    """

    exit_code = 3


class UnsupportedFormatError(InputError):
    """A format we recognise but do not read (.doc, .wps, .ofd, .rtf) or do not know."""

    exit_code = 4


class NeedsOcrError(InputError):
    """A PDF with no text layer (a scan): it needs OCR before it can be parsed."""

    exit_code = 5


class NoTasksError(PipelineError):
    """The input was read but holds no recognisable tasks."""

    exit_code = 6


class StrictModeError(PipelineError):
    """`--strict` and the result carries warnings or errors."""

    exit_code = 7


class StageError(PipelineError):
    """A stage failed on input it should have handled: a bug, reported without a traceback."""

    exit_code = 70
