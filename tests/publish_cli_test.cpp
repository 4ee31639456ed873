// End-to-end: allies-publish as a user runs it: real files, folders, exit
// codes, the manifest; the public files are searched afterwards with
// independent tools (unzip, pdftotext, pdfinfo), and a tampered redaction
// must be caught and kept out of the public folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/exit_codes.hpp"
#include "support/docx_builder.hpp"
#include "support/tool_fixture.hpp"

namespace fs = std::filesystem;
using namespace allies::testing;
using Json = nlohmann::json;

namespace {

const fs::path kSample = fs::path(ALLIES_SOURCE_DIR) / "samples" / "meeting-notes.docx";
const fs::path kRoster = fs::path(ALLIES_SOURCE_DIR) / "samples" / "roster.txt";

// Every name of the roster, and other things the sample marks sensitive.
const std::vector<std::string> kSecrets = {
    "Laura Bennett", "Okafor", "Priya", "Raman", "Zoë Ward", "Hughes", "Fraser", "O’Neill", "Whitfield",
    "tom.okafor@example.org", "7946 0958", "31,400", "Mill Lane", "probation", "settling for", "41826603", "[[redact"};

class PublishCli : public ToolTest {
protected:
    PublishCli() : ToolTest(ALLIES_PUBLISH_BIN, "allies-publish-cli-") {}
    void SetUp() override {
        ToolTest::SetUp();
        ::setenv("ALLIES_HASH_KEY_FILE", (dir_ / "hash-key").c_str(), 1);
    }
    std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
    Result publish(const std::string& args) { return run(args + " --names " + q(kRoster)); }
    Json manifest(const fs::path& out) { return Json::parse(slurp(out / "manifest.json")); }
    fs::path copy_sample(const fs::path& to) {
        fs::create_directories(to.parent_path());
        fs::copy_file(kSample, to, fs::copy_options::overwrite_existing);
        return to;
    }
    static std::vector<std::string> files_in(const fs::path& d) {
        std::vector<std::string> out;
        if (!fs::exists(d)) return out;
        for (auto& e : fs::recursive_directory_iterator(d)) out.push_back(fs::relative(e.path(), d).string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

TEST_F(PublishCli, SamplePublishedCleanAsIndependentToolsSeeIt) {
    fs::path out = dir_ / "public", review = dir_ / "review";
    Result r = publish(q(kSample) + " -o " + q(out) + " --review " + q(review));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(files_in(out), (std::vector<std::string>{"manifest.json", "meeting-notes.docx", "meeting-notes.pdf",
                                                        "meeting-notes.report.json"}));
    std::string pdf_text = run_shell("pdftotext -enc UTF-8 " + q(out / "meeting-notes.pdf") + " -");
    std::string pdf_info = run_shell("pdfinfo -meta " + q(out / "meeting-notes.pdf"));
    std::string docx_all = run_shell("unzip -p " + q(out / "meeting-notes.docx"));
    std::string report = slurp(out / "meeting-notes.report.json");
    ASSERT_NE(pdf_text.find("Budget update"), std::string::npos);  // the public content is there
    ASSERT_NE(docx_all.find("Budget update"), std::string::npos);
    for (const auto& s : kSecrets) {
        EXPECT_EQ(pdf_text.find(s), std::string::npos) << s;
        EXPECT_EQ(pdf_info.find(s), std::string::npos) << s;
        EXPECT_EQ(docx_all.find(s), std::string::npos) << s;
        EXPECT_EQ(report.find(s), std::string::npos) << s;
    }
    Json m = manifest(out);
    ASSERT_EQ(m["documents"].size(), 1u);
    const Json& d = m["documents"][0];
    EXPECT_EQ(d["status"], "published");
    EXPECT_EQ(d["verification"]["result"], "clean");
    EXPECT_GT(d["redactions"]["total"].get<int>(), 20);
    for (const auto& o : d["outputs"]) {
        std::string sha = run_shell("sha256sum " + q(out / o["path"].get<std::string>()));
        EXPECT_EQ(sha.substr(0, 64), o["sha256"].get<std::string>()) << o["path"];
    }
    // The review is beside, not in, the public folder, and shows the marks.
    std::string review_text = run_shell("pdftotext -enc UTF-8 " + q(review / "meeting-notes.review.pdf") + " -");
    EXPECT_NE(review_text.find("Redaction review"), std::string::npos);
    EXPECT_NE(review_text.find("[M4 legal]"), std::string::npos);
    EXPECT_NE(review_text.find("Laura Bennett [name]"), std::string::npos);
}

TEST_F(PublishCli, TamperedRedactionIsCaughtAndNothingIsPublished) {
    for (std::string mode : {"name", "region", "meta"}) {
        fs::path out = dir_ / ("out-" + mode);
        ::setenv("ALLIES_TEST_TAMPER", mode.c_str(), 1);
        std::string cmd = std::string(ALLIES_PUBLISH_TESTHOOK_BIN) + " " + q(kSample) + " -o " + q(out) + " --names " +
                          q(kRoster) + " >" + q(dir_ / "o") + " 2>" + q(dir_ / "e");
        int status = std::system(cmd.c_str());
        ::unsetenv("ALLIES_TEST_TAMPER");
        std::string err = slurp(dir_ / "e");
        EXPECT_EQ(WEXITSTATUS(status), 8) << mode << ": " << err;
        EXPECT_EQ(files_in(out), std::vector<std::string>{"manifest.json"}) << mode;  // nothing of it landed
        EXPECT_NE(err.find("leak: "), std::string::npos) << mode;
        EXPECT_EQ(err.find("Laura"), std::string::npos) << mode;  // the message does not repeat the secret
        Json d = manifest(out)["documents"][0];
        EXPECT_EQ(d["status"], "leak");
        EXPECT_FALSE(d["verification"]["findings"].empty());
        EXPECT_TRUE(d["outputs"].empty());
    }
}

TEST_F(PublishCli, BatchWithACorruptInputPublishesTheOthers) {
    fs::path in = dir_ / "in";
    copy_sample(in / "a.docx");
    copy_sample(in / "sub" / "b.docx");
    std::string bytes = slurp(kSample);
    write("in/broken.docx", bytes.substr(0, bytes.size() / 3));
    write("in/~$a.docx", "lock file");
    fs::path out = dir_ / "out";
    Result r = publish(q(in) + " -o " + q(out) + " --jobs 2 --json");
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(files_in(out), (std::vector<std::string>{"a.docx", "a.pdf", "a.report.json", "manifest.json", "sub",
                                                        "sub/b.docx", "sub/b.pdf", "sub/b.report.json"}));
    // One error line naming the file.
    EXPECT_NE(r.err.find("allies-publish: error: " + (in / "broken.docx").string() + ": "), std::string::npos) << r.err;
    int lines = 0;
    for (std::size_t at = 0; (at = r.out.find('\n', at)) != std::string::npos; ++at) ++lines;
    EXPECT_EQ(lines, 3);  // one JSON object per document; the lock file is not a document
    Json m = manifest(out);
    EXPECT_EQ(m["counts"]["published"], 2);
    EXPECT_EQ(m["counts"]["failed"], 1);
}

TEST_F(PublishCli, RerunsAreByteIdenticalAndIncrementalSkipsUnchanged) {
    fs::path in = dir_ / "in";
    copy_sample(in / "a.docx");
    copy_sample(in / "b.docx");
    fs::path out1 = dir_ / "out1", out2 = dir_ / "out2";
    ASSERT_EQ(publish(q(in) + " -o " + q(out1) + " -q").code, 0);
    ASSERT_EQ(publish(q(in) + " -o " + q(out2) + " -q --jobs 1").code, 0);
    for (const auto& f : files_in(out1)) EXPECT_EQ(slurp(out1 / f), slurp(out2 / f)) << f;
    std::string before = slurp(out1 / "manifest.json");
    Result again = publish(q(in) + " -o " + q(out1) + " --incremental --json");
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_EQ(std::count(again.out.begin(), again.out.end(), '\n'), 2);
    EXPECT_NE(again.out.find("\"status\":\"unchanged\""), std::string::npos);
    EXPECT_EQ(again.out.find("\"status\":\"published\""), std::string::npos);
    EXPECT_EQ(slurp(out1 / "manifest.json"), before);
    // A changed input is published again; so is one whose output was deleted.
    DocxBuilder changed;
    changed.body = para("Minutes of the extra meeting.");
    write("in/b.docx", changed.build());
    fs::remove(out1 / "a.pdf");
    Result third = publish(q(in) + " -o " + q(out1) + " --incremental --json");
    ASSERT_EQ(third.code, 0) << third.err;
    EXPECT_EQ(third.out.find("\"status\":\"unchanged\""), std::string::npos) << third.out;
    EXPECT_NE(slurp(out1 / "b.pdf"), slurp(out2 / "b.pdf"));
    EXPECT_NE(run_shell("pdftotext " + q(out1 / "b.pdf") + " -").find("extra meeting"), std::string::npos);
    EXPECT_TRUE(fs::exists(out1 / "a.pdf"));
    EXPECT_EQ(slurp(out1 / "a.pdf"), slurp(out2 / "a.pdf"));
}

TEST_F(PublishCli, WorkersShareOnePublicFolderWithTheirOwnManifests) {
    // The README's recipe: each worker gets a list, keeps paths below the
    // base folder, writes into the shared OUTDIR and its own manifest.
    fs::path in = dir_ / "notes";
    copy_sample(in / "2025" / "minutes.docx");
    copy_sample(in / "2026" / "minutes.docx");
    write("part0.txt", (in / "2025" / "minutes.docx").string() + "\n");
    write("part1.txt", (in / "2026" / "minutes.docx").string() + "\n");
    fs::path out = dir_ / "public", m = dir_ / "manifests";
    fs::create_directories(m);
    for (int part = 0; part < 2; ++part) {
        std::string list = (dir_ / ("part" + std::to_string(part) + ".txt")).string();
        Result r = publish("--files-from - --base " + q(in) + " -o " + q(out) + " --manifest " +
                           q(m / ("part-" + std::to_string(part) + ".json")) + " -q" + " <" + q(fs::path(list)));
        ASSERT_EQ(r.code, 0) << r.err;
    }
    Result merged = run("--merge-manifests " + q(m / "part-0.json") + " " + q(m / "part-1.json") + " -o " + q(out));
    ASSERT_EQ(merged.code, 0) << merged.err;
    Json all = manifest(out);
    ASSERT_EQ(all["documents"].size(), 2u);
    EXPECT_EQ(all["documents"][0]["stem"], "2025/minutes");
    EXPECT_EQ(all["documents"][1]["stem"], "2026/minutes");
    for (const auto& d : all["documents"])
        for (const auto& o : d["outputs"]) EXPECT_TRUE(fs::exists(out / o["path"].get<std::string>())) << o["path"];
}

TEST_F(PublishCli, IncrementalRedoesEverythingWhenTheRosterChanges) {
    fs::path in = dir_ / "in", out = dir_ / "out";
    copy_sample(in / "a.docx");
    ASSERT_EQ(publish(q(in) + " -o " + q(out) + " -q").code, 0);
    write("roster2.txt", slurp(kRoster) + "Clerk Person | The Clerk\n");
    Result r = run(q(in) + " -o " + q(out) + " --incremental --json -q --names " + q(dir_ / "roster2.txt"));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("\"status\":\"published\""), std::string::npos) << r.out;
    EXPECT_EQ(run_shell("pdftotext " + q(out / "a.pdf") + " -").find("The Clerk"), std::string::npos);
}

TEST_F(PublishCli, WorkersManifestsMerge) {
    fs::path in = dir_ / "in";
    copy_sample(in / "a.docx");
    copy_sample(in / "b.docx");
    copy_sample(in / "c.docx");
    fs::path w1 = dir_ / "w1", w2 = dir_ / "w2", all = dir_ / "all";
    // Two workers, each its share (as a Slurm array or GNU parallel would run them).
    ASSERT_EQ(publish(q(in / "a.docx") + " " + q(in / "b.docx") + " -o " + q(w1) + " -q").code, 0);
    ASSERT_EQ(publish(q(in / "c.docx") + " -o " + q(w2) + " -q").code, 0);
    ASSERT_EQ(publish(q(in) + " -o " + q(all) + " -q").code, 0);
    Result m = run("--merge-manifests " + q(w1 / "manifest.json") + " " + q(w2 / "manifest.json") + " -o " +
                   q(dir_ / "merged.json"));
    ASSERT_EQ(m.code, 0) << m.err;
    Json merged = Json::parse(slurp(dir_ / "merged.json"));
    ASSERT_EQ(merged["documents"].size(), 3u);
    EXPECT_EQ(merged["counts"]["published"], 3);
    // The same outputs as one run over all three (inputs named alike).
    Json single = manifest(all);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(merged["documents"][i]["outputs"], single["documents"][i]["outputs"]);
    // The same output name from two workers with different results is refused.
    write("in2/a.docx", slurp(kSample).substr(0, 100));
    fs::path w3 = dir_ / "w3";
    publish(q(dir_ / "in2" / "a.docx") + " -o " + q(w3) + " -q");
    Result conflict = run("--merge-manifests " + q(w1 / "manifest.json") + " " + q(w3 / "manifest.json") + " -o " +
                          q(dir_ / "bad.json"));
    EXPECT_EQ(conflict.code, 2);
    EXPECT_FALSE(fs::exists(dir_ / "bad.json"));
}

TEST_F(PublishCli, VerifyOnlyRechecksPublishedFilesFromTheReport) {
    fs::path out = dir_ / "out";
    ASSERT_EQ(publish(q(kSample) + " -o " + q(out) + " -q").code, 0);
    fs::path report = out / "meeting-notes.report.json";
    Result clean = run("--verify-only " + q(out / "meeting-notes.pdf") + " " + q(out / "meeting-notes.docx") + " --against " + q(report));
    EXPECT_EQ(clean.code, 0) << clean.err;
    write("leaky.txt", "Minutes: Margaret O'Neill sent apologies.");
    Result leak = run("--verify-only " + q(dir_ / "leaky.txt") + " --against " + q(report));
    EXPECT_EQ(leak.code, 8);
    EXPECT_NE(leak.err.find("leaky.txt: text: name (person"), std::string::npos) << leak.err;
    EXPECT_EQ(leak.err.find("Neill"), std::string::npos);
    write("other-key", "another key of at least sixteen bytes");
    Result wrong = run("--verify-only " + q(out / "meeting-notes.pdf") + " --against " + q(report) + " --hash-key-file " +
                       q(dir_ / "other-key"));
    EXPECT_EQ(wrong.code, 2);
    EXPECT_NE(wrong.err.find("another hash key"), std::string::npos);
}

TEST_F(PublishCli, FilesFromStdinFailFastAndUsage) {
    fs::path in = dir_ / "in";
    copy_sample(in / "b.docx");
    copy_sample(in / "c.docx");
    write("in/a.docx", "not a zip");
    write("list.txt", (in / "a.docx").string() + "\n" + (in / "b.docx").string() + "\n" + (in / "c.docx").string() + "\n");
    Result ff = run("--files-from - -o " + q(dir_ / "out") + " --jobs 1 --fail-fast", (dir_ / "list.txt").string());
    EXPECT_EQ(ff.code, 1);
    EXPECT_NE(ff.err.find("2 not started"), std::string::npos) << ff.err;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "b.pdf"));

