// .gitignore semantics: patterns relative to the folder of their file, `!` negation, trailing `/` for
// folders only, a `/` elsewhere anchors the pattern, `**` spans folders, the last match wins.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cfglint {

struct IgnorePattern {
  std::string base;     // folder of the .gitignore, relative to the root, "" or ending in '/'
  std::string pattern;  // without leading '/', trailing '/' or '!'
  bool negate = false;
  bool dir_only = false;
  bool anchored = false;
};

// An immutable chain: a folder's rules are its parent's plus its own .gitignore.
struct IgnoreRules {
  std::shared_ptr<const IgnoreRules> parent;
  std::vector<IgnorePattern> patterns;

  // nullopt-like tri-state: 1 ignored, 0 re-included, -1 no pattern matched.
  int decide(std::string_view rel_path, bool is_dir) const;
  bool ignored(std::string_view rel_path, bool is_dir) const { return decide(rel_path, is_dir) == 1; }
};

// Parses the text of a .gitignore that lives in folder `base` ("" for the root).
std::vector<IgnorePattern> parse_gitignore(std::string_view text, std::string_view base);

// Whether git ignores `rel_path` (a file under `root`, which need not exist), by the .gitignore files of
// the root and of each folder on the way to it.
bool gitignored(const std::string& root, std::string_view rel_path);

}  // namespace cfglint
