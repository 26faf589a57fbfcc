"""Write a synthetic collection of notices for the batch benchmark, with each file's task count.

The notices with hand-made answers are a few dozen (tests/genre, the seed in inputs/, and where
present ../shared/corpus and ../shared/reference); a batch run needs thousands, of every size an
office publishes (5 to 300 tasks), in .txt, .docx and .pdf, plus the broken files a crawl brings.
Each notice here varies base notices' answers: the tasks of one base, or of several concatenated
and renumbered, cut to a prefix or an ordered subset; the markers (1. / 1、 / （1） / 第1项, and
一是…二是… folding neighbouring tasks into one); the units (swapped for a pool of county
departments, joined with 、 ， or ；, on label lines or in a trailing bracket). Varying the answer
rather than the layout keeps every file a well-formed notice with a known task count, written to
OUT_DIR/_collection.json with its carrier and bases. .docx and .pdf come from tests/render.py
(over tests/docx_builder.py and tests/pdf_builder.py, no font needed); a seed gives the same bytes
on every run (fixed zip timestamps; the PDF builder writes no date).

    python scripts/make_collection.py /tmp/collection --count 2000 --seed 1 --bad 8
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import re
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.readers.docx_numbering import format_number  # noqa: E402
from tests import render  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED_ANSWER = ROOT / "tests" / "golden" / "栾政〔2021〕2号.txt.json"  # parser output for inputs/
DEFAULT_MIX = {"txt": 0.60, "docx": 0.25, "pdf": 0.15}
DEFAULT_MIN_TASKS, DEFAULT_MAX_TASKS = 5, 300
DEFAULT_JOBS = min(os.cpu_count() or 1, 8)  # the bytes do not depend on it
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MANIFEST = "_collection.json"
STYLES = ("1.", "1、", "（1）", "第1项")
SEPARATORS = ("、", "，", "；")
ROLES = (("lead", "牵头单位"), ("responsible", "责任单位"), ("supporting", "配合单位"))
ORDINALS = "一二三四五六七八九十"
POOL_NAMES = (
    "县发改委 县教育局 县科技工信局 县公安局 县民政局 县司法局 县财政局 县人社局 县自然资源局 "
    "县生态环境分局 县住建局 县交通运输局 县水利局 县农业农村局 县商务局 县文广旅局 县卫健委 "
    "县退役军人事务局 县应急管理局 县审计局 县市场监管局 县统计局 县医保局 县林业局 县城管局 "
    "县行政审批局 县信访局 县委宣传部 县委组织部 县委政法委 县政府办 县税务局 县融媒体中心 "
    "县供电公司 各乡（镇）人民政府 县直有关单位"
)
POOL = tuple(POOL_NAMES.split())
ADDRESSEES = (
    "各乡（镇）人民政府，县人民政府各部门，各有关单位：",
    "各乡镇人民政府、街道办事处，县直各单位：",
)
# An item marker inside a task's text ('效能1.深化…。2.推行…'): the text would read as several tasks
EMBEDDED = re.compile(
    r"(?:^|[。；;：:！？\s])(?:\d{1,3}[.、．](?!\d)|[（(][\d一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[①-⑳])"
)
# A Latin/digit run the PDF renderer cannot break ('200PFlops') leaves the line before it so
# stretched that the reader splits its marker ('（7 9）'), and the task merges into the previous one
LONG_RUN = re.compile(r"[A-Za-z0-9.%％]{7,}")
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")  # a PDF copy's line break ('规上工 业')
BAD_KINDS = (
    ("empty", "txt", 3),
    ("truncated-zip", "docx", 3),
    ("random-bytes", "pdf", 3),
    ("no-task", "txt", 6),
)


@dataclass(frozen=True)
class Task:
    text: str
    path: tuple[str, ...]
    units: tuple[tuple[str, ...], ...]  # one tuple of names per entry of ROLES
    deadline: str | None


@dataclass(frozen=True)
class Base:
    name: str  # ASCII, for file names and the manifest
    notice: dict[str, str | None]  # doc_number, issuer, title, issued_on
    tasks: tuple[Task, ...]


def _names(items: list[Any] | None, key: str) -> tuple[str, ...]:
    """Names from an answer's plain strings or from a parser output's objects."""
    return tuple(item[key] if isinstance(item, dict) else item for item in items or ())


def answer_to_base(name: str, answer: dict[str, Any]) -> Base:
    """A gold/answer file (tests/genre/*.gold.json, ../shared answers) or a parser output."""
    notice = answer.get("notice") or answer
    tasks = []
    for t in answer["tasks"]:
        path = _names(t.get("path"), "title")
        units = tuple(_names(t.get(role) or t.get(f"{role}_units"), "name") for role, _ in ROLES)
        deadline = t.get("deadline")
        raw = deadline.get("raw") if isinstance(deadline, dict) else deadline
        text = CJK_GAP.sub("", " ".join(t["text"].split()))
        if not EMBEDDED.search(text, 1) and not LONG_RUN.search(text):
            tasks.append(Task(text, path, units, raw))
    keys = ("doc_number", "issuer", "title", "issued_on")
    return Base(name, {k: notice.get(k) for k in keys}, tuple(tasks))


def load_bases(use_shared: bool) -> tuple[list[Base], list[str]]:
    """The bases and the folders they came from; the same notice from two sources counts once."""
    sources: list[tuple[str, list[Path]]] = [
        ("tests/genre", sorted((ROOT / "tests" / "genre").glob("*.gold.json"))),
        ("inputs", [SEED_ANSWER]),
    ]
    for sub, pattern in (("corpus", "*.gold.json"), ("reference", "*.answer.json")):
        if use_shared and (SHARED / sub).is_dir():
            sources.append((f"../shared/{sub}", sorted((SHARED / sub).glob(pattern))))
    bases: list[Base] = []
    seen: set[tuple[str | None, str | None]] = set()
    for label, files in sources:
        for path in files:
            stem = re.sub(r"[^a-z0-9]+", "-", path.name.split(".")[0].lower()).strip("-")
            name = "seed" if path == SEED_ANSWER else f"{label.rsplit('/', 1)[-1]}-{stem}"
            base = answer_to_base(name, json.loads(path.read_text(encoding="utf-8")))
            key = (base.notice["doc_number"], base.notice["title"])
            if base.tasks and (key not in seen or key == (None, None)):
                seen.add(key)
                bases.append(base)
    return bases, [label for label, files in sources if files]


def pick_tasks(rng: random.Random, bases: list[Base], n: int) -> tuple[list[Task], list[str]]:
    """n tasks: one base's, or several concatenated; then a prefix or an ordered subset."""
    first = rng.choice(bases)
    used, tasks = [first], list(first.tasks)
    while len(tasks) < n:
        used.append(rng.choice(bases))
        tasks += used[-1].tasks
    keep = range(n) if rng.random() < 0.5 else sorted(rng.sample(range(len(tasks)), n))
    return [tasks[i] for i in keep], [b.name for b in used]


def vary_units(rng: random.Random, tasks: list[Task]) -> list[Task]:
    """Swap the units for pool names (one consistent mapping per notice) or keep them; a task
    without any unit gets a lead, so that every item reads as an assigned task."""
    swap = rng.random() < 0.6
    mapping: dict[str, str] = {}
    out = []
    for task in tasks:
        units = task.units
        if swap:
            units = tuple(
                tuple(dict.fromkeys(mapping.setdefault(u, rng.choice(POOL)) for u in us)) for us in units
            )
        if not any(units):
            units = ((rng.choice(POOL),), (), ())
        out.append(replace(task, units=units))
    return out


def fold_sub_points(rng: random.Random, tasks: list[Task]) -> list[Task]:
    """Now and then fold 2-3 neighbouring tasks into one whose text reads 一是…；二是…。"""
    out: list[Task] = []
    i = 0
    while i < len(tasks):
        group = tasks[i : i + (rng.choice((2, 3)) if rng.random() < 0.25 else 1)]
        parts = [f"{ORDINALS[j]}是{t.text.rstrip('。；;.')}" for j, t in enumerate(group)]
        out.append(replace(group[0], text="；".join(parts) + "。") if len(group) > 1 else group[0])
        i += len(group)
    return out


def marker(style: str, n: int, text: str) -> str:
    # '1.65岁以上…' reads as the sub-number 1.65, '20、65岁' as no marker: a typist puts a space there
    spaced = style in ("1.", "1、") and text[:1].isdigit()
    return style.replace("1", str(n)) + (" " if spaced else "")


def unit_lines(task: Task, sep: str, bracket: bool) -> tuple[str, list[str]]:
    """The task's assignment as a trailing （牵头单位：…；责任单位：…） or as label lines."""
    labels = [
        f"{label}：{sep.join(names)}" for (_, label), names in zip(ROLES, task.units, strict=True) if names
    ]
    if task.deadline:
        labels.append(f"完成时限：{task.deadline}")
    if bracket:
        return "（" + "；".join(labels) + "）", []
    return "", labels


def header_lines(rng: random.Random, notice: dict[str, str | None], areas: int, n: int) -> list[str]:
    issuer = notice["issuer"] or "县人民政府办公室"
    title = notice["title"] or "关于印发重点工作任务分解方案的通知"
    m = re.search(r"关于印发(.+?)的通知", title)
    plan = m[1].strip("《》") if m else "重点工作任务分解方案"
    ymd = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", notice["issued_on"] or "")
    date = f"{ymd[1]}年{int(ymd[2])}月{int(ymd[3])}日" if ymd else "2023年3月15日"
    lines = [issuer + title] if rng.random() < 0.5 else [issuer, title]
    if notice["doc_number"]:
        lines.insert(0 if len(lines) == 2 else 1, notice["doc_number"])
    counts = f"涉及{areas}个方面{n}项具体任务" if areas else f"共{n}项具体任务"
    lines += [
        rng.choice(ADDRESSEES),
        f"现将《{plan}》印发给你们，{counts}，请结合实际认真贯彻执行。",
        "各责任单位要明确责任领导和时间节点，每季度末月25日前报送工作进展情况。",
        issuer,
        date,
        plan,
    ]
    return lines


def notice_lines(rng: random.Random, bases: list[Base], n: int) -> tuple[list[str], list[str], int, str]:
    """The notice's lines, its bases, its task count and its marker style."""
    tasks, used = pick_tasks(rng, bases, n)
    first_path = next((t.path for t in tasks if t.path), ())
    lead_in = next((i for i, t in enumerate(tasks) if t.path), 0)  # tasks before the first heading
    tasks = [replace(t, path=first_path) for t in tasks[:lead_in]] + tasks[lead_in:]
    tasks = vary_units(rng, tasks)
    if n >= 10 and rng.random() < 0.3:  # a short notice stays at 5 tasks or more
        tasks = fold_sub_points(rng, tasks)
    style, sep = rng.choice(STYLES), rng.choice(SEPARATORS)
    bracket = sep != "；" and rng.random() < 0.3
    body: list[str] = []
    last: tuple[str, ...] = ()
    areas = subs = 0
    for number, task in enumerate(tasks, start=1):
        path = task.path[:2]
        if path[:1] and path[:1] != last[:1]:
            areas += 1
            body.append(f"{format_number(areas, 'chineseCounting')}、{path[0]}")
        if len(path) > 1 and path != last:
            subs += 1
            body.append(f"（{format_number(subs, 'chineseCounting')}）{path[1]}")
        last = path
        trailer, labels = unit_lines(task, sep, bracket)
        body.append(marker(style, number, task.text) + task.text + trailer)
        body += labels
    return header_lines(rng, bases[0].notice, areas, len(tasks)) + body, used, len(tasks), style


def fixed_zip(path: Path) -> None:
    """Rewrite a .docx with one timestamp on every member, so equal content gives equal bytes."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            target.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


def write_carrier(lines: list[str], path: Path, rng: random.Random) -> None:
    if path.suffix == ".docx":
        render.to_docx(lines, path, numbered=rng.random() < 0.5)
        fixed_zip(path)
    elif path.suffix == ".pdf":
        render.to_pdf(lines, path)
    else:
        gap = "\n\n" if rng.random() < 0.3 else "\n"
        text = gap.join(lines) + "\n"
        encoding = "gb18030" if rng.random() < 0.15 else "utf-8"
        path.write_bytes(text.replace("\n", "\r\n" if rng.random() < 0.2 else "\n").encode(encoding))


@dataclass(frozen=True)
class Job:
    out: str
    index: int
    carrier: str
    seed: int
    tasks: int  # the target count, before sub-points fold some tasks together


_BASES: list[Base] = []


def _init(use_shared: bool) -> None:
    _BASES[:] = load_bases(use_shared)[0]


def make_one(job: Job) -> dict[str, Any]:
    rng = random.Random(f"{job.seed}:{job.index}")
    lines, used, count, style = notice_lines(rng, _BASES, job.tasks)
    name = f"{job.index:04d}-{'-'.join(used[0].split('-')[:2])}.{job.carrier}"  # e.g. 0007-genre-110.txt
    started = time.perf_counter()
    write_carrier(lines, Path(job.out) / name, rng)
    seconds = round(time.perf_counter() - started, 4)
    return dict(file=name, carrier=job.carrier, base=used, tasks=count, style=style, seconds=seconds)


def bad_file(out: Path, k: int, rng: random.Random) -> dict[str, Any]:
    """bad-<k>: empty, a truncated .docx, random bytes named .pdf, or a notice with no numbered task."""
    kind, ext, code = BAD_KINDS[(k - 1) % len(BAD_KINDS)]
    path = out / f"bad-{k}.{ext}"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated-zip":
        render.to_docx(
            ["县人民政府办公室", "关于做好重点工作的通知", "1.推进重点工作。", "牵头单位：县政府办"], path
        )
        fixed_zip(path)
        data = path.read_bytes()
        path.write_bytes(data[: rng.randrange(len(data) // 4, len(data) // 2)])
    elif kind == "random-bytes":
        path.write_bytes(rng.randbytes(rng.randrange(2_000, 20_000)))
    else:
        prose = "各单位要高度重视，加强组织领导，细化工作措施，确保各项工作落到实处。"
        path.write_text("县人民政府办公室\n关于做好年度重点工作的通知\n" + prose * 3 + "\n", encoding="utf-8")
    return {"file": path.name, "carrier": ext, "base": [], "tasks": 0, "bad": kind, "exit": code}


def carrier_plan(rng: random.Random, count: int, carriers: list[str]) -> list[str]:
    """Exactly the mix's share of each carrier (largest remainder), in a shuffled order."""
    weights = {c: DEFAULT_MIX[c] for c in carriers}
    total = sum(weights.values())
    quotas = {c: count * w / total for c, w in weights.items()}
    counts = {c: math.floor(q) for c, q in quotas.items()}
    for c in sorted(quotas, key=lambda c: counts[c] - quotas[c])[: count - sum(counts.values())]:
        counts[c] += 1
    plan = [c for c in carriers for _ in range(counts[c])]
    rng.shuffle(plan)
    return plan


def make_collection(
    out: Path, count: int, seed: int, carriers: list[str], bad: int = 0, jobs: int = 1, shared: bool = True
) -> dict[str, Any]:
    """Write the collection and its manifest; return the manifest and the time spent per carrier."""
    out.mkdir(parents=True, exist_ok=True)
    bases, sources = load_bases(shared)
    rng = random.Random(seed)
    low, high = math.log(DEFAULT_MIN_TASKS), math.log(DEFAULT_MAX_TASKS)
    work = [
        Job(str(out), i, carrier, seed, round(math.exp(rng.uniform(low, high))))
        for i, carrier in enumerate(carrier_plan(rng, count, carriers), start=1)
    ]
    started = time.perf_counter()
    if jobs > 1:
        with ProcessPoolExecutor(jobs, initializer=_init, initargs=(shared,)) as pool:
            files = list(pool.map(make_one, work, chunksize=16))
    else:
        _init(shared)
        files = [make_one(job) for job in work]
    files += [bad_file(out, k, random.Random(f"{seed}:bad:{k}")) for k in range(1, bad + 1)]
    elapsed = time.perf_counter() - started
    manifest = {
        "seed": seed,
        "count": count,
        "sources": sources,
        "bases": len(bases),
        "carriers": {c: sum(f["carrier"] == c and "bad" not in f for f in files) for c in carriers},
        "files": [{k: v for k, v in f.items() if k != "seconds"} for f in files],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    spent = {c: sum(f.get("seconds", 0.0) for f in files if f["carrier"] == c) for c in carriers}
    return {"elapsed": elapsed, "seconds_by_carrier": spent, "manifest": manifest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the collection into")
    parser.add_argument("--count", type=int, default=2000, help="good notices to write (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--carriers", default="txt,docx,pdf", help="subset of txt,docx,pdf (default all)")
    parser.add_argument("--bad", type=int, default=0, help="broken files to add, bad-<n>.<ext> (default 0)")
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"worker processes ({DEFAULT_JOBS})")
    parser.add_argument("--no-shared", action="store_true", help="leave ../shared out even when present")
    args = parser.parse_args(argv)
    carriers = [c.strip() for c in args.carriers.split(",") if c.strip()]
    unknown = sorted(set(carriers) - set(DEFAULT_MIX))
    if unknown or not carriers or args.count < 0 or args.bad < 0 or args.jobs < 1:
        parser.error(f"--carriers takes a subset of {','.join(DEFAULT_MIX)} (got {unknown}); counts >= 0")
    if args.out.exists() and any(args.out.iterdir()):  # a stale file would join the benchmark
        parser.error(f"{args.out} is not empty: give a new folder")
    report = make_collection(
        args.out, args.count, args.seed, carriers, args.bad, args.jobs, not args.no_shared
    )
    manifest = report["manifest"]
    tasks = sum(f["tasks"] for f in manifest["files"])
    mix = ", ".join(f"{c} {n}" for c, n in manifest["carriers"].items())
    spent = ", ".join(f"{c} {s:.1f} s" for c, s in report["seconds_by_carrier"].items())
    print(
        f"{args.out}: {args.count} notices ({mix}), {tasks} tasks, {args.bad} bad, "
        f"from {manifest['bases']} bases in {report['elapsed']:.1f} s (writing: {spent})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
