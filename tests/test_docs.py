"""The README and docs/ stay true to the code: every setting is documented, every link lands.

Pure file reading, no services. The settings are found in the code itself (an AST walk over
graphsvc/ and the environment names the shell scripts read), so a new variable fails here until
docs/configuration.md says what it does; links are checked against the files and headings they
name, as GitHub renders them, so moving a section cannot leave a reader at a dead end.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONFIGURATION = REPO / "docs" / "configuration.md"
PAGES = sorted(
    [
        REPO / "README.md",
        REPO / "CONTRIBUTING.md",
        REPO / "bench" / "README.md",
        *(REPO / "docs").glob("*.md"),
    ]
)
ENV_NAMES = {"env", "environ", "environment"}
"""Names the settings readers give the mapping they read the environment from."""
SHELL_VARIABLE = re.compile(r"\$\{?((?:GRAPHSVC|NEO4J)_[A-Z0-9_]+)")
VARIABLE = re.compile(r"[A-Z][A-Z0-9_]*")


def _is_environment(node: ast.expr) -> bool:
    """`os.environ`, or a mapping named like one (`env`, `environ`)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "environ"
    return isinstance(node, ast.Name) and node.id in ENV_NAMES


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level `NAME = "TEXT"` assignments, for reads written as `env.get(BUDGET_VARIABLE)`."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def _read_variables(tree: ast.Module) -> Iterator[str]:
    """The environment variables a module reads, in every form the code uses.

    `os.environ.get(X)`, `env.get(X)`, `os.environ[X]`, `os.getenv(X)`, a helper given the mapping
    and the name (`_whole(env, "GRAPHSVC_MAX_COST", ...)`) and click's `envvar="..."`.
    """
    constants = _constants(tree)

    def text(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return constants.get(node.id)
        return None

    for node in ast.walk(tree):
        names: list[ast.expr] = []
        if isinstance(node, ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr in ("get", "setdefault")
                and _is_environment(func.value)
                and node.args
            ):
                names.append(node.args[0])
            if isinstance(func, ast.Attribute) and func.attr == "getenv" and node.args:
                names.append(node.args[0])
            for first, second in zip(node.args, node.args[1:], strict=False):
                if _is_environment(first):
                    names.append(second)
            names += [k.value for k in node.keywords if k.arg == "envvar"]
        elif (
            isinstance(node, ast.Subscript)
            and _is_environment(node.value)
            and isinstance(node.ctx, ast.Load)
        ):
            names.append(node.slice)
        for name in names:
            value = text(name)
            if value is not None and VARIABLE.fullmatch(value):
                yield value


@cache
def variables_read() -> frozenset[str]:
    """Every environment variable graphsvc's code and its scripts read."""
    found: set[str] = set()
    for path in (REPO / "graphsvc").rglob("*.py"):
        found.update(_read_variables(ast.parse(path.read_text(encoding="utf-8"))))
    for script in [*(REPO / "scripts").iterdir(), REPO / ".ci" / "run"]:
        if script.is_file():
            found.update(SHELL_VARIABLE.findall(script.read_text(encoding="utf-8")))
    return frozenset(found)


def test_the_walk_finds_the_settings_in_every_form() -> None:
    found = variables_read()
    # one of each form: env.get, a helper given env, os.environ.get via a constant, click's envvar,
    # a shell script
    expected = {
        "NEO4J_URI",
        "GRAPHSVC_MAX_COST",
        "GRAPHSVC_MAP_BUDGET",
        "GRAPHSVC_INSTANCE",
        "GRAPHSVC_SETUP_INSTALL",
    }
    assert expected <= found, expected - found


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", CONFIGURATION.read_text(encoding="utf-8")))
    missing = sorted(variables_read() - documented)
    assert not missing, f"docs/configuration.md does not explain {', '.join(missing)}"


def _anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    headings, fence = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = not fence
        elif not fence and line.startswith("#"):
            headings.append(_anchor(line.lstrip("#")))
    return set(headings)


def _links(page: Path) -> Iterator[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if not re.match(r"[a-z]+:", target):
            yield target


def test_the_pages_exist() -> None:
    for name in ("api", "pages", "maps", "intake", "iati", "model", "configuration", "seeds"):
        assert (REPO / "docs" / f"{name}.md").is_file(), name
    assert (REPO / "CONTRIBUTING.md").is_file() and (REPO / "bench" / "README.md").is_file()


def test_every_relative_link_lands() -> None:
    broken = []
    for page in PAGES:
        for link in _links(page):
            path, _, fragment = link.partition("#")
            target = (page.parent / path).resolve() if path else page
            if not target.exists():
                broken.append(f"{page.relative_to(REPO)}: {link} (no such file)")
            elif fragment and target.suffix == ".md" and fragment not in _anchors(target):
                broken.append(f"{page.relative_to(REPO)}: {link} (no such heading)")
    assert not broken, "\n".join(broken)


def test_no_page_points_outside_the_repository() -> None:
    for page in PAGES:
        for link in _links(page):
            target = (page.parent / link.partition("#")[0]).resolve()
            assert target.is_relative_to(REPO), f"{page.relative_to(REPO)} links to {link}"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme, "README.md points outside the repository"
