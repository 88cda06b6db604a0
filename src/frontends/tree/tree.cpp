#include "frontends/tree/tree.h"

#include "core/strings.h"

namespace cfglint {

const Node* Node::get(std::string_view key) const {
  if (kind != Kind::Map) return nullptr;
  for (const auto& [k, v] : entries)
    if (k->kind != Kind::Seq && k->kind != Kind::Map && k->text == key) return v;
  return nullptr;
}

std::string Node::flat_text() const {
  if (kind == Kind::Scalar) return text;
  if (kind == Kind::Seq) {
    std::string r;
    for (const Node* n : items) {
      if (!n->is_scalar()) continue;
      if (!r.empty()) r += ' ';
      r += n->text;
    }
    return r;
  }
  return {};
}

bool Node::is_true() const {
  if (kind != Kind::Scalar) return false;
  std::string t = to_lower(text);
  return t == "true" || t == "yes" || t == "on" || t == "y";
}

}  // namespace cfglint
