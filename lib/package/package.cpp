#include <zip.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "allies/error.hpp"
#include "opc.hpp"
#include "package_impl.hpp"
#include "zip_reader.hpp"

namespace allies {

Package::Impl::~Impl() {
    if (source_zip) zip_discard(source_zip);
}

ZipEntry* Package::Impl::find(std::string_view name) {
    auto it = index.find(lower_ascii(name));
    return it == index.end() ? nullptr : &entries[it->second];
}

const ZipEntry* Package::Impl::find(std::string_view name) const {
    auto it = index.find(lower_ascii(name));
    return it == index.end() ? nullptr : &entries[it->second];
}

Package::Package(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Package::Package(Package&&) noexcept = default;
Package& Package::operator=(Package&&) noexcept = default;
Package::~Package() = default;

Package Package::open_file(const std::string& path, const Limits& limits) {
    std::string display = path == "-" ? "<stdin>" : path;
    std::string bytes;
    try {
        bytes = read_file(path);
    } catch (const Error& e) {
        throw Error(e.kind(), display, "", e.message());
    }
    return open_memory(std::move(bytes), std::move(display), limits);
}

Package Package::open_memory(std::string bytes, std::string display_name, const Limits& limits) {
    auto impl = std::make_unique<Impl>();
    impl->display_name = std::move(display_name);
    impl->limits = limits;
    impl->source_bytes = std::move(bytes);
    open_archive(*impl);
    Package package(std::move(impl));
    auto& in = *package.impl_;
    load_content_types(in, package);

    // The main document is whatever the officeDocument relationship names
    // (Word for the web writes word/document2.xml); never assume a path.
    for (const auto& rel : package.relationships("")) {
        if (classify_relationship(rel.type) != RelType::office_document || rel.external) continue;
        if (in.find(rel.target_part)) {
            in.main_document = rel.target_part;
            break;
        }
    }
    if (in.main_document.empty())
        throw Error(ErrorKind::no_main_document, in.display_name, "",
                    "no main document part (missing officeDocument relationship or its target)");
    std::string ct = package.content_type(in.main_document);
    const auto& root = xml(package, in.main_document).document_element();
    in.strict = root.attribute("xmlns:w") &&
                std::string_view(root.attribute("xmlns:w").value()).starts_with("http://purl.oclc.org/");
    if (std::string_view(root.name()) != "w:document")
        throw Error(ErrorKind::no_main_document, in.display_name, in.main_document,
                    "main document part is not a WordprocessingML document (content type " +
                        (ct.empty() ? std::string("unknown") : ct) + ")");
    (void)package.relationships(in.main_document);  // its relationships are not optional either
    drop_broken_parts(package);
    return package;
}

// Every other XML part is parsed now (the trees stay cached for the readers,
// which would parse them anyway); one that fails is removed from the package
// and listed, so that no later step meets it half-read.
void Package::drop_broken_parts(Package& package) {
    auto& in = *package.impl_;
    std::string main_rels = lower_ascii(rels_part_for(in.main_document));
    std::string main_key = lower_ascii(in.main_document);
    std::vector<std::string> names;
    for (const auto& e : in.entries) {
        std::string key = lower_ascii(e.name);
        if (key == main_key || key == main_rels || key == "[content_types].xml" || key == "_rels/.rels") continue;
        std::string type = package.content_type(e.name);
        // Foreign documents (altChunk XHTML, in any encoding) are not
        // WordprocessingML; nothing reads them as XML.
        bool foreign = type.starts_with("application/xhtml") || type.starts_with("text/");
        bool xml_part = !foreign && (key.ends_with(".xml") || key.ends_with(".rels") || type.ends_with("+xml") || type.ends_with("/xml"));
        if (xml_part) names.push_back(e.name);
    }
    for (const auto& name : names) {
        try {
            if (lower_ascii(name).ends_with(".rels")) {
                (void)xml(package, name);
                std::string_view base = std::string_view(name).substr(0, name.size() - 5);
                auto slash = base.rfind("_rels/");
                if (slash != std::string_view::npos) {
                    std::string source = std::string(base.substr(0, slash)) + std::string(base.substr(slash + 6));
                    (void)package.relationships(source);
                }
            } else {
                (void)xml(package, name);
            }
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::bad_xml && e.kind() != ErrorKind::bad_utf8 && e.kind() != ErrorKind::xml_too_deep)
                throw;
            in.dropped.push_back({name, e.message()});
            package.remove_part(name);
        }
    }
}

const std::vector<Package::DroppedPart>& Package::dropped_parts() const { return impl_->dropped; }

const std::string& Package::display_name() const { return impl_->display_name; }
const Limits& Package::limits() const { return impl_->limits; }
bool Package::strict() const { return impl_->strict; }
const std::string& Package::main_document() const { return impl_->main_document; }

std::vector<std::string> Package::part_names() const {
    std::vector<std::string> names;
    names.reserve(impl_->entries.size());
    for (const auto& e : impl_->entries) names.push_back(e.name);
    return names;
}

bool Package::has_part(std::string_view name) const { return impl_->find(name) != nullptr; }

const std::string& Package::part_bytes(std::string_view name) const {
    const ZipEntry* e = impl_->find(name);
    if (!e) throw Error(ErrorKind::unsupported, impl_->display_name, std::string(name), "part not in package");
    return e->data;
}

std::string Package::content_type(std::string_view part) const {
    std::string key = lower_ascii(part);
    if (auto it = impl_->override_types.find(key); it != impl_->override_types.end()) return it->second;
    auto dot = key.rfind('.');
    if (dot != std::string::npos)
        if (auto it = impl_->default_types.find(key.substr(dot + 1)); it != impl_->default_types.end())
            return it->second;
    return {};
}

const std::vector<Relationship>& Package::relationships(std::string_view source) const {
    std::string key = lower_ascii(source);
    auto it = impl_->rels_cache.find(key);
    if (it == impl_->rels_cache.end()) it = impl_->rels_cache.emplace(key, load_relationships(*this, source)).first;
    return it->second;
}

std::vector<Relationship> Package::relationships_of_type(std::string_view source, RelType type) const {
    std::vector<Relationship> out;
    for (const auto& r : relationships(source))
        if (classify_relationship(r.type) == type) out.push_back(r);
    return out;
}

std::optional<Relationship> Package::relationship_by_id(std::string_view source, std::string_view id) const {
    for (const auto& r : relationships(source))
        if (r.id == id) return r;
    return std::nullopt;
}

std::uint64_t Package::Impl::next_tree_generation() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
}

