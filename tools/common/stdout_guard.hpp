// Standard output for the tools: written with write(2), its first error
// kept, and checked at exit, so a full disk or a closed pipe is one line and
// exit 4 (with its reason) instead of a silent loss or death by SIGPIPE.
// A process concern, so it lives beside the tools, not in the library.
#pragma once

namespace allies::tool {

// Call first in main(): ignores SIGPIPE, fills closed descriptors 0-2 (so
// no file the tool opens takes their place) and routes std::cout.
void set_up_stdout();
// The tool printed a "<stdout>" error itself: finish_stdout will not repeat it.
void stdout_error_reported();
// Call last: flushes and closes standard output. On failure prints
// "TOOL: error: <stdout>: REASON" and returns exit code 4, or `rc` when the
// tool had already failed.
int finish_stdout(int rc, const char* tool);

}  // namespace allies::tool
