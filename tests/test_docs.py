"""The README documents every command, and its set-up commands are the Makefile's targets."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from detente.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme(name):
    assert f"detente {name}" in README, f"README does not mention `detente {name}`"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example_or_summary(name):
    command = cli.commands[name]
    assert command.help and len(command.help.split()) >= 5
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"option {param.opts} of `detente {name}` has no help"


def test_readme_starts_with_the_two_setup_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
