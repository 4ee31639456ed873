// End-to-end: the allies-redact command on the bundled sample and on small
// documents: exit codes, streams, reports, dry runs, and the golden public text.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "allies/convert.hpp"
#include "allies/package.hpp"
#include "allies/reader.hpp"
#include "support/docx_builder.hpp"
#include "support/tool_fixture.hpp"

namespace fs = std::filesystem;
using namespace allies::testing;

namespace {

const fs::path kSample = fs::path(ALLIES_SOURCE_DIR) / "samples" / "meeting-notes.docx";
const fs::path kRoster = fs::path(ALLIES_SOURCE_DIR) / "samples" / "roster.txt";

class RedactCli : public ToolTest {
protected:
    RedactCli() : ToolTest(ALLIES_REDACT_BIN, "allies-redact-cli-") {}

    static std::string text_of(const std::string& docx_bytes) {
        auto pkg = allies::Package::open_memory(docx_bytes, "x.docx");
        return allies::convert(allies::read_document(pkg), allies::TextFormat::text);
    }

    static std::string all_parts(const std::string& docx_bytes) {
        auto pkg = allies::Package::open_memory(docx_bytes, "x.docx");
        std::string s;
        for (const auto& n : pkg.part_names()) s += pkg.part_bytes(n);
        return s;
    }

};

const char* kNames[] = {"Laura", "Bennett", "Okafor", "Priya", "Raman", "Zoë", "Zoe", "ZOË", "Hughes", "Daniel",
                        "Fraser", "Margaret", "Neill", "Helen", "Carter", "Grace", "Whitfield", "tom.okafor"};

}  // namespace

TEST_F(RedactCli, SampleWithRosterMatchesTheGoldenPublicTextAndLeaksNoName) {
    auto out = dir_ / "public.docx";
    std::string before = slurp(kSample);
    Result r = run(kSample.string() + " --names " + kRoster.string() + " -o " + out.string());
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;  // one summary line
    EXPECT_EQ(slurp(kSample), before);                                   // input untouched
    std::string bytes = slurp(out);
    std::string raw = all_parts(bytes);
    for (const char* n : kNames) EXPECT_EQ(raw.find(n), std::string::npos) << n;
    EXPECT_EQ(text_of(bytes), slurp(fs::path(ALLIES_SOURCE_DIR) / "tests" / "golden" / "meeting-notes.public.txt"));
}

TEST_F(RedactCli, WorksInAPipe) {
    Result r = run("- --names " + kRoster.string() + " -o - -q", kSample.string());
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.err.empty());
    EXPECT_EQ(text_of(r.out), slurp(fs::path(ALLIES_SOURCE_DIR) / "tests" / "golden" / "meeting-notes.public.txt"));
}

TEST_F(RedactCli, DryRunPrintsAMaskedPlanAndWritesNothing) {
    auto out = dir_ / "never.docx";
    Result r = run(kSample.string() + " --names " + kRoster.string() + " --dry-run -o " + out.string());
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(fs::exists(out));
    for (const char* rule : {"M1", "M2", "M3", "M4", "M5", "M6", "M7", "name", "pattern", "sanitise"})
        EXPECT_NE(r.out.find(std::string("\n") + rule + "\t"), std::string::npos) << rule << "\n" << r.out;
    for (const char* n : kNames) EXPECT_EQ(r.out.find(n), std::string::npos) << n;
    Result shown = run(kSample.string() + " --names " + kRoster.string() + " --dry-run --show-text");
    EXPECT_NE(shown.out.find("Laura Bennett"), std::string::npos);
}

TEST_F(RedactCli, ReportHasCountsAndNoRedactedText) {
    auto out = dir_ / "p.docx", report = dir_ / "r.json";
    Result r = run(kSample.string() + " --names " + kRoster.string() + " -o " + out.string() + " --report " + report.string());
    ASSERT_EQ(r.code, 0) << r.err;
    std::string json = slurp(report);
    EXPECT_NE(json.find("\"by_rule\""), std::string::npos);
    EXPECT_NE(json.find("\"M5\": 1"), std::string::npos) << json.substr(0, 600);
    for (const char* n : kNames) EXPECT_EQ(json.find(n), std::string::npos) << n;
    for (const char* secret : {"20-45-77", "41826603", "Mill Lane", "surgery", "lease dispute", "probation", "medical leave"})
        EXPECT_EQ(json.find(secret), std::string::npos) << secret;
}

TEST_F(RedactCli, ExitCodesAndOneLineErrors) {
    auto out = dir_ / "o.docx";
    EXPECT_EQ(run(kSample.string() + " -o " + kSample.string()).code, 2);
    EXPECT_EQ(run("--no-such-option").code, 2);
    EXPECT_EQ(run(kSample.string()).code, 2);  // no -o and no --dry-run
    Result missing = run((dir_ / "missing.docx").string() + " -o " + out.string());
    EXPECT_EQ(missing.code, 3);
    EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1);
    auto policy = write("bad.toml", "[patterns]\nemial = true\n");
    Result bad = run(kSample.string() + " --policy " + policy.string() + " -o " + out.string());
    EXPECT_EQ(bad.code, 6);
    EXPECT_NE(bad.err.find("bad.toml"), std::string::npos);
    EXPECT_NE(bad.err.find("emial"), std::string::npos);
    DocxBuilder b;
    b.body = para("Open [[redact]] never closed.");
    auto unclosed = write("unclosed.docx", b.build());
    Result refused = run(unclosed.string() + " -o " + out.string());
    EXPECT_EQ(refused.code, 7);
    EXPECT_NE(refused.err.find("unclosed"), std::string::npos);
    EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1);
    EXPECT_FALSE(fs::exists(out));
}

TEST_F(RedactCli, DefaultPolicyPrintsAndReadsBack) {
    Result r = run("--print-default-policy");
    ASSERT_EQ(r.code, 0);
    auto policy = write("default.toml", r.out);
    auto out = dir_ / "o.docx";
    EXPECT_EQ(run(kSample.string() + " --policy " + policy.string() + " -q -o " + out.string()).code, 0);
}

TEST_F(RedactCli, SameOptionsSameBytes) {
    auto a = dir_ / "a.docx", b = dir_ / "b.docx";
    ASSERT_EQ(run(kSample.string() + " --names " + kRoster.string() + " -q -o " + a.string()).code, 0);
    ASSERT_EQ(run(kSample.string() + " --names " + kRoster.string() + " -q -o " + b.string()).code, 0);
    EXPECT_EQ(slurp(a), slurp(b));
}

TEST_F(RedactCli, KeepTakesOneValueSoTheInputCanFollow) {
    auto out = dir_ / "k.docx";
    Result r = run("--names " + kRoster.string() + " --keep \"Town Hall\" --keep=Trust " + kSample.string() + " -q -o " + out.string());
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::exists(out));
}
