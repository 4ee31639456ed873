// Redaction speed (Google Benchmark): open + find + apply (including the
// self-check, which re-reads the result) + serialise, for generated
// meeting notes of 10, 50, 100 and 500 pages.
//   build/bench/redact_bench                      run the benchmarks
//   build/bench/redact_bench --write-samples DIR  write notes-N.docx for
//                                                 whole-command runs (bench/run_redact.sh)
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>

#include "allies/package.hpp"
#include "allies/redact.hpp"
#include "notes_generator.hpp"

namespace {

void redact_notes(benchmark::State& state) {
    int pages = static_cast<int>(state.range(0));
    std::string docx = allies::bench::notes_docx(pages);
    allies::RedactOptions options;
    options.roster = allies::Roster::parse(allies::bench::kRoster, "roster");
    std::size_t xml_bytes = 0;
    {
        auto pkg = allies::Package::open_memory(docx, "notes.docx");
        for (const auto& n : pkg.part_names()) xml_bytes += pkg.part_bytes(n).size();
    }
    for (auto _ : state) {
        auto pkg = allies::Package::open_memory(docx, "notes.docx");
        allies::Redactor r(pkg, options);
        benchmark::DoNotOptimize(r.public_bytes().size());
    }
    state.counters["pages"] = pages;
    state.counters["xml_MB"] = static_cast<double>(xml_bytes) / 1e6;
}

}  // namespace

BENCHMARK(redact_notes)->Arg(10)->Arg(50)->Arg(100)->Arg(500)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--write-samples") == 0) {
        for (int pages : {10, 100, 500}) {
            std::ofstream(std::string(argv[2]) + "/notes-" + std::to_string(pages) + ".docx", std::ios::binary)
                << allies::bench::notes_docx(pages);
        }
        std::ofstream(std::string(argv[2]) + "/roster.txt") << allies::bench::kRoster;
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    return 0;
}
