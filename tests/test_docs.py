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


def test_the_command_reference_is_generated_from_the_parser_and_current():
    """docs/commands.md embeds commandref.reference(); cog --check fails when it has drifted."""
    from cogapp import Cog

    reference = paths.ROOT / "docs" / "commands.md"
    assert Cog().main(["cog", "--check", str(reference)]) == 0, "run 'make docs'"
    text = reference.read_text(encoding="utf-8")
    subcommands = next(a for a in parser()._actions if a.dest == "command").choices
    for name, sub in subcommands.items():
        assert f"## `casebook {name}`" in text
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}`" in text


def test_the_readme_fits_on_two_screens_and_links_every_docs_page():
    assert len(README.splitlines()) <= 150
    for page in (paths.ROOT / "docs").glob("*.md"):
        if page.name != "index.md":
            assert f"(docs/{page.name})" in README, f"the README does not link docs/{page.name}"


def test_every_top_level_folder_is_described():
    tree = README[README.index("## The folders") : README.index("## Where to read on")]
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
            and path.name not in ("briefs", "site")
            and not path.name.endswith(".egg-info")
        ):
            assert f"{path.name}/" in tree, f"{path.name}/ is not described in the README tree"
