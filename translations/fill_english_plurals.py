#!/usr/bin/env python3
"""Fill the English plural forms of revscope_en.ts.

Run after `cmake --build build --target update_translations`: lupdate adds
new "%n thing(s)" messages unfinished; this writes "thing" and "things"
(and "was"/"were") for them. Existing translations are kept.
"""
import re
import sys
from pathlib import Path

path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("revscope_en.ts"))
text = path.read_text(encoding="utf-8")


def fill(match):
    block = match.group(0)
    if 'type="unfinished"' not in block:
        return block
    source = re.search(r"<source>(.*?)</source>", block, re.S).group(1)
    one = re.sub(r"\((e?s)\)", "", source).replace(" were ", " was ")
    many = re.sub(r"\((e?s)\)", r"\1", source)
    forms = (
        "<translation>\n"
        f"            <numerusform>{one}</numerusform>\n"
        f"            <numerusform>{many}</numerusform>\n"
        "        </translation>"
    )
    return re.sub(r'<translation type="unfinished">.*?</translation>', forms, block, flags=re.S)


path.write_text(re.sub(r'<message numerus="yes">.*?</message>', fill, text, flags=re.S),
                encoding="utf-8")
