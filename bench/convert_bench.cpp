// DOCX to PDF speed (Google Benchmark): open + read + lay out + write PDF
// for generated meeting notes of 10, 50, 100 and 500 notional pages (the
// "pages" counter is the real page count of the PDF). Font discovery
// (fontconfig) is included, as in one allies-convert run.
//   build/bench/convert_bench
// Whole-command timings against LibreOffice: bench/convert_vs_libreoffice.sh.
#include <benchmark/benchmark.h>

#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/reader.hpp"
#include "notes_generator.hpp"

namespace {

// Page objects: "/Type/Page" (PoDoFo writes no space) not followed by "s".
int count_pages(const std::string& pdf) {
    int n = 0;
    const std::string key = "/Type/Page";
    for (std::size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1))
        if (at + key.size() < pdf.size() && pdf[at + key.size()] != 's') ++n;
    return n;
}

void convert_notes(benchmark::State& state) {
    std::string docx = allies::bench::notes_docx(static_cast<int>(state.range(0)));
    std::string pdf;
    for (auto _ : state) {
        auto pkg = allies::Package::open_memory(docx, "notes.docx");
        auto doc = allies::read_document(pkg);
        pdf = allies::to_pdf(doc, pkg);
        benchmark::DoNotOptimize(pdf.size());
    }
    state.counters["pages"] = count_pages(pdf);
    state.counters["pdf_kB"] = static_cast<double>(pdf.size()) / 1e3;
}

}  // namespace

BENCHMARK(convert_notes)->Arg(10)->Arg(50)->Arg(100)->Arg(500)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
