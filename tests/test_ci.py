"""CI: the Pages workflow deploys only a commit whose tests (ruff and `make test`) passed, and the build it
deploys is strict, with the scan for script that is not the theme's own."""
from __future__ import annotations

import yaml
from conftest import ROOT, mkdocs_config

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def needed(jobs: dict, name: str) -> set[str]:
    """Every job `name` waits for, directly or not."""
    direct = jobs[name].get("needs", [])
    direct = [direct] if isinstance(direct, str) else direct
    return set(direct).union(*(needed(jobs, n) for n in direct))


def test_pages_deploys_only_after_the_tests_passed():
    pages = workflow("pages.yml")
    jobs = pages["jobs"]
    testing = {name for name, job in jobs.items() if job.get("uses") == "./.github/workflows/test.yml"}
    assert testing, "pages.yml runs no test job"
    for name, job in jobs.items():
        if name in testing:
            continue
        assert testing <= needed(jobs, name), f"job {name} does not wait for the tests"
        assert "if" not in job, f"job {name} has a condition that could skip the wait (e.g. always())"
    assert "workflow_call" in workflow("test.yml")["on"]


def test_the_test_workflow_runs_ruff_then_make_test():
    steps = [s.get("run", "") for job in workflow("test.yml")["jobs"].values() for s in job["steps"]]
    assert "bash .ci/run" in steps
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line.strip() for line in run if line.strip() and not line.startswith("#")]
    assert "set -euo pipefail" in commands
    ruff, test = commands.index(".venv/bin/ruff check scripts tests"), commands.index("make test")
    assert ruff < test


def test_the_deployed_build_is_strict_and_scanned():
    config = mkdocs_config()
    assert config["strict"] is True
    assert {"scripts/hooks/escape.py", "scripts/hooks/csp.py"} <= set(config["hooks"])
    build = [s.get("run", "") for s in workflow("pages.yml")["jobs"]["build"]["steps"]]
    assert any(r.startswith("make build") for r in build)
