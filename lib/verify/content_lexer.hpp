// A lexer for PDF content streams (ISO 32000-1 §7.2, §8.9.7 inline images)
// that reads operands into small values and hands each operator over with
// them. PoDoFo 0.9.8's PdfContentsTokenizer reads through an istream and
// allocates a PdfVariant per token, ~3.4 µs a token: it made reading a
// 13-page PDF back cost more than writing it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace allies::verify {

struct Operand {
    enum class Kind { number, name, string, array, dict, other } kind = Kind::other;
    double number = 0;
    std::string text;               // name (without '/') or string bytes (escapes and hex decoded)
    std::vector<Operand> items;     // array; a dict's values
    std::vector<std::string> keys;  // a dict's keys, parallel to items (a pair
                                    // with Operand, incomplete here, is not allowed)
    const Operand* get(std::string_view key) const {
        for (std::size_t i = 0; i < keys.size() && i < items.size(); ++i)
            if (keys[i] == key) return &items[i];
        return nullptr;
    }
};

class ContentLexer {
public:
    explicit ContentLexer(std::string_view data) : s_(data) {}
    // The next operator with its operands; false at the end. Inline image
    // data (BI ... ID <bytes> EI) is skipped whole.
    bool next(std::string& op, std::vector<Operand>& operands);

private:
    void skip_space();
    bool read_operand(Operand& out, int depth);
    void read_literal(std::string& out);
    void read_hex(std::string& out);
    std::string read_name();
    void skip_inline_image();

    std::string_view s_;
    std::size_t i_ = 0;
};

}  // namespace allies::verify
