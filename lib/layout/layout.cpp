#include "layout/layout.hpp"

#include "layout/engine.hpp"

namespace allies::layout {

LaidOutDocument lay_out(const Document& doc, const Package& package, FontLibrary& fonts) {
    return detail::Engine(doc, package, fonts).run();
}

}  // namespace allies::layout
