"""Mutation testing: break the code on purpose and count how often the tests notice.

Line coverage says a line ran; a mutant (``and`` made ``or``, ``==`` made ``!=``, a string changed,
a call dropped) shows whether any test *checks* what the line does. This runs mutmut on the modules
where a wrong answer still looks like an answer: the query parser (``search/index/query.py``), the
topic command's answer (``search/topic_answer.py``) and the TUI wiring that turns keys into places
(``tui/navigation.py``), and prints the killed share per module.

Why mutmut (3.x) and not cosmic-ray: mutmut runs the chosen tests once with tracing to learn which
tests call each function, then runs each mutant in a process forked from that warmed-up one, with only
those tests and ``-x``. Importing Whoosh, Textual and the seeds index is paid once, not per mutant as
with cosmic-ray's command per mutant, which matters on this 2-core machine. The per-function test
selection is the "tests that these modules' coverage selects".

It works on a throw-away copy of the tracked files (nothing is written into the worktree):

    .venv/bin/pip install -e '.[test,dev]'
    .venv/bin/python tests/benchmarks/mutation.py            # all three modules
    .venv/bin/python tests/benchmarks/mutation.py query      # one (query, topic_answer, navigation)

Surviving mutants that are equivalent (no behaviour can tell them apart) are explained where they
are, by a comment on the line they change ("# equivalent mutant: why"); the killed share is reported
with and without them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# module -> the test files mutmut may choose from (it runs, per mutant, those that call the function)
MODULES: dict[str, tuple[str, list[str]]] = {
    "query": (
        "search/index/query.py",
        [
            "tests/unit/index/test_search.py",
            "tests/unit/index/test_library.py",
            "tests/unit/index/test_query_semantics.py",  # totals counted by hand on a made-up corpus
            "tests/unit/index/test_wildcards.py",
            "tests/unit/index/test_marks.py",  # what the reader and the snippets mark
            "tests/unit/index/test_search_failures.py",
            "tests/unit/test_cli.py",
            "tests/unit/test_cli_export.py",
            "tests/unit/test_topic_answer.py",  # a topic's articles (execute)
        ],
    ),
    "topic_answer": (
        "search/topic_answer.py",
        ["tests/unit/test_topic_answer.py", "tests/unit/test_cli_topics.py", "tests/unit/test_cli_export.py"],
    ),
    "navigation": (
        "tui/navigation.py",
        [
            "tests/unit/tui/test_history.py",
            "tests/functional/test_search_screen.py",
            "tests/functional/test_entities.py",
            "tests/functional/test_topics.py",
            "tests/functional/test_main_screen.py",  # back with nowhere to go, the breadcrumb's arrows
            "tests/functional/test_user_data.py",  # the bookmarks screen
            "tests/functional/test_load_report.py",  # the load report screen
        ],
    ),
}

# A surviving mutant is counted as equivalent (no behaviour can tell it from the code) when the
# line it changes says why, in a comment on that line or on the line above: "# equivalent mutant: ...".
MARK = re.compile(r"# equivalent mutants?:?\s*(.*)")


def working_copy(target: Path) -> Path:
    """The tracked files (and the worktree's uncommitted edits to them) in ``target``."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(
        b"\0"
    )
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    return target


def configure(copy: Path, paths: list[str], tests: list[str]) -> None:
    existing = [t for t in tests if (copy / t).is_file()]
    assert existing == tests, set(tests) - set(existing)
    toml = "\n[tool.mutmut]\n"
    toml += f"source_paths = {['search', 'tui']!r}\n".replace("'", '"')
    toml += f"only_mutate = {paths!r}\n".replace("'", '"')
    toml += f"also_copy = {['seeds', 'tests']!r}\n".replace("'", '"')
    toml += f"pytest_add_cli_args_test_selection = {existing!r}\n".replace("'", '"')
    toml += 'pytest_add_cli_args = ["-p", "no:cacheprovider"]\n'
    with (copy / "pyproject.toml").open("a") as out:
        out.write(toml)


def run(names: list[str], children: int) -> dict[str, Counter[str]]:
    paths = [MODULES[n][0] for n in names]
    tests = sorted({t for n in names for t in MODULES[n][1]})
    with tempfile.TemporaryDirectory(prefix="brief-mutation-") as tmp:
        copy = working_copy(Path(tmp))
        configure(copy, paths, tests)
        env = {k: v for k, v in os.environ.items() if k != "CI"}  # ../shared is not beside the copy
        mutmut = [sys.executable, "-m", "mutmut"]
        started = time.perf_counter()
        subprocess.run([*mutmut, "run", "--max-children", str(children)], cwd=copy, env=env, check=False)
        print(f"mutmut run: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        listing = subprocess.run(
            [*mutmut, "results", "--all", "true"], cwd=copy, env=env, capture_output=True, text=True
        ).stdout
        equivalent = set()
        for mutant in re.findall(r"^\s*(\S+): survived$", listing, re.M):  # what each survivor changed
            show = [*mutmut, "show", mutant]
            lines = subprocess.run(
                show, cwd=copy, env=env, capture_output=True, text=True
            ).stdout.splitlines()
            changed = [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]
            why = explained(lines)
            equivalent |= {mutant} if why else set()
            print(f"{mutant}:{f' (equivalent: {why})' if why else ''}\n    " + "\n    ".join(changed))
    return tally(listing, names, equivalent)


def explained(diff: list[str]) -> str:
    """Why the code says the mutant shown by ``diff`` is equivalent ("" if it does not say): the
    comment on the first line it changes, or the comment lines just above it."""
    first = next((i for i, line in enumerate(diff) if line[:1] == "-" and line[:3] != "---"), None)
    if first is None:
        return ""
    above = first
    while above > 0 and diff[above - 1][1:].strip().startswith("#"):
        above -= 1
    comment = " ".join(line[1:].strip().lstrip("# ") for line in diff[above:first])
    found = MARK.search(diff[first]) or MARK.search("# " + comment)
    return found.group(1).strip() if found else ""


def tally(listing: str, names: list[str], equivalent: set[str]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {n: Counter() for n in names}
    survivors: list[str] = []
    for line in listing.splitlines():
        found = re.match(r"\s*(\S+): (.+)$", line)
        if not found:
            continue
        mutant, status = found.groups()
        for name in names:
            module = MODULES[name][0].removesuffix(".py").replace("/", ".")
            if mutant.startswith(module + "."):
                counts[name][status] += 1
                if status != "killed":
                    survivors.append(f"{mutant}: {status}")
                    if mutant in equivalent:
                        counts[name]["equivalent"] += 1
    for line in survivors:
        print("  not killed:", line)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"some of {', '.join(MODULES)} (default: all)")
    parser.add_argument("--max-children", type=int, default=2)
    args = parser.parse_args(argv)
    names = args.modules or list(MODULES)
    if set(names) - set(MODULES):
        parser.error(f"unknown module(s): {', '.join(sorted(set(names) - set(MODULES)))}")
    counts = run(names, args.max_children)
    print(f"{'module':<24} {'mutants':>7} {'killed':>7} {'share':>6} {'w/o equivalent':>15}")
    for name in names:
        c = counts[name]
        total = sum(v for k, v in c.items() if k != "equivalent")
        killed, equivalent = c["killed"], c["equivalent"]
        share = killed / total if total else 0.0
        real = killed / (total - equivalent) if total > equivalent else 0.0
        print(f"{MODULES[name][0]:<24} {total:>7} {killed:>7} {share:>6.0%} {real:>15.0%}  {dict(c)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