void TreeHandles::check(const Package& package, const char* where) const {
    if (generation_ == tree_generation(package)) return;
#ifdef ALLIES_CHECKED_BUILD
    std::fprintf(stderr, "allies: internal error: stale XML handles used in %s (generation %llu, package at %llu)\n",
                 where, static_cast<unsigned long long>(generation_),
                 static_cast<unsigned long long>(tree_generation(package)));
    std::abort();
#else
    throw Error(ErrorKind::refused, package.display_name(), "",
                std::string("internal error, refusing to go on: XML handles used after their tree was replaced (") + where + ")");
#endif
}

void Package::set_part(const std::string& name, std::string bytes, std::string content_type) {
    auto key = lower_ascii(name);
    if (impl_->xml_cache.erase(key)) impl_->generation = Impl::next_tree_generation();
    impl_->dirty_xml.erase(key);
    if (ZipEntry* e = impl_->find(name)) {
        e->data = std::move(bytes);
        e->modified = true;
    } else {
        impl_->index.emplace(key, impl_->entries.size());
        impl_->entries.push_back(ZipEntry{name, std::move(bytes), -1, true});
    }
    if (!content_type.empty()) {
        impl_->override_types[key] = std::move(content_type);
        impl_->content_types_dirty = true;
    }
    if (name.ends_with(".rels")) impl_->rels_cache.clear();
}

void Package::remove_part(std::string_view name) {
    auto key = lower_ascii(name);
    auto it = impl_->index.find(key);
    if (it == impl_->index.end()) return;
    impl_->entries.erase(impl_->entries.begin() + static_cast<std::ptrdiff_t>(it->second));
    impl_->index.clear();
    for (std::size_t i = 0; i < impl_->entries.size(); ++i)
        impl_->index.emplace(lower_ascii(impl_->entries[i].name), i);
    if (impl_->xml_cache.erase(key)) impl_->generation = Impl::next_tree_generation();
    impl_->dirty_xml.erase(key);
    if (impl_->override_types.erase(key)) impl_->content_types_dirty = true;
    impl_->rels_cache.clear();
}

void remove_relationship(Package& package, std::string_view source_part, std::string_view id) {
    std::string rels = rels_part_for(source_part);
    if (!package.has_part(rels)) return;
    pugi::xml_node root = xml_for_edit(package, rels).document_element();
    for (pugi::xml_node r = root.first_child(); r;) {
        pugi::xml_node next = r.next_sibling();
        if (std::string_view(r.attribute("Id").value()) == id) root.remove_child(r);
        r = next;
    }
    PackageInternals::of(package).rels_cache.clear();
}

void set_content_type_override(Package& package, std::string_view part, const std::string& content_type) {
    PackageInternals::of(package).override_types[lower_ascii(part)] = content_type;
    PackageInternals::of(package).content_types_dirty = true;
}

void release_edited_part_bytes(Package& package) {
    auto& impl = PackageInternals::of(package);
    for (const auto& key : impl.dirty_xml)
        if (ZipEntry* e = impl.find(key)) {
            e->original_size = std::max(e->original_size, e->data.size());
            std::string().swap(e->data);
        }
}

}  // namespace allies
