#pragma once
// Symbols are hidden by default (-fvisibility=hidden); the public API is
// marked with ALLIES_API. ALLIES_HIDDEN keeps a nested implementation type
// of an exported class (Package::Impl, Redactor::State) out of the ABI:
// members of a nested type otherwise take the enclosing class's visibility.
// The link also applies lib/allies.map, which keeps template instantiations
// of the standard library local (tests/abi checks the exported list).
#define ALLIES_API __attribute__((visibility("default")))
#define ALLIES_HIDDEN __attribute__((visibility("hidden")))
