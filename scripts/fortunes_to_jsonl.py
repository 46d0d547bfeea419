#!/usr/bin/env python3
"""Converts Debian's fortune cookie files into archivar's JSON Lines.

Debian's fortunes-de (German) and fortunes (English) packages hold real,
human-written German and English text (quotes, anecdotes, poems, jokes),
installable from Debian's registry, so the demo needs no third-party text in
this repository. Each cookie (text between lines holding only '%') becomes
one article: id "<package dir>/<file>/<n>", title = its first line, body =
the whole cookie, tags = [file name], source = "fortunes". No "lang" field:
archivar detects the language itself.

Usage: fortunes_to_jsonl.py DIR... > out.jsonl
"""
import json
import os
import sys


def cookies(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # a few old cookie files predate UTF-8
    cookie = []
    for line in text.splitlines():
        if line.strip() == "%":
            if cookie:
                yield "\n".join(cookie).strip("\n")
            cookie = []
        else:
            cookie.append(line.rstrip())
    if cookie:
        yield "\n".join(cookie).strip("\n")


def main(dirs):
    out = sys.stdout
    for top in dirs:
        for name in sorted(os.listdir(top)):
            path = os.path.join(top, name)
            # Skip the strfile indexes (.dat), links to them and sub folders.
            if name.endswith(".dat") or name.endswith(".u8") or not os.path.isfile(path):
                continue
            if os.path.islink(path):
                continue
            prefix = os.path.basename(os.path.normpath(top)) + "/" + name
            for number, cookie in enumerate(cookies(path), start=1):
                if not cookie.strip():
                    continue
                title = cookie.strip().splitlines()[0].strip()[:120]
                record = {"id": f"{prefix}/{number}", "title": title, "body": cookie,
                          "tags": [name], "source": "fortunes"}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:] or ["/usr/share/games/fortunes", "/usr/share/games/fortunes/de"])
