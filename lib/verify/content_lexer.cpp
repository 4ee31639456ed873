#include "verify/content_lexer.hpp"

#include <cstdlib>

namespace allies::verify {
namespace {

bool is_white(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool is_delim(char c) {
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

void ContentLexer::skip_space() {
    while (i_ < s_.size()) {
        if (is_white(s_[i_])) ++i_;
        else if (s_[i_] == '%') {
            while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
        } else break;
    }
}

std::string ContentLexer::read_name() {
    std::string out;
    ++i_;  // '/'
    while (i_ < s_.size() && !is_white(s_[i_]) && !is_delim(s_[i_])) {
        if (s_[i_] == '#' && i_ + 2 < s_.size() && hex_value(s_[i_ + 1]) >= 0 && hex_value(s_[i_ + 2]) >= 0) {
            out += static_cast<char>(hex_value(s_[i_ + 1]) * 16 + hex_value(s_[i_ + 2]));
            i_ += 3;
        } else {
            out += s_[i_++];
        }
    }
    return out;
}

void ContentLexer::read_literal(std::string& out) {
    ++i_;  // '('
    int nesting = 1;
    while (i_ < s_.size()) {
        char c = s_[i_++];
        if (c == '(') ++nesting;
        else if (c == ')' && --nesting == 0) return;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (i_ >= s_.size()) return;
        char e = s_[i_++];
        switch (e) {
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case '\r':
                if (i_ < s_.size() && s_[i_] == '\n') ++i_;
                break;
            case '\n': break;
            default:
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '7'; ++k) v = v * 8 + (s_[i_++] - '0');
                    out += static_cast<char>(v & 0xFF);
                } else {
                    out += e;
                }
        }
    }
}

void ContentLexer::read_hex(std::string& out) {
    ++i_;  // '<'
    int high = -1;
    while (i_ < s_.size() && s_[i_] != '>') {
        int v = hex_value(s_[i_++]);
        if (v < 0) continue;
        if (high < 0) high = v;
        else {
            out += static_cast<char>(high * 16 + v);
            high = -1;
        }
    }
    if (high >= 0) out += static_cast<char>(high * 16);
    if (i_ < s_.size()) ++i_;  // '>'
}

bool ContentLexer::read_operand(Operand& out, int depth) {
    skip_space();
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    out = Operand{};
    if (c == '/') {
        out.kind = Operand::Kind::name;
        out.text = read_name();
        return true;
    }
    if (c == '(') {
        out.kind = Operand::Kind::string;
        read_literal(out.text);
        return true;
    }
    if (c == '<' && i_ + 1 < s_.size() && s_[i_ + 1] == '<') {
        i_ += 2;
        out.kind = Operand::Kind::dict;
        while (true) {
            skip_space();
            if (i_ >= s_.size()) return true;
            if (s_[i_] == '>' && i_ + 1 < s_.size() && s_[i_ + 1] == '>') {
                i_ += 2;
                return true;
            }
            if (s_[i_] != '/') {  // malformed: skip one byte
                ++i_;
                continue;
            }
            std::string key = read_name();
            Operand value;
            if (depth > 32 || !read_operand(value, depth + 1)) return true;
            out.keys.push_back(std::move(key));
            out.items.push_back(std::move(value));
        }
    }
    if (c == '<') {
        out.kind = Operand::Kind::string;
        read_hex(out.text);
        return true;
    }
    if (c == '[') {
        ++i_;
        out.kind = Operand::Kind::array;
        while (true) {
            skip_space();
            if (i_ >= s_.size()) return true;
            if (s_[i_] == ']') {
                ++i_;
                return true;
            }
            Operand item;
            std::size_t before = i_;
            if (depth > 32 || !read_operand(item, depth + 1)) return true;
            if (item.kind == Operand::Kind::other && i_ == before) ++i_;  // cannot happen, but never loop
            out.items.push_back(std::move(item));
        }
    }
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
        std::size_t j = i_;
        while (j < s_.size() && ((s_[j] >= '0' && s_[j] <= '9') || s_[j] == '-' || s_[j] == '+' || s_[j] == '.')) ++j;
        std::string num(s_.substr(i_, j - i_));
        out.kind = Operand::Kind::number;
        out.number = std::strtod(num.c_str(), nullptr);
        i_ = j;
        return true;
    }
    // A bare word inside an array or dictionary (true, false, null) is a
    // value; at the top level it is the operator, which the caller reads.
    if (depth > 0) {
        std::size_t j = i_;
        while (j < s_.size() && !is_white(s_[j]) && !is_delim(s_[j])) ++j;
        if (j == i_) return false;
        out.kind = Operand::Kind::other;
        out.text.assign(s_.substr(i_, j - i_));
        i_ = j;
        return true;
    }
    return false;
}

void ContentLexer::skip_inline_image() {
    // After "ID" and one white-space byte, data runs to "EI" between white space.
    if (i_ < s_.size()) ++i_;
    while (i_ + 1 < s_.size()) {
        if (s_[i_] == 'E' && s_[i_ + 1] == 'I' && i_ > 0 && is_white(s_[i_ - 1]) &&
            (i_ + 2 >= s_.size() || is_white(s_[i_ + 2]) || is_delim(s_[i_ + 2]))) {
            i_ += 2;
            return;
        }
        ++i_;
    }
    i_ = s_.size();
}

bool ContentLexer::next(std::string& op, std::vector<Operand>& operands) {
    operands.clear();
    while (true) {
        skip_space();
        if (i_ >= s_.size()) return false;
        char c = s_[i_];
        if (c == ']' || c == ')' || c == '>' || c == '{' || c == '}') {  // stray delimiter: skip
            ++i_;
            continue;
        }
        Operand o;
        std::size_t before = i_;
        if (read_operand(o, 0)) {
            if (operands.size() < 64) operands.push_back(std::move(o));
            continue;
        }
        i_ = before;
        std::size_t j = i_;
        while (j < s_.size() && !is_white(s_[j]) && !is_delim(s_[j])) ++j;
        if (j == i_) {  // a lone delimiter read_operand did not take
            ++i_;
            continue;
        }
        op.assign(s_.substr(i_, j - i_));
        i_ = j;
        if (op == "true" || op == "false" || op == "null") {
            Operand b;
            b.kind = Operand::Kind::other;
            b.number = op == "true";
            if (operands.size() < 64) operands.push_back(std::move(b));
            continue;
        }
        if (op == "BI") {
            // Inline image: key/value pairs up to ID, then binary data up to EI.
            while (true) {
                skip_space();
                if (i_ >= s_.size()) return false;
                if (s_.compare(i_, 2, "ID") == 0 && (i_ + 2 >= s_.size() || is_white(s_[i_ + 2]))) {
                    i_ += 2;
                    skip_inline_image();
                    break;
                }
                Operand skip;
                if (!read_operand(skip, 0)) {
                    std::size_t k = i_;
                    while (k < s_.size() && !is_white(s_[k]) && !is_delim(s_[k])) ++k;
                    i_ = k > i_ ? k : i_ + 1;
                }
            }
            operands.clear();
            continue;
        }
        return true;
    }
}

}  // namespace allies::verify
