"""The README stays true: its first commands, every CLI command, every folder."""

import re

from casebook import paths
from casebook.cli import parser

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make brief", "make test"]
    assert README.index("```sh") < 800  # near the top, after the one-paragraph summary


def test_make_targets_in_the_readme_exist():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("brief", "test"):
        assert re.search(rf"^{target}:.*## ", makefile, re.M)


def test_ci_runs_the_readme_test_command():
    assert "make test" in (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_is_documented():
    subcommands = next(a for a in parser()._actions if a.dest == "command").choices
    for name, sub in subcommands.items():
        assert f"`casebook {name}" in README, f"casebook {name} is not in the README"
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert re.search(rf"`casebook {name}[^`]*{option}", README), (
                        f"{name} {option} undocumented"
                    )


def test_every_top_level_folder_is_described():
    tree = README[README.index("## The folders") : README.index("## Commands")]
    for folder in (
        "casestudies/",
        "data/",
        "taxonomy/",
        "themes/",
        "notebooks/",
        "lib/casebook/",
        "tests/",
    ):
        assert folder in tree
    for path in paths.ROOT.iterdir():
        if (
            path.is_dir()
            and not path.name.startswith(".")
            and path.name not in ("briefs",)
            and not path.name.endswith(".egg-info")
        ):
            assert f"{path.name}/" in tree, f"{path.name}/ is not described in the README tree"
