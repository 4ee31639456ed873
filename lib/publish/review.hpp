// The review PDF: the original document as staff wrote it, every span the
// plan will redact highlighted in a colour per rule and labelled with its
// rule and category, after a first page that counts the redactions. It goes
// to a folder that is not the public one; it is for a person to check the
// redactions by eye before the public files go out.
#pragma once

#include <string>

#include "allies/model.hpp"
#include "allies/publish.hpp"

namespace allies::publish {

// Marks the plan's spans in `doc` (hits found with show_text) and puts the
// summary page first. Exposed for tests.
void mark_review(Document& doc, const RedactionPlan& plan, const std::string& input_name);

// Reads `input` again, marks it, lays it out and writes
// options.review_dir/STEM.review.pdf atomically; returns that path.
std::string write_review_pdf(const std::string& input, const RedactionPlan& plan, const PublishOptions& options,
                             const std::string& stem);

// The colour (hex RRGGBB) a rule's spans are highlighted with.
std::string review_colour(const std::string& rule_code);

}  // namespace allies::publish
