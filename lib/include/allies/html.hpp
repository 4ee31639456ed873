// HTML writer: one self-contained, accessible HTML5 document from the model,
// showing what the text and Markdown writers show (tracked changes accepted,
// comments, hidden text, headers and footers left out).
#pragma once

#include <string>
#include <vector>

#include "allies/export.hpp"
#include "allies/model.hpp"
#include "allies/package.hpp"

namespace allies {

// Options for the HTML writer.
struct HtmlOptions {
    std::string assets_dir;   // "" = images embedded as data: URIs; else image files are written here
    std::string assets_href;  // prefix used in <img src> when assets_dir is set (e.g. "notes_files/")
    std::string title;        // "" = core title, else first heading, else "Document"
};

// A file the caller writes into assets_dir (the writer never writes files).
// Names are deterministic: image1.png, image2.jpg, ... in order of first use,
// one per image part however often it is shown.
struct HtmlAsset {
    std::string name;
    std::string bytes;
};

struct HtmlResult {
    std::string html;                 // UTF-8
    std::vector<HtmlAsset> assets;    // empty unless options.assets_dir is set
};

// `package` is the package `doc` was read from: images are read from it.
ALLIES_API HtmlResult to_html(const Document& doc, const Package& package, const HtmlOptions& options = {});

}  // namespace allies
