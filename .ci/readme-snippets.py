#!/usr/bin/env python3
"""Refreshes README.md's marked code blocks from the // README:name regions of tests and samples.

ReadmeSnippetsTest fails the build when README and code drift apart; run this to bring the
README up to date after changing an example.
"""
import pathlib
import re
import textwrap

root = pathlib.Path(__file__).resolve().parent.parent
regions = {}
sources = list(root.glob("**/src/test/java/**/*.java")) + list(root.glob("samples/src/main/java/**/*.java"))
for source in sources:
    for m in re.finditer(r"// README:(\S+)\n(.*?)\n[ \t]*// END", source.read_text(), re.S):
        regions[m.group(1)] = textwrap.dedent(m.group(2))

readme = root / "README.md"
text = readme.read_text()


def fill(m):
    name = m.group(1)
    if name not in regions:
        raise SystemExit(f"README snippet {name} has no // README:{name} region")
    return f"<!-- snippet:{name} -->\n```java\n{regions[name]}\n```"


readme.write_text(re.sub(r"<!-- snippet:(\S+) -->\s*```java\n.*?```", fill, text, flags=re.S))
