// The verifier's PDF reader and its content-stream lexer on arbitrary bytes.
#include "allies/error.hpp"
#include "fuzz_common.hpp"
#include "verify/content_lexer.hpp"
#include "verify/pdf_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace allies;
    std::string bytes = fuzz::bytes_of(data, size);
    {
        verify::ContentLexer lexer(bytes);
        std::string op;
        std::vector<verify::Operand> operands;
        for (int i = 0; i < 100000 && lexer.next(op, operands); ++i) {
        }
    }
    try {
        (void)verify::read_pdf_text(bytes, "fuzz.pdf");
    } catch (const Error&) {
    }
    return 0;
}
