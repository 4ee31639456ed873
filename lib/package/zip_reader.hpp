#pragma once
#include "package_impl.hpp"

namespace allies {
// Opens impl.source_bytes as a zip archive and reads every entry into
// impl.entries, enforcing impl.limits. Throws allies::Error.
void open_archive(PackageImpl& impl);
}  // namespace allies
