// The redaction report (JSON, schemas/report.schema.json) and the dry-run
// listing. Neither contains redacted text unless the plan was made with
// show_text; names of people appear only then too.
#include <sstream>

#include "allies/convert.hpp"
#include "allies/redact.hpp"
#include "text/encode.hpp"

namespace allies {
namespace {

using text::json_string;

std::string summary_counts(const RedactionPlan& plan) {
    std::string out;
    for (const auto& [rule, n] : plan.count_by_rule()) {
        if (!out.empty()) out += ", ";
        out += rule + " " + std::to_string(n);
    }
    return out;
}

}  // namespace

std::string plan_to_json(const RedactionPlan& plan, const std::string& input_name, const Policy& policy) {
    bool show = false;
    for (const auto& h : plan.hits) show = show || !h.text.empty();
    std::ostringstream o;
    o << "{\n  \"tool\": \"allies-redact\",\n  \"version\": " << json_string(version())
      << ",\n  \"input\": " << json_string(input_name) << ",\n  \"policy_digest\": " << json_string(policy.digest())
      << ",\n  \"counts\": {\n    \"total\": " << plan.hits.size() << ",\n    \"by_rule\": {";
    bool first = true;
    for (const auto& [k, v] : plan.count_by_rule()) {
        o << (first ? "" : ", ") << json_string(k) << ": " << v;
        first = false;
    }
    o << "},\n    \"by_category\": {";
    first = true;
    for (const auto& [k, v] : plan.count_by_category()) {
        o << (first ? "" : ", ") << json_string(k) << ": " << v;
        first = false;
    }
    o << "},\n    \"removed_parts\": " << plan.removed_parts.size() << "\n  },\n  \"people\": [";
    for (std::size_t i = 0; i < plan.people.size(); ++i) {
        const Person& p = plan.people[i];
        o << (i ? "," : "") << "\n    {\"person\": " << i + 1 << ", \"source\": " << json_string(p.source);
        if (!p.role.empty()) o << ", \"role\": " << json_string(p.role);
        if (show) o << ", \"name\": " << json_string(p.name);
        o << "}";
    }
    o << (plan.people.empty() ? "]" : "\n  ]");
    if (!plan.unlisted.empty()) {
        o << ",\n  \"unlisted\": [";
        for (std::size_t i = 0; i < plan.unlisted.size(); ++i) {
            const UnlistedPerson& u = plan.unlisted[i];
            o << (i ? "," : "") << "\n    {\"masked\": " << json_string(u.masked) << ", \"part\": " << json_string(u.part)
              << ", \"paragraph\": " << u.paragraph << ", \"shape\": " << json_string(u.shape);
            if (!u.text.empty()) o << ", \"text\": " << json_string(u.text);
            o << "}";
        }
        o << "\n  ]";
    }
    o << ",\n  \"hits\": [";
    for (std::size_t i = 0; i < plan.hits.size(); ++i) {
        const Hit& h = plan.hits[i];
        o << (i ? "," : "") << "\n    {\"rule\": " << json_string(rule_code(h.rule)) << ", \"category\": " << json_string(h.category)
          << ", \"part\": " << json_string(h.part);
        if (h.paragraph) o << ", \"paragraph\": " << h.paragraph;
        if (!h.heading_path.empty()) {
            o << ", \"heading_path\": [";
            for (std::size_t k = 0; k < h.heading_path.size(); ++k) o << (k ? ", " : "") << json_string(h.heading_path[k]);
            o << "]";
        }
        if (!h.where.empty()) o << ", \"where\": " << json_string(h.where);
        if (!h.detail.empty()) o << ", \"detail\": " << json_string(h.detail);
        if (!h.context.empty()) o << ", \"context\": " << json_string(h.context);
        if (!h.replacement.empty()) o << ", \"replacement\": " << json_string(h.replacement);
        if (h.person >= 0) o << ", \"person\": " << h.person + 1;
        if (!h.text.empty()) o << ", \"text\": " << json_string(h.text);
        o << "}";
    }
    o << (plan.hits.empty() ? "]" : "\n  ]") << ",\n  \"removed_parts\": [";
    for (std::size_t i = 0; i < plan.removed_parts.size(); ++i)
        o << (i ? "," : "") << "\n    {\"part\": " << json_string(plan.removed_parts[i].part)
          << ", \"reason\": " << json_string(plan.removed_parts[i].reason) << "}";
    o << (plan.removed_parts.empty() ? "]" : "\n  ]") << ",\n  \"warnings\": [";
    for (std::size_t i = 0; i < plan.warnings.size(); ++i) o << (i ? ", " : "") << json_string(plan.warnings[i]);
    o << "]\n}\n";
    return o.str();
}

std::string plan_to_text(const RedactionPlan& plan, const std::string& input_name) {
    std::ostringstream o;
    o << input_name << ": " << plan.hits.size() << " hits";
    if (!plan.hits.empty()) o << " (" << summary_counts(plan) << ")";
    o << "\n";
    for (const auto& h : plan.hits) {
        o << rule_code(h.rule) << "\t" << h.category << "\t" << (h.part.empty() ? "-" : h.part);
        if (h.paragraph) o << " ¶" << h.paragraph;
        if (!h.where.empty() && h.where != "body") o << " (" << h.where << ")";
        if (!h.heading_path.empty()) {
            o << "\t[";
            for (std::size_t k = 0; k < h.heading_path.size(); ++k) o << (k ? " › " : "") << h.heading_path[k];
            o << "]";
        }
        o << "\t";
        if (!h.context.empty()) o << "“" << h.context << "”";
        else if (!h.detail.empty()) o << h.detail;
        if (!h.context.empty() && !h.detail.empty() && h.rule != Rule::name) o << " " << h.detail;
        if (!h.replacement.empty() && h.context.empty()) o << " → " << h.replacement;
        if (!h.text.empty()) o << "\n\ttext: " << h.text;
        o << "\n";
    }
    for (const auto& r : plan.removed_parts) o << "removed\t" << r.part << "\t" << r.reason << "\n";
    return o.str();
}

}  // namespace allies
