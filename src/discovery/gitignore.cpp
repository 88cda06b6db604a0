#include "discovery/gitignore.h"

#include <memory>

#include "core/source.h"
#include "core/strings.h"

namespace cfglint {

std::vector<IgnorePattern> parse_gitignore(std::string_view text, std::string_view base) {
  std::vector<IgnorePattern> out;
  for (std::string_view line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // trailing unescaped spaces are ignored
    while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\')) line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    IgnorePattern p;
    p.base = std::string(base);
    if (line[0] == '!') {
      p.negate = true;
      line.remove_prefix(1);
    } else if (line.substr(0, 2) == "\\!" || line.substr(0, 2) == "\\#") {
      line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/') {
      p.dir_only = true;
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    p.anchored = line.find('/') != std::string_view::npos;
    if (line[0] == '/') line.remove_prefix(1);
    p.pattern = std::string(line);
    out.push_back(std::move(p));
  }
  return out;
}

int IgnoreRules::decide(std::string_view rel, bool is_dir) const {
  int verdict = parent ? parent->decide(rel, is_dir) : -1;
  for (const auto& p : patterns) {
    if (p.dir_only && !is_dir) continue;
    if (rel.substr(0, p.base.size()) != p.base) continue;
    std::string_view local = rel.substr(p.base.size());
    bool match;
    if (p.anchored) {
      match = glob_match(p.pattern, local);
    } else {
      size_t slash = local.rfind('/');
      match = glob_match(p.pattern, slash == std::string_view::npos ? local : local.substr(slash + 1));
    }
    if (match) verdict = p.negate ? 0 : 1;
  }
  return verdict;
}

bool gitignored(const std::string& root, std::string_view rel_path) {
  auto rules = std::make_shared<IgnoreRules>();
  std::string folder;  // "" then "a/", "a/b/", ...
  for (;;) {
    std::string text = read_whole_file(root + "/" + folder + ".gitignore");
    if (!text.empty()) {
      auto next = std::make_shared<IgnoreRules>();
      next->parent = rules;
      next->patterns = parse_gitignore(text, folder);
      rules = next;
    }
    size_t slash = rel_path.find('/', folder.size());
    if (slash == std::string_view::npos) break;
    folder = std::string(rel_path.substr(0, slash + 1));
    if (rules->ignored(folder.substr(0, folder.size() - 1), true)) return true;  // git never looks inside
  }
  return rules->ignored(rel_path, false);
}

}  // namespace cfglint
