"""Documentation is checked like code: every command and setting is documented."""
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline
import settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
VNPOLICY = str(Path(sys.executable).with_name("vnpolicy"))


@pytest.mark.parametrize("command", sorted(pipeline.COMMANDS))
def test_every_command_has_an_example_in_its_help(command):
    proc = subprocess.run([VNPOLICY, command, "--help"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Example" in proc.stdout and f"vnpolicy {command}" in proc.stdout


@pytest.mark.parametrize("command", sorted(pipeline.COMMANDS))
def test_every_command_is_in_the_readme(command):
    assert f"vnpolicy {command}" in README


@pytest.mark.parametrize("name", sorted(settings.SETTINGS))
def test_every_setting_is_in_the_readme(name):
    assert settings.SETTINGS[name].env in README


def test_no_command_is_a_usage_error():
    proc = subprocess.run([VNPOLICY], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "COMMAND" in proc.stdout


def test_readme_quick_start_has_exactly_the_two_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0].strip() for b in quick.split("```bash")[1:]]
    assert len(blocks) == 2
    assert "vnpolicy demo" in blocks[0]
    assert blocks[1] == "bash scripts/test.sh"
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
