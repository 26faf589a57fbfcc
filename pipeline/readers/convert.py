"""Legacy word-processor files (.doc, .wps, .rtf) read through LibreOffice, then as .docx.

No Python library reads the Word 97-2003 binary format (or Kingsoft's .wps, a variant of it) with
its tables and list numbers; LibreOffice does, and every office that has it can repeat the step.
`soffice --headless --convert-to docx` runs in a throw-away profile (-env:UserInstallation in a
temporary folder: no lock on, or damage to, the user's own profile, and two runs at once do not
collide), with stdin closed and a timeout after which its whole process group is killed. The
.docx it writes goes through the .docx reader and its limits; the result keeps the carrier's own
format (doc, wps, rtf) and records the step in `RawDocument.metadata["converted"]`. Without
LibreOffice the error says how to install it or to save the file as .docx (exit 4).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pipeline.document import RawDocument
from pipeline.errors import InputError, UnsupportedFormatError
from pipeline.limits import Limits
from schemas.notice import SourceFormat

DEFAULT_TIMEOUT = 120.0  # seconds; a first start in a fresh profile takes 2-5 s, a long .doc a few more
PROGRAMS = ("soffice", "libreoffice")
WHAT = {
    SourceFormat.doc: "a Word 97-2003 .doc file",
    SourceFormat.wps: "a WPS Office .wps file",
    SourceFormat.rtf: "an RTF file",
}
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
    "or https://www.libreoffice.org) or open it in Word/WPS and save it as .docx"
)


def find_soffice() -> str | None:
    return next((found for name in PROGRAMS if (found := shutil.which(name))), None)


def convert_to_docx(path: Path, data: bytes, fmt: SourceFormat, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The .docx LibreOffice makes of `data`; UnsupportedFormatError without LibreOffice."""
    soffice = find_soffice()
    if soffice is None:
        raise UnsupportedFormatError(
            f"{path}: {WHAT[fmt]} is read through LibreOffice, not found: {INSTALL_HINT}"
        )
    with tempfile.TemporaryDirectory(prefix="notice-parse-convert-") as tmp:
        work = Path(tmp)
        src = work / f"input.{fmt.value}"
        src.write_bytes(data)
        out = work / "out"
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(src),
        ]
        env = {**os.environ, "HOME": str(work)}  # LibreOffice writes caches under $HOME too
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group, so a timeout kills oosplash and soffice.bin
        )
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise InputError(f"{path}: LibreOffice did not convert it within {timeout:g} s") from None
        target = out / "input.docx"
        if not target.exists():
            said = [ln for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
            reason = said[-1].strip()[:200] if said else f"exit {proc.returncode}"
            raise InputError(f"{path}: LibreOffice could not convert {WHAT[fmt]} to .docx ({reason})")
        return target.read_bytes()


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> RawDocument:
    from pipeline.readers import docx, sniff

    limits = limits or Limits()
    fmt = sniff(path, data)
    converted = convert_to_docx(path, data, fmt)
    doc = docx.read(path, converted, sha256, limits)  # sha256 stays the input's own
    doc.format = fmt
    doc.metadata["converted"] = f"LibreOffice: .{fmt.value} -> .docx"
    return doc
