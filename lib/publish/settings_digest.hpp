// The digest --incremental compares: everything that changes what a
// document's public version is. The policy alone is not enough: a person
// added to the roster must make every document be redacted again.
#pragma once

#include <cstdlib>
#include <string>

#include "allies/publish.hpp"
#include "text/digest.hpp"

namespace allies::publish {

inline std::string settings_digest(const PublishOptions& o) {
    std::string s = "policy " + o.redact.policy.digest() + "\n";
    for (const auto& p : o.redact.roster.people) {
        s += "person " + p.name + "\x1f" + p.role;
        for (const auto& a : p.aliases) s += "\x1f" + a;
        s += "\n";
    }
    // The pseudonym key changes the pseudonyms; only its hash is kept.
    if (!o.redact.pseudonym_key.empty()) s += "pseudonym-key " + text::sha256_hex(o.redact.pseudonym_key) + "\n";
    long long epoch = o.pdf.epoch;
    if (epoch < 0)
        if (const char* e = std::getenv("SOURCE_DATE_EPOCH")) epoch = std::atoll(e);  // what the PDF will carry
    s += "pdfa " + std::to_string(o.pdf.pdfa) + " paper " + std::to_string(o.pdf.paper.width) + "x" +
         std::to_string(o.pdf.paper.height) + " epoch " + std::to_string(epoch) + "\n";
    // Keyed: the digest covers the roster, and the manifest is public.
    return text::hmac_sha256_hex(o.hash_key, s);
}

}  // namespace allies::publish
