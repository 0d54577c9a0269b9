"""One command for every docs chore: `qbank <command> [options]`, installed into .venv by `make setup`.

Each command is one of the scripts in scripts/ (also runnable as `python scripts/<name>.py`); its own
`--help` lists its options. Checks exit 1 and print `file:line: problem — fix` for each problem.
"""
from __future__ import annotations

import importlib
import sys

# command -> (module in scripts/, what it does)
COMMANDS = {
    "import": ("split_articles", "import the source articles into docs/ (the splitter)"),
    "new": ("new_question", "start a new question: its Chinese page and the topic index"),
    "check": ("check_content", "check pages against the rules R1-R8 and the answer standard A1-A6"),
    "parity": ("check_parity", "compare English twins with their Chinese pages; --stamp after translating"),
    "code": ("run_code", "check and run the Python blocks of reviewed pages (CPU, offline)"),
    "generate": ("generate", "write the generated files (indexes, nav, glossary, descriptions …); --check for CI"),
    "bench": ("benchmark", "quality budget figures: build, page weight, Lighthouse, preview reload"),
    "bench-search": ("bench_search", "search quality and speed per language"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {what}" for name, (_, what) in COMMANDS.items()]
    return "usage: qbank <command> [options]\n\ncommands:\n" + "\n".join(lines) + (
        "\n\n`qbank <command> --help` lists a command's options.")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0
    if argv[0] not in COMMANDS:
        print(f"qbank: unknown command '{argv[0]}'\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
