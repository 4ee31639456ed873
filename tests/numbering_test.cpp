// List labels must equal the labels Word shows.
#include <gtest/gtest.h>

#include "allies/convert.hpp"
#include "allies/package.hpp"
#include "allies/reader.hpp"
#include "ooxml/numbering.hpp"
#include "support/docx_builder.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string lvl(int ilvl, const char* fmt, const char* text, const std::string& extra = "") {
    return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" + fmt +
           "\"/><w:lvlText w:val=\"" + text + "\"/>" + extra + "</w:lvl>";
}

std::string item(int num, int ilvl, const std::string& text) {
    return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" +
           std::to_string(num) + "\"/></w:numPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

std::vector<std::string> labels(const DocxBuilder& b) {
    auto pkg = Package::open_memory(b.build(), "list.docx");
    auto doc = read_document(pkg);
    std::vector<std::string> out;
    for (const auto& block : doc.body) out.push_back(block.paragraph.list_label);
    return out;
}

}  // namespace

TEST(NumberFormat, FormatsEveryCommonNumberFormat) {
    using ooxml::format_number;
    EXPECT_EQ(format_number(7, "decimal"), "7");
    EXPECT_EQ(format_number(7, "decimalZero"), "07");
    EXPECT_EQ(format_number(12, "decimalZero"), "12");
    EXPECT_EQ(format_number(1, "lowerLetter"), "a");
    EXPECT_EQ(format_number(26, "upperLetter"), "Z");
    EXPECT_EQ(format_number(27, "lowerLetter"), "aa");  // Word repeats the letter
    EXPECT_EQ(format_number(53, "lowerLetter"), "aaa");
    EXPECT_EQ(format_number(4, "lowerRoman"), "iv");
    EXPECT_EQ(format_number(1994, "upperRoman"), "MCMXCIV");
    EXPECT_EQ(format_number(1, "ordinal"), "1st");
    EXPECT_EQ(format_number(12, "ordinal"), "12th");
    EXPECT_EQ(format_number(23, "ordinal"), "23rd");
    EXPECT_EQ(format_number(3, "cardinalText"), "Three");
    EXPECT_EQ(format_number(42, "cardinalText"), "Forty-Two");
    EXPECT_EQ(format_number(2, "ordinalText"), "Second");
    EXPECT_EQ(format_number(20, "ordinalText"), "Twentieth");
    EXPECT_EQ(format_number(5, "none"), "");
    EXPECT_EQ(format_number(3, "chineseCounting"), "\u4E09");
    EXPECT_EQ(format_number(10, "chineseCounting"), "\u5341");
    EXPECT_EQ(format_number(12, "chineseCounting"), "\u5341\u4E8C");
    EXPECT_EQ(format_number(21, "chineseCounting"), "\u4E8C\u5341\u4E00");
    EXPECT_EQ(format_number(105, "chineseCounting"), "\u4E00\u767E\u3007\u4E94");
    EXPECT_EQ(format_number(12, "decimalFullWidth"), "\uFF11\uFF12");
    EXPECT_EQ(format_number(2, "decimalEnclosedCircle"), "\u2461");
    EXPECT_EQ(format_number(2, "chicago"), "\u2020");
    EXPECT_EQ(format_number(5, "chicago"), "**");
}

TEST(NumberFormat, SpellsCardinalAndOrdinalTextInTheGivenLanguage) {
    using ooxml::format_number;
    // Word's Russian ordinalText: masculine nominative, first letter capital.
    EXPECT_EQ(format_number(1, "ordinalText", "ru-RU"), "Первый");  // Первый
    EXPECT_EQ(format_number(2, "ordinalText", "ru-RU"), "Второй");  // Второй
    EXPECT_EQ(format_number(21, "ordinalText", "ru-RU"),
              "Двадцать первый");  // Двадцать первый
    EXPECT_EQ(format_number(1, "cardinalText", "ru-RU"), "Один");  // Один
    EXPECT_EQ(format_number(2, "cardinalText", "ru-RU"), "Два");  // Два
    EXPECT_EQ(format_number(3, "cardinalText", "ru-RU"), "Три");  // Три
    // German: counted form ("Eins", not "Ein"), no soft hyphens inside.
    EXPECT_EQ(format_number(1, "cardinalText", "de-DE"), "Eins");
    EXPECT_EQ(format_number(21, "cardinalText", "de-DE"), "Einundzwanzig");
    EXPECT_EQ(format_number(3, "ordinalText", "de-DE"), "Dritte");
    EXPECT_EQ(format_number(2, "cardinalText", "fr-FR"), "Deux");
    EXPECT_EQ(format_number(1, "ordinalText", "fr-FR"), "Premier");
    // English keeps Word's own spelling; languages without rules fall back to it.
    EXPECT_EQ(format_number(42, "cardinalText", "en-US"), "Forty-Two");
    EXPECT_EQ(format_number(21, "ordinalText", "en-GB"), "Twenty-First");
    EXPECT_EQ(format_number(21, "ordinalText", ""), "Twenty-First");
    EXPECT_EQ(format_number(3, "cardinalText", "x-none"), "Three");
    EXPECT_EQ(format_number(3, "cardinalText", "qq-QQ"), "Three");
    EXPECT_EQ(format_number(3, "cardinalText", "not a tag!"), "Three");
    EXPECT_EQ(format_number(2, "ordinalText", "uk-UA"), "Second");  // ICU has no Ukrainian ordinals
    // Other formats ignore the language.
    EXPECT_EQ(format_number(4, "upperRoman", "ru-RU"), "IV");
}

