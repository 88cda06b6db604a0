#include "frontends/requirements/requirements_parser.h"

#include <cctype>

#include "core/strings.h"

namespace cfglint {

bool parse_pep508(std::string_view s, std::string& name, std::string& specifier) {
  s = trim(s);
  size_t semi = s.find(';');
  if (semi != std::string_view::npos) s = trim(s.substr(0, semi));
  size_t i = 0;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == '_' || s[i] == '.')) ++i;
  if (i == 0) return false;
  name = normalize_package_name(s.substr(0, i));
  std::string_view rest = trim(s.substr(i));
  if (!rest.empty() && rest[0] == '[') {
    size_t close = rest.find(']');
    rest = close == std::string_view::npos ? std::string_view{} : trim(rest.substr(close + 1));
  }
  if (!rest.empty() && rest[0] == '(' && rest.back() == ')') rest = trim(rest.substr(1, rest.size() - 2));
  if (!rest.empty() && rest[0] == '@') rest = {};  // direct URL reference: no version
  std::string spec;
  for (char c : rest)
    if (c != ' ' && c != '\t') spec += c;
  specifier = spec;
  return true;
}

RequirementsFile parse_requirements(std::string_view text, const LineIndex& lines) {
  RequirementsFile out;
  size_t bad = 0;
  if (!valid_utf8(text, &bad)) {
    Position p = lines.at(text, bad);
    out.errors.push_back({{p, {p.line, p.column + 1}}, "the file is not valid UTF-8 (byte offset " + std::to_string(bad) + ")"});
    return out;
  }
  size_t pos = 0;
  while (pos < text.size()) {
    // a logical line may continue with a trailing backslash
    size_t start = pos;
    std::string logical;
    while (pos < text.size()) {
      size_t eol = text.find('\n', pos);
      if (eol == std::string_view::npos) eol = text.size();
      std::string_view l = text.substr(pos, eol - pos);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      pos = eol + 1;
      if (!l.empty() && l.back() == '\\') {
        logical.append(l.substr(0, l.size() - 1));
        continue;
      }
      logical.append(l);
      break;
    }
    std::string_view l = logical;
    size_t hash = std::string_view::npos;
    for (size_t k = 0; k < l.size(); ++k)
      if (l[k] == '#' && (k == 0 || l[k - 1] == ' ' || l[k - 1] == '\t')) { hash = k; break; }
    l = trim(l.substr(0, hash));
    if (l.empty()) continue;
    size_t lead = std::string_view(text.substr(start)).find_first_not_of(" \t");
    size_t b = start + (lead == std::string_view::npos ? 0 : lead);
    Range r = lines.span(text, b, std::min(text.size(), b + l.size()));
    if (l[0] == '-') {
      std::string_view opt = l;
      for (std::string_view flag : {"--requirement", "--constraint", "-r", "-c"}) {
        if (opt.substr(0, flag.size()) == flag) {
          std::string_view target = trim(opt.substr(flag.size()));
          if (!target.empty() && target[0] == '=') target = trim(target.substr(1));
          if (!target.empty()) out.includes.emplace_back(std::string(target), r);
          break;
        }
      }
      continue;  // -e, --index-url, --hash ... carry no name we can pin
    }
    if (l.find("://") != std::string_view::npos && l.find('@') == std::string_view::npos) continue;  // bare URL
    Requirement req;
    req.range = r;
    size_t opts = l.find(" --");
    if (opts != std::string_view::npos) l = trim(l.substr(0, opts));  // per-requirement options (--hash)
    if (!parse_pep508(l, req.name, req.specifier)) {
      out.errors.push_back({r, "not a requirement specifier: " + std::string(l)});
      continue;
    }
    out.requirements.push_back(std::move(req));
  }
  return out;
}

namespace {

void add_pep508_list(const Node* list, std::vector<Requirement>& out) {
  if (!list || !list->is_seq()) return;
  for (const Node* item : list->items) {
    if (!item->is_scalar()) continue;
    Requirement r;
    if (parse_pep508(item->text, r.name, r.specifier)) {
      r.range = item->range;
      out.push_back(std::move(r));
    }
  }
}

void add_name_map(const Node* map, std::vector<Requirement>& out, bool poetry) {
  if (!map || !map->is_map()) return;
  for (const auto& [k, v] : map->entries) {
    Requirement r;
    r.name = normalize_package_name(k->text);
    if (poetry && r.name == "python") continue;
    r.range = k->range;
    std::string spec;
    if (v->is_scalar()) spec = v->text;
    else if (const Node* ver = v->get("version")) spec = ver->text;
    if (spec == "*") spec.clear();
    if (poetry && !spec.empty()) {
      // Poetry: ^4.2 -> >=4.2,<5 ; ~4.2 -> >=4.2,<4.3 ; a bare version is exact.
      char c = spec[0];
      if (c == '^' || c == '~') spec = ">=" + spec.substr(spec[1] == '=' ? 2 : 1) + (c == '^' ? ",caret" : ",tilde");
      else if (std::isdigit(static_cast<unsigned char>(c))) spec = "==" + spec;
    }
    r.specifier = spec;
    out.push_back(std::move(r));
  }
}

}  // namespace

std::vector<Requirement> requirements_from_tree(FileKind kind, const ParsedTree& tree) {
  std::vector<Requirement> out;
  if (tree.documents.empty() || !tree.documents[0].root) return out;
  const Node* root = tree.documents[0].root;
  switch (kind) {
    case FileKind::Pyproject:
      if (const Node* project = root->get("project")) {
        add_pep508_list(project->get("dependencies"), out);
        if (const Node* opt = project->get("optional-dependencies"))
          for (const auto& [k, v] : opt->entries) add_pep508_list(v, out);
      }
      // PEP 735 dependency groups (uv, pdm: `uv sync --group main`); an `{include-group = ...}` table in
      // the list is not a requirement and add_pep508_list skips it.
      if (const Node* groups = root->get("dependency-groups"); groups && groups->is_map())
        for (const auto& [k, v] : groups->entries) add_pep508_list(v, out);
      if (const Node* tool = root->get("tool"))
        if (const Node* poetry = tool->get("poetry")) {
          add_name_map(poetry->get("dependencies"), out, true);
          if (const Node* groups = poetry->get("group"))
            for (const auto& [k, g] : groups->entries) add_name_map(g->get("dependencies"), out, true);
        }
      break;
    case FileKind::Pipfile:
      add_name_map(root->get("packages"), out, false);
      break;
    case FileKind::PipfileLock:
      for (const char* section : {"default", "develop"}) {
        const Node* s = root->get(section);
        if (!s || !s->is_map()) continue;
        for (const auto& [k, v] : s->entries) {
          Requirement r;
          r.name = normalize_package_name(k->text);
          r.range = k->range;
          if (const Node* ver = v->get("version")) r.specifier = ver->text;
          r.locked = true;
          out.push_back(std::move(r));
        }
      }
      break;
    case FileKind::PoetryLock:
      if (const Node* pkgs = root->get("package"); pkgs && pkgs->is_seq())
        for (const Node* p : pkgs->items) {
          const Node* name = p->get("name");
          const Node* ver = p->get("version");
          if (!name || !ver) continue;
          Requirement r;
          r.name = normalize_package_name(name->text);
          r.specifier = "==" + ver->text;
          r.locked = true;
          r.range = name->range;
          out.push_back(std::move(r));
        }
      break;
    default:
      break;
  }
  return out;
}

}  // namespace cfglint
