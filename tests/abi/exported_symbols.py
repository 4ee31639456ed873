#!/usr/bin/env python3
"""Lists the dynamic symbols the shared library exports (nm -D
--defined-only | c++filt) and fails on any that is not public API:
- a C symbol must be a function declared in allies/allies.h;
- a C++ symbol must be in namespace allies, and every allies:: name in it
  (the function, its classes, its parameter types) must be declared in the
  public headers, with no nested implementation type (Impl, State) and no
  name from another library's namespace (pugi::, icu::, PoDoFo::, ...).
Usage: exported_symbols.py LIBRARY INCLUDE_DIR"""
import re
import subprocess
import sys
from pathlib import Path

lib, include = sys.argv[1], Path(sys.argv[2])
headers = {p.name: p.read_text() for p in include.iterdir() if p.suffix in (".h", ".hpp")}
cpp_text = "\n".join(t for n, t in headers.items() if n.endswith(".hpp"))
c_header = headers.get("allies.h", "")
declared_words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", cpp_text))
c_functions = set(re.findall(r"\b(allies_[a-z_]+)\s*\(", c_header))

nm = subprocess.run(["nm", "-D", "--defined-only", lib], check=True, capture_output=True, text=True).stdout
mangled = [line.split()[-1] for line in nm.splitlines() if len(line.split()) >= 3]
demangled = subprocess.run(["c++filt"], input="\n".join(mangled), check=True, capture_output=True,
                           text=True).stdout.splitlines()

PREFIXES = ("typeinfo name for ", "typeinfo for ", "vtable for ", "VTT for ", "non-virtual thunk to ")
INTERNAL = {"Impl", "State"}
problems = []
count = 0
for raw, name in zip(mangled, demangled):
    if raw.startswith("GLIBC") or name in ("_init", "_fini"):
        continue
    count += 1
    base = name
    for p in PREFIXES:
        if base.startswith(p):
            base = base[len(p):]
    if raw == name:  # a C symbol
        if name not in c_functions:
            problems.append(name + ": C symbol not declared in allies/allies.h")
        continue
    if not base.startswith("allies::"):
        problems.append(name + ": outside namespace allies")
        continue
    foreign = [ns for ns in re.findall(r"\b([A-Za-z_][A-Za-z0-9_]*)::", name) if ns not in ("allies", "std", "__cxx11")]
    # Qualified allies names: allies::A::B::c -> A, B, c.
    qualified = re.findall(r"allies::((?:[A-Za-z_~][A-Za-z0-9_]*::)*[A-Za-z_~][A-Za-z0-9_]*)", name)
    parts = [w.lstrip("~") for q in qualified for w in q.split("::")]
    unknown = [w for w in parts if w not in declared_words and not w.startswith("operator")]
    internal = [w for w in parts if w in INTERNAL]
    # A nested class of an allies class that is not in the headers would
    # show up in `unknown`; a standard class nested in one (allies::X::Y
    # where X is a struct) in `foreign`.
    foreign = [ns for ns in foreign if ns not in declared_words]
    if unknown or internal or foreign:
        problems.append(name + ": not public API (" + ", ".join(sorted(set(unknown + internal + foreign))) + ")")

if problems:
    print("exported symbols that are not in the public headers:")
    for p in problems:
        print("  " + p)
    sys.exit(1)
print("%d exported symbols, all public API (%d C functions)" % (count, len([m for m in mangled if m.startswith("allies_")])))
