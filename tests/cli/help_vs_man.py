#!/usr/bin/env python3
"""Each tool's --help and its man page list the same options: the option
names of --help (CLI11's table) against the tags of the man page's OPTIONS
section as man renders them. Usage: help_vs_man.py TOOLS_DIR MAN_DIR"""
import os
import re
import subprocess
import sys

tools_dir, man_dir = sys.argv[1], sys.argv[2]
status = 0
for tool in ("allies-redact", "allies-convert", "allies-publish"):
    help_text = subprocess.run([os.path.join(tools_dir, tool), "--help"], check=True, capture_output=True,
                               text=True).stdout
    from_help = set()
    for line in help_text.splitlines():
        m = re.match(r"^  (-\S+)", line)
        if m:
            from_help.update(o for o in m.group(1).split(",") if o.startswith("-"))
    env = dict(os.environ, MANWIDTH="200", MAN_KEEP_FORMATTING="")
    page = subprocess.run(["man", "-l", os.path.join(man_dir, tool + ".1")], check=True, capture_output=True,
                          text=True, env=env).stdout
    page = re.sub(r".\x08", "", page)  # overstrikes, should man not strip them
    section = re.search(r"^OPTIONS\n(.*?)(?=^\S)", page, re.S | re.M)
    if not section:
        print("%s.1: no OPTIONS section" % tool)
        status = 1
        continue
    from_man = set()
    for line in section.group(1).splitlines():
        # Tags are indented 7 columns; their text 14.
        if re.match(r"^ {7}-", line):
            from_man.update(re.findall(r"(?<![\w-])(--?[A-Za-z][A-Za-z0-9-]*)", line))
    missing, extra = sorted(from_help - from_man), sorted(from_man - from_help)
    if missing or extra:
        status = 1
        print("%s: --help and %s.1 differ" % (tool, tool))
        if missing:
            print("  in --help, not in the man page's OPTIONS: " + " ".join(missing))
        if extra:
            print("  in the man page's OPTIONS, not in --help: " + " ".join(extra))
    else:
        print("%s: %d options, the same in --help and %s.1" % (tool, len(from_help), tool))
sys.exit(status)