TEST(Numbering, WordLabelsAreInTheParagraphLanguage) {
    DocxBuilder b;
    b.styles = part("styles",
                    "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"ru-RU\" w:eastAsia=\"ru-RU\" w:bidi=\"ar-SA\"/>"
                    "</w:rPr></w:rPrDefault></w:docDefaults>");
    b.numbering = part("numbering", "<w:abstractNum w:abstractNumId=\"0\">" + lvl(0, "ordinalText", "%1|") +
                                        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    // The third paragraph's mark is German: its label is too.
    b.body = item(1, 0, "a") + item(1, 0, "b") +
             "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"
             "<w:rPr><w:lang w:val=\"de-DE\"/></w:rPr></w:pPr><w:r><w:t>c</w:t></w:r></w:p>";
    EXPECT_EQ(labels(b), (std::vector<std::string>{"Первый|",
                                                   "Второй|", "Dritte|"}));
    // The text output shows the same words.
    auto pkg = Package::open_memory(b.build(), "list.docx");
    auto doc = read_document(pkg);
    std::string text = to_text(doc);
    EXPECT_NE(text.find("Первый|"), std::string::npos) << text;
    EXPECT_NE(text.find("Dritte|"), std::string::npos) << text;
}

TEST(Numbering, MultiLevelLabelsFollowLvlTextAndRestartDeeperLevels) {
    DocxBuilder b;
    b.numbering = part("numbering", "<w:abstractNum w:abstractNumId=\"0\">" + lvl(0, "decimal", "%1.") +
                                        lvl(1, "lowerLetter", "%1.%2)") + lvl(2, "lowerRoman", "(%3)") +
                                        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    b.body = item(1, 0, "a") + item(1, 1, "b") + item(1, 1, "c") + item(1, 2, "d") + item(1, 0, "e") + item(1, 1, "f");
    EXPECT_EQ(labels(b), (std::vector<std::string>{"1.", "1.a)", "1.b)", "(i)", "2.", "2.a)"}));
}

TEST(Numbering, LvlRestartZeroNeverRestartsAndIsLglShowsDecimals) {
    DocxBuilder b;
    b.numbering = part("numbering", "<w:abstractNum w:abstractNumId=\"0\">" + lvl(0, "upperRoman", "%1.") +
                                        lvl(1, "decimal", "%1.%2", "<w:lvlRestart w:val=\"0\"/><w:isLgl/>") +
                                        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    b.body = item(1, 0, "a") + item(1, 1, "b") + item(1, 0, "c") + item(1, 1, "d");
    EXPECT_EQ(labels(b), (std::vector<std::string>{"I.", "1.1", "II.", "2.2"}));
}

TEST(Numbering, NumsSharingAnAbstractContinueUnlessStartOverride) {
    DocxBuilder b;
    b.numbering = part("numbering",
                       "<w:abstractNum w:abstractNumId=\"0\">" + lvl(0, "decimal", "%1.") +
                           "</w:abstractNum>"
                           "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
                           "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>"
                           "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/>"
                           "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>");
    b.body = item(1, 0, "a") + item(1, 0, "b") + item(2, 0, "c") + item(3, 0, "d") + item(3, 0, "e");
    EXPECT_EQ(labels(b), (std::vector<std::string>{"1.", "2.", "3.", "5.", "6."}));
}

TEST(Numbering, BulletsFromSymbolFontBecomeReadableAndNumIdZeroMeansNoList) {
    DocxBuilder b;
    b.numbering = part("numbering",
                       "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/>"
                       "<w:lvlText w:val=\"\xEF\x82\xB7\"/><w:rPr><w:rFonts w:ascii=\"Symbol\"/></w:rPr></w:lvl>"
                       "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    b.body = item(1, 0, "a") + item(0, 0, "b");
    EXPECT_EQ(labels(b), (std::vector<std::string>{"\xE2\x80\xA2", ""}));
}

TEST(Numbering, NumberingComesFromParagraphStylesAndLevelOverrides) {
    DocxBuilder b;
    b.styles = part("styles",
                    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
                    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>");
    b.numbering = part("numbering", "<w:abstractNum w:abstractNumId=\"0\">" + lvl(0, "decimal", "Article %1") +
                                        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/>"
                                        "<w:lvlOverride w:ilvl=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/>"
                                        "<w:numFmt w:val=\"upperLetter\"/><w:lvlText w:val=\"Part %1:\"/></w:lvl>"
                                        "</w:lvlOverride></w:num>");
    b.body = "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Intro</w:t></w:r></w:p>" +
             std::string("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Next</w:t></w:r></w:p>");
    EXPECT_EQ(labels(b), (std::vector<std::string>{"Part C:", "Part D:"}));
}
