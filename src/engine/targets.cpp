#include "engine/targets.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>

#include "core/strings.h"

namespace cfglint {
namespace {

std::string canonical(const std::string& p) { return canonical_path(p, ""); }

bool exists(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}

std::string parent_of(const std::string& p) {
  size_t s = p.rfind('/');
  if (s == std::string::npos || s == 0) return "/";
  return p.substr(0, s);
}

// The nearest folder at or above `dir` with .git or .cfglint.toml; `dir` itself when there is none.
std::string project_root(const std::string& dir) {
  for (std::string d = dir;; d = parent_of(d)) {
    if (exists(d + "/.git") || exists(d + "/.cfglint.toml")) return d;
    if (d == "/") break;
  }
  return dir;
}

std::string relative_to_root(const std::string& root, const std::string& abs) {
  if (abs == root) return "";
  return root == "/" ? abs.substr(1) : abs.substr(root.size() + 1);
}

// A path named on the command line: an existing, readable regular file or folder (a FIFO or device
// would block or mean nothing; saying so beats skipping it silently).
void require_readable(const std::string& shown, const std::string& abs, bool& is_dir) {
  struct stat st;
  if (::stat(abs.c_str(), &st) != 0) throw UsageError("cannot access `" + shown + "`: no such file or folder");
  is_dir = S_ISDIR(st.st_mode);
  if (!is_dir && !S_ISREG(st.st_mode)) throw UsageError("`" + shown + "` is not a regular file or folder");
  if (::access(abs.c_str(), is_dir ? (R_OK | X_OK) : R_OK) != 0) throw UsageError("cannot read `" + shown + "`: permission denied");
}

// `-` stands for standard input, checked as --stdin-filename: the file need not exist, its folder must.
std::string stdin_abs(const RunOptions& opt) {
  std::string parent = parent_of(opt.stdin_path.find('/') == std::string::npos ? "./" + opt.stdin_path : opt.stdin_path);
  std::string base = basename_of(opt.stdin_path);
  return canonical(parent) + "/" + base;
}

}  // namespace

bool Target::reports(const std::string& rel) const {
  if (whole || only_files.count(rel)) return true;
  return std::any_of(only_dirs.begin(), only_dirs.end(), [&](const std::string& d) { return rel.compare(0, d.size(), d) == 0; });
}

std::vector<Target> resolve_targets(const RunOptions& opt) {
  std::vector<Target> targets;
  for (const auto& p : opt.paths) {
    bool from_stdin = !opt.stdin_path.empty() && p == opt.stdin_path;
    std::string abs = from_stdin ? stdin_abs(opt) : canonical(p);
    bool is_dir = false;
    if (!from_stdin) require_readable(p, abs, is_dir);
    std::string root = opt.root.empty() ? project_root(is_dir ? abs : parent_of(abs)) : canonical(opt.root);
    if (abs != root && abs.compare(0, root.size() + 1, root + "/") != 0)
      throw UsageError("`" + p + "` is not inside the project root `" + opt.root + "`");
    auto it = std::find_if(targets.begin(), targets.end(), [&](const Target& t) { return t.root == root; });
    if (it == targets.end()) {
      targets.push_back({});
      it = targets.end() - 1;
      it->root = root;
    }
    std::string rel = relative_to_root(root, abs);
    if (is_dir && rel.empty()) it->whole = true;
    else if (is_dir) it->only_dirs.push_back(rel + "/");
    else it->only_files.insert(rel);
    if (from_stdin) it->stdin_text[rel] = opt.stdin_text;
  }
  return targets;
}

std::string canonical_path(const std::string& p, const std::string& option) {
  char buf[PATH_MAX];
  if (!::realpath(p.c_str(), buf))
    throw UsageError("cannot access " + (option.empty() ? "" : option + " ") + "`" + p + "`: no such file or folder");
  return buf;
}

std::string working_folder() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) ? std::string(buf) : std::string(".");
}

std::string display_path(const std::string& abs, const std::string& from) {
  if (abs == from) return ".";
  if (from == "/") return abs.substr(1);
  if (abs.compare(0, from.size() + 1, from + "/") == 0) return abs.substr(from.size() + 1);
  // Outside: climb from `from` to the common ancestor, then down (as `os.path.relpath` does).
  std::string up, base = from;
  while (base != "/" && abs.compare(0, base.size() + 1, base + "/") != 0) {
    up += "../";
    base = parent_of(base);
  }
  return up + (base == "/" ? abs.substr(1) : abs.substr(base.size() + 1));
}

}  // namespace cfglint
