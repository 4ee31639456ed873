// Output names carry no person's name (trust issue, class 1: file and
// folder names), and the verifier treats file names as the strongest place.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "allies/error.hpp"
#include "allies/package.hpp"
#include "allies/publish.hpp"

using namespace allies;

namespace {

std::vector<Person> people() {
    return Roster::parse("Tom Okafor\nDr Siân O'Neil-Hughes | Sian\nFiona MacLeod\nRachel Dunne role=Clerk\n", "roster.txt").people;
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

}  // namespace

TEST(PublicNames, EveryWordOfAListedNameInAnyCaseBecomesName) {
    auto p = people();
    EXPECT_EQ(public_output_name("2024-06-11 Okafor grievance hearing - notes", p), "2024-06-11 name grievance hearing - notes");
    EXPECT_EQ(public_output_name("HR/Okafor, Tom/notes", p), "HR/name, name/notes");
    EXPECT_EQ(public_output_name("okafor_headshot", p), "name_headshot");
    EXPECT_EQ(public_output_name("OKAFOR-appeal", p), "name-appeal");
    EXPECT_EQ(public_output_name("sian-oneil minutes", p), "name-oneil minutes");  // diacritics folded; "oneil" is not "O'Neil"
    EXPECT_EQ(public_output_name("Hughes v Macleod", p), "name v name");
    EXPECT_EQ(public_output_name("Dunne, Rachel (RCT) review", p), "name, name (RCT) review");
}

TEST(PublicNames, OtherWordsTitlesAndInitialsStay) {
    auto p = people();
    EXPECT_EQ(public_output_name("Board minutes 2024-06", p), "Board minutes 2024-06");
    EXPECT_EQ(public_output_name("Dr notes T", p), "Dr notes T");  // a title alone, an initial
    EXPECT_EQ(public_output_name("Okaforshire plan", p), "Okaforshire plan");  // whole words only
    EXPECT_EQ(public_output_name("Clerk report", p), "Clerk report");  // a role is not a name
    EXPECT_EQ(public_output_name("anything", {}), "anything");
}

TEST(PublicNames, RenamedInputsThatCoincideAreNumberedInOrder) {
    auto p = people();
    std::vector<BatchInput> in{{"a.docx", "Okafor notes"}, {"b.docx", "MacLeod notes"}, {"c.docx", "name notes"}, {"d.docx", "plain"}};
    use_public_output_names(in, p);
    EXPECT_EQ(in[0].stem, "name notes (2)");  // "name notes" is another input's own name
    EXPECT_EQ(in[1].stem, "name notes (3)");
    EXPECT_EQ(in[2].stem, "name notes");
    EXPECT_EQ(in[3].stem, "plain");
    EXPECT_TRUE(in[0].renamed && in[1].renamed);
    EXPECT_FALSE(in[2].renamed || in[3].renamed);
}

TEST(PublicNames, PublishDocumentRenamesWhatTheBatchDidNot) {
    // Straight through publish_document, skipping the batch's renaming:
    // the document's own people (here the roster's) still leave the name.
    auto dir = std::filesystem::temp_directory_path() / ("allies-public-names-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    PublishOptions options;
    options.redact.roster.people = people();
    options.hash_key = "public-names-test-key-0123456789";
    options.formats = {"docx"};
    std::string input = std::string(ALLIES_SOURCE_DIR) + "/samples/meeting-notes.docx";
    DocumentResult renamed = publish_document(input, "hearing okafor", (dir / "a").string(), options);
    DocumentResult clean = publish_document(input, "hearing name", (dir / "b").string(), options);
    std::vector<std::string> written;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) written.push_back(e.path().string());
    std::filesystem::remove_all(dir);
    EXPECT_EQ(renamed.status, DocStatus::published);
    EXPECT_TRUE(renamed.renamed);
    EXPECT_EQ(renamed.stem.rfind("hearing name-", 0), 0u) << renamed.stem;
    for (const auto& w : written) EXPECT_EQ(lower(w).find("okafor"), std::string::npos) << w;
    EXPECT_EQ(clean.status, DocStatus::published);
    EXPECT_FALSE(clean.renamed);
    EXPECT_EQ(clean.stem, "hearing name");
}

TEST(PublicNames, AnAuthorFoundInTheDocumentLeavesTheFolderName) {
    auto dir = std::filesystem::temp_directory_path() / ("allies-public-author-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string input = (dir / "in.docx").string();
    {
        Package pkg = Package::open_file(std::string(ALLIES_SOURCE_DIR) + "/samples/meeting-notes.docx");
        pkg.set_part("docProps/core.xml",
                     "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
                     "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Grace Adeyemi"
                     "</dc:creator></cp:coreProperties>");
        write_file_atomically(input, pkg.to_bytes());
    }
    PublishOptions options;  // no roster: the author is found in the document
    options.hash_key = "public-names-test-key-0123456789";
    options.formats = {"docx", "txt"};
    DocumentResult r = publish_document(input, "HR/ADEYEMI, Grace/notes", (dir / "staging").string(), options);
    std::vector<std::string> written;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "staging")) written.push_back(e.path().string());
    std::filesystem::remove_all(dir);
    EXPECT_EQ(r.status, DocStatus::published);
    EXPECT_TRUE(r.renamed);
    EXPECT_FALSE(written.empty());
    for (const auto& w : written) {
        EXPECT_EQ(lower(w).find("adeyemi"), std::string::npos) << w;
        EXPECT_EQ(lower(w).find("grace"), std::string::npos) << w;
    }
}

TEST(PublicReport, NamesNoRemovedPartByItsName) {
    // A picture no relationship reaches is removed; its name is the
    // document's content and must not appear in the public report.
    auto dir = std::filesystem::temp_directory_path() / ("allies-public-report-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string input = (dir / "in.docx").string();
    {
        Package pkg = Package::open_file(std::string(ALLIES_SOURCE_DIR) + "/samples/meeting-notes.docx");
        pkg.set_part("word/media/12_elm_row_okafor_site.png", "not really a picture");
        write_file_atomically(input, pkg.to_bytes());
    }
    PublishOptions options;
    options.redact.roster.people = people();
    options.hash_key = "public-names-test-key-0123456789";
    options.formats = {"docx"};
    DocumentResult r = publish_document(input, "notes", (dir / "staging").string(), options);
    std::string report = read_file((dir / "staging" / "notes.report.json").string());
    std::filesystem::remove_all(dir);
    EXPECT_EQ(r.status, DocStatus::published);
    EXPECT_GT(r.removed_parts, 0);
    EXPECT_EQ(report.find("elm_row"), std::string::npos);
    EXPECT_NE(report.find("word/media/*.png"), std::string::npos);
}
