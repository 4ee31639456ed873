// Builds the leak check's needles (verify/needles.hpp) from a redaction plan
// found with show_text: what was redacted, hashed, so the text itself never
// leaves the process.
#pragma once

#include <string>
#include <vector>

#include "allies/redact.hpp"
#include "verify/needles.hpp"

namespace allies::publish {

// `original_text` is the visible text of the original document: a region
// shingle that also appears there outside the redacted regions (a heading
// repeated elsewhere, a common phrase) was public all along and is not
// searched for; nor is one that appears in a replacement ("[redacted]").
// `input_regions`: marked text the check read from the input on its own
// path (publish/input_facts), shingled the same way.
verify::NeedleSet needles_from_plan(const RedactionPlan& plan, const Policy& policy, const std::string& original_text,
                                    const std::string& key, const std::vector<std::string>& input_regions = {});

}  // namespace allies::publish