    EXPECT_EQ(run(q(kSample)).code, 2);                                             // no -o
    EXPECT_EQ(run(q(kSample) + " -o " + q(dir_ / "x") + " --formats docx,rtf").code, 2);
    EXPECT_EQ(run("-o " + q(dir_ / "x")).code, 2);                                  // no inputs
    Result inside = run(q(kSample) + " -o " + q(dir_ / "pub") + " --review " + q(dir_ / "pub" / "review"));
    EXPECT_EQ(inside.code, 2);  // the review must never land in the public folder
    EXPECT_FALSE(fs::exists(dir_ / "pub"));
    EXPECT_EQ(run(q(kSample) + " -o " + q(dir_ / "x") + " --policy " + q(dir_ / "missing.toml")).code, 6);
    // Two inputs that would write one output name.
    copy_sample(dir_ / "p" / "notes.docx");
    copy_sample(dir_ / "q" / "notes.docx");
    Result clash = run(q(dir_ / "p" / "notes.docx") + " " + q(dir_ / "q" / "notes.docx") + " -o " + q(dir_ / "y"));
    EXPECT_EQ(clash.code, 2);
    EXPECT_NE(clash.err.find("same output name"), std::string::npos);
    // An output folder that would overwrite the input is refused for that input.
    Result self = run(q(in / "b.docx") + " -o " + q(in) + " --formats docx");
    EXPECT_EQ(self.code, 1);
    EXPECT_EQ(slurp(in / "b.docx"), slurp(kSample));
}

TEST_F(PublishCli, OutputFolderInsideTheInputFolderIsNotRepublished) {
    fs::path in = dir_ / "notes";
    copy_sample(in / "a.docx");
    ASSERT_EQ(publish(q(in) + " -o " + q(in / "public") + " -q").code, 0);
    Result again = publish(q(in) + " -o " + q(in / "public") + " --json -q");
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_EQ(std::count(again.out.begin(), again.out.end(), '\n'), 1);  // a.docx only, not public/a.docx
    EXPECT_FALSE(fs::exists(in / "public" / "public"));
}

TEST_F(PublishCli, InterruptStopsWorkersCleanlyAndKeepsWhatWasVerified) {
    fs::path in = dir_ / "in";
    for (int i = 0; i < 60; ++i) copy_sample(in / ("n" + std::to_string(100 + i) + ".docx"));
    fs::path out = dir_ / "out";
    std::string cmd = std::string(ALLIES_PUBLISH_BIN) + " " + q(in) + " -o " + q(out) + " --names " + q(kRoster) +
                      " --jobs 1 -q 2>" + q(dir_ / "e") + " & pid=$!; sleep 1; kill -INT $pid; wait $pid";
    int status = std::system(("sh -c " + q(fs::path(cmd))).c_str());
    ASSERT_EQ(WEXITSTATUS(status), 130) << slurp(dir_ / "e");
    Json m = manifest(out);
    std::size_t published = m["documents"].size();
    EXPECT_GT(published, 0u);
    EXPECT_LT(published, 60u);
    for (const auto& d : m["documents"]) {
        EXPECT_EQ(d["status"], "published");
        for (const auto& o : d["outputs"]) EXPECT_TRUE(fs::exists(out / o["path"].get<std::string>()));
    }
    for (const auto& f : files_in(out)) EXPECT_EQ(f.find(".allies-staging"), std::string::npos) << f;
    // --incremental carries on where it stopped.
    Result rest = publish(q(in) + " -o " + q(out) + " --incremental -q");
    EXPECT_EQ(rest.code, 0) << rest.err;
    EXPECT_EQ(manifest(out)["documents"].size(), 60u);
}

TEST_F(PublishCli, ADocumentThatNowLeaksIsWithdrawnNotLeftInItsOldVersion) {
    fs::path in = dir_ / "in", out = dir_ / "out";
    copy_sample(in / "notes.docx");
    ASSERT_EQ(publish(q(in) + " -o " + q(out) + " --formats docx,pdf,html -q").code, 0);
    ASSERT_TRUE(fs::exists(out / "notes.html"));
    // Fewer formats: the dropped one goes.
    ASSERT_EQ(publish(q(in) + " -o " + q(out) + " -q").code, 0);
    EXPECT_FALSE(fs::exists(out / "notes.html"));
    EXPECT_TRUE(fs::exists(out / "notes.pdf"));
    // Now the redaction is broken: the old public files must not stay.
    ::setenv("ALLIES_TEST_TAMPER", "name", 1);
    std::string cmd = std::string(ALLIES_PUBLISH_TESTHOOK_BIN) + " " + q(in) + " -o " + q(out) + " --names " + q(kRoster) +
                      " -q 2>/dev/null";
    int status = std::system(cmd.c_str());
    ::unsetenv("ALLIES_TEST_TAMPER");
    EXPECT_EQ(WEXITSTATUS(status), 8);
    EXPECT_EQ(files_in(out), std::vector<std::string>{"manifest.json"});
    // Nothing is staged inside the public folder or left beside it.
    for (const auto& f : files_in(dir_)) EXPECT_EQ(f.find("allies-staging"), std::string::npos) << f;
}

// A table row of exact height (w:hRule="exact") shows only what fits, as
// Word shows it: the layout draws no more, so the PDF lacks the rest of the
// cell's words, which the public DOCX (and its HTML) still show.
std::string clipped_row_document() {
    std::string words;
    for (int i = 0; i < 40; ++i) words += "overflowword" + std::to_string(i) + " ";
    DocxBuilder b;
    b.body = para("Minutes of the clipped meeting.") +
             "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:trPr><w:trHeight w:val=\"300\" "
             "w:hRule=\"exact\"/></w:trPr><w:tc><w:p><w:r><w:t>" + words + "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" +
             para("Closing remarks.");
    return b.build();
}

TEST_F(PublishCli, APdfThatLostWordsIsNotPublishedAndTheManifestSaysWhereNotWhat) {
    fs::path in = dir_ / "in", out = dir_ / "out";
    copy_sample(in / "notes.docx");
    write("in/clipped.docx", clipped_row_document());

    // Allowed: published, with a warning naming the place; the manifest
    // records the places.
    Result allowed = publish(q(in) + " -o " + q(out) + " --formats docx,pdf,html --allow-incomplete");
    ASSERT_EQ(allowed.code, 0) << allowed.err;
    EXPECT_TRUE(fs::exists(out / "clipped.pdf"));
    EXPECT_NE(allowed.err.find("warning: " + (in / "clipped.docx").string() +
                               ": clipped.pdf lacks "), std::string::npos) << allowed.err;
    Json m = manifest(out);
    EXPECT_EQ(m["documents"][0]["stem"], "clipped");
    EXPECT_EQ(m["documents"][0]["status"], "published");
    EXPECT_EQ(m["documents"][0]["completeness"]["result"], "incomplete");
    EXPECT_EQ(m["documents"][1]["completeness"]["result"], "complete");

    // By default (and --incremental does not keep what was allowed before):
    // not published, its earlier files withdrawn, the other document kept.
    Result r = publish(q(in) + " -o " + q(out) + " --formats docx,pdf,html --incremental --json");
    EXPECT_EQ(r.code, 9) << r.err;
    EXPECT_EQ(files_in(out), (std::vector<std::string>{"manifest.json", "notes.docx", "notes.html", "notes.pdf",
                                                       "notes.report.json"}));
    for (const auto& f : files_in(dir_)) EXPECT_EQ(f.find("allies-staging"), std::string::npos) << f;
    EXPECT_NE(r.err.find("incomplete: " + (in / "clipped.docx").string() + ": clipped.pdf lacks "), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("word/document.xml paragraph 2: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("not published"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(", 1 incomplete"), std::string::npos) << r.err;
    m = manifest(out);
    EXPECT_EQ(m["counts"]["incomplete"], 1);
    EXPECT_EQ(m["counts"]["leak"], 0);
    EXPECT_EQ(m["counts"]["published"], 1);
    const Json d = m["documents"][0];
    EXPECT_EQ(d["status"], "incomplete");
    EXPECT_TRUE(d["outputs"].empty());
    EXPECT_EQ(d["verification"]["result"], "clean");  // not a leak
    EXPECT_EQ(d["completeness"]["result"], "incomplete");
    // The PDF only: the HTML shows the whole cell.
    ASSERT_EQ(d["completeness"]["missing"].size(), 1u);
    EXPECT_EQ(d["completeness"]["missing"][0]["output"], "clipped.pdf");
    EXPECT_EQ(d["completeness"]["missing"][0]["where"], "word/document.xml paragraph 2");
    EXPECT_GT(d["completeness"]["missing"][0]["words"].get<int>(), 20);
    EXPECT_LT(d["completeness"]["missing"][0]["words"].get<int>(), 40);
    // Where, never what: not in the public manifest, nor on standard error.
    EXPECT_EQ(slurp(out / "manifest.json").find("overflowword"), std::string::npos);
    EXPECT_EQ(r.err.find("overflowword"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("overflowword"), std::string::npos);
}

// One exit code for a batch: the most serious outcome among its documents.
TEST(PublishExitCode, ALeakOutranksLostWordsWhichOutrankFailures) {
    auto run_of = [](std::initializer_list<allies::DocStatus> statuses) {
        allies::BatchRun run;
        for (auto s : statuses) {
            run.documents.emplace_back();
            run.documents.back().status = s;
        }
        return allies::tool::exit_code_for(run);
    };
    using S = allies::DocStatus;
    EXPECT_EQ(run_of({S::published, S::unchanged}), 0);
    EXPECT_EQ(run_of({S::published, S::refused, S::failed}), 1);
    EXPECT_EQ(run_of({S::failed, S::incomplete, S::published}), 9);
    EXPECT_EQ(run_of({S::incomplete, S::leak}), 8);
    EXPECT_EQ(allies::tool::publish_exit::incomplete, allies::tool::exit_codes::incomplete);
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

TEST_F(PublishCli, ThePublicManifestNamesNoInputPathAndNoListedNameInAFileName) {
    fs::path in = dir_ / "internal-share";
    copy_sample(in / "Minutes for Laura Bennett.docx");
    copy_sample(in / "bennett" / "ok.docx");
    fs::path out = dir_ / "out";
    Result r = publish(q(in) + " -o " + q(out) + " --json");
    EXPECT_EQ(r.code, 0) << r.err;
    // Listed names in file and folder names, any case, become "name".
    EXPECT_EQ(files_in(out), (std::vector<std::string>{"Minutes for name name.docx", "Minutes for name name.pdf",
                                                       "Minutes for name name.report.json", "manifest.json", "name",
                                                       "name/ok.docx", "name/ok.pdf", "name/ok.report.json"}));
    std::string manifest_text = slurp(out / "manifest.json");
    EXPECT_EQ(lower(manifest_text).find("bennett"), std::string::npos);
    EXPECT_EQ(manifest_text.find("internal-share"), std::string::npos);
    EXPECT_NE(manifest_text.find("\"renamed\": true"), std::string::npos);
    EXPECT_NE(r.out.find("internal-share"), std::string::npos);  // the private --json lines keep the path
}

}  // namespace

// Every file of an input folder that is not published is named, with why;
// a folder with no document at all is an error, not "0 published".
TEST_F(PublishCli, SkippedFilesAreNamedAndAnEmptyFolderIsAnError) {
    fs::path in = dir_ / "notes";
    copy_sample(in / "a.docx");
    std::ofstream(in / "2019 minutes.doc") << "\xD0\xCF\x11\xE0 old";
    std::ofstream(in / "~$a.docx") << "lock";
    std::ofstream(in / "agenda.odt") << "odt";
    std::ofstream(in / "letterhead.dotx") << "template";
    fs::create_directories(in / ".git");
    std::ofstream(in / ".git" / "HEAD") << "ref";
    fs::path out = dir_ / "public";
    Result r = publish(q(in) + " -o " + q(out));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("skipping " + (in / "2019 minutes.doc").string() + ": Word 97-2003 document"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("skipping " + (in / "~$a.docx").string() + ": Word lock file"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("skipping " + (in / "agenda.odt").string() + ": not a Word document"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("skipping " + (in / "letterhead.dotx").string() + ": Word template"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("skipping " + (in / ".git").string() + ": hidden folder"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("HEAD"), std::string::npos) << r.err;  // a hidden folder is not searched
    EXPECT_EQ(manifest(out)["documents"].size(), 1u);
    Result quiet = publish(q(in) + " -o " + q(out) + " -q");
    EXPECT_EQ(quiet.code, 0) << quiet.err;
    EXPECT_EQ(quiet.err.find("skipping"), std::string::npos) << quiet.err;

    fs::path empty = dir_ / "empty";
    fs::create_directories(empty);
    Result e = publish(q(empty) + " -o " + q(dir_ / "out2"));
    EXPECT_EQ(e.code, 2) << e.err;
    EXPECT_NE(e.err.find(empty.string() + ": no Word document"), std::string::npos) << e.err;
    EXPECT_FALSE(fs::exists(dir_ / "out2" / "manifest.json"));

    fs::path old_only = dir_ / "old";
    fs::create_directories(old_only);
    std::ofstream(old_only / "notes.doc") << "\xD0\xCF\x11\xE0 old";
    Result o = publish(q(old_only) + " -o " + q(dir_ / "out3"));
    EXPECT_EQ(o.code, 2) << o.err;
    EXPECT_NE(o.err.find("skipping " + (old_only / "notes.doc").string() + ": Word 97-2003"), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("1 other file, skipped"), std::string::npos) << o.err;
}

// Staging on another file system (the case of a read-only parent, whose
// fallback is the temporary folder): verified files arrive whole, nothing
// unverified or partial is ever left in OUTDIR, and the result is the same.
TEST_F(PublishCli, StagingElsewhereStillPublishesWholeVerifiedFilesOnly) {
    fs::path in = copy_sample(dir_ / "in" / "a.docx");
    fs::path out = dir_ / "public";
    fs::path staging = fs::exists("/dev/shm") ? fs::path("/dev/shm") / ("allies-staging-test-" + std::to_string(::getpid()))
                                              : dir_ / "staging";
    Result r = publish(q(in) + " -o " + q(out) + " --staging-dir " + q(staging) + " -q");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(files_in(out), (std::vector<std::string>{"a.docx", "a.pdf", "a.report.json", "manifest.json"}));
    const Json m = manifest(out);  // kept alive: a range-for over a temporary's member would dangle
    for (const auto& o : m["documents"][0]["outputs"]) {
        std::string sha = run_shell("sha256sum " + q(out / o["path"].get<std::string>()));
        EXPECT_EQ(sha.substr(0, 64), o["sha256"].get<std::string>()) << o["path"];
    }
    EXPECT_TRUE(files_in(staging).empty());  // its own folder in DIR is gone
    std::error_code ec;
    fs::remove_all(staging, ec);
    // Never inside the public folder.
    Result inside = publish(q(in) + " -o " + q(out) + " --staging-dir " + q(out / "tmp") + " -q");
    EXPECT_EQ(inside.code, 2) << inside.err;
    EXPECT_NE(inside.err.find("must not be inside the output folder"), std::string::npos) << inside.err;
}

// Only OUTDIR is writable: the staging folder cannot go beside it, so it
// goes to the temporary folder. (Root ignores directory modes, so this
// needs an unprivileged user.)
TEST_F(PublishCli, OnlyTheOutputFolderIsWritable) {
    if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
    fs::path in = copy_sample(dir_ / "in" / "a.docx");
    fs::path parent = dir_ / "site", out = parent / "public";
    fs::create_directories(out);
    fs::permissions(parent, fs::perms::owner_read | fs::perms::owner_exec);
    Result r = publish(q(in) + " -o " + q(out) + " -q");
    fs::permissions(parent, fs::perms::owner_all);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(files_in(parent), (std::vector<std::string>{"public", "public/a.docx", "public/a.pdf",
                                                           "public/a.report.json", "public/manifest.json"}));
}
