#include <zip.h>

#include <algorithm>

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
    return package;
}

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

void Package::set_part(const std::string& name, std::string bytes, std::string content_type) {
    auto key = lower_ascii(name);
    impl_->xml_cache.erase(key);
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
    impl_->xml_cache.erase(key);
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
    package.impl().rels_cache.clear();
}

void set_content_type_override(Package& package, std::string_view part, const std::string& content_type) {
    package.impl().override_types[lower_ascii(part)] = content_type;
    package.impl().content_types_dirty = true;
}

void release_edited_part_bytes(Package& package) {
    auto& impl = package.impl();
    for (const auto& key : impl.dirty_xml)
        if (ZipEntry* e = impl.find(key)) {
            e->original_size = std::max(e->original_size, e->data.size());
            std::string().swap(e->data);
        }
}

}  // namespace allies
