#include "discovery/walker.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <climits>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/strings.h"
#include "discovery/classify.h"
#include "discovery/gitignore.h"

namespace cfglint {

bool excluded_by(const std::vector<std::string>& globs, std::string_view rel) {
  for (const auto& g : globs) {
    std::string_view pat = g;
    if (!pat.empty() && pat[0] == '/') pat.remove_prefix(1);
    if (!pat.empty() && pat.back() == '/') pat.remove_suffix(1);
    if (glob_match(pat, rel)) return true;
    if (pat.find('/') == std::string_view::npos) {  // a bare name matches at any depth
      size_t slash = rel.rfind('/');
      if (glob_match(pat, slash == std::string_view::npos ? rel : rel.substr(slash + 1))) return true;
    }
  }
  return false;
}

bool excluded_with_ancestors(const std::vector<std::string>& globs, std::string_view rel) {
  for (std::string_view p = rel; !p.empty();) {
    if (excluded_by(globs, p)) return true;
    size_t slash = p.rfind('/');
    p = slash == std::string_view::npos ? std::string_view() : p.substr(0, slash);
  }
  return false;
}

namespace {

bool always_skipped_dir(std::string_view name) {
  static const char* kSkip[] = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox",
                                ".mypy_cache", ".pytest_cache", ".ruff_cache", ".venv", "site-packages",
                                "dist-packages", ".eggs", ".direnv", ".cache", ".idea", ".vscode"};
  for (const char* s : kSkip)
    if (name == s) return true;
  return name.size() > 9 && name.substr(name.size() - 9) == ".egg-info";
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}


struct Job {
  std::string rel;  // "" for the root, else "a/b/"
  std::shared_ptr<const IgnoreRules> rules;
};

class Walker {
 public:
  Walker(const std::string& root, const WalkOptions& opt) : root_(root), opt_(opt) {}

  std::vector<DiscoveredFile> run() {
    auto rules = std::make_shared<IgnoreRules>();
    if (opt_.respect_gitignore) {
      std::string exclude = root_ + "/.git/info/exclude";
      if (exists(exclude)) rules->patterns = parse_gitignore(read_whole_file(exclude), "");
    }
    queue_.push_back({"", rules});
    unsigned n = std::max(1u, opt_.jobs);
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < n; ++i) threads.emplace_back([this] { work(); });
    work();
    for (auto& t : threads) t.join();
    std::sort(files_.begin(), files_.end(), [](const auto& a, const auto& b) { return a.rel_path < b.rel_path; });
    return std::move(files_);
  }

 private:
  void work() {
    std::vector<DiscoveredFile> local;
    while (true) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return !queue_.empty() || active_ == 0; });
        if (queue_.empty()) break;
        job = std::move(queue_.back());
        queue_.pop_back();
        ++active_;
      }
      std::vector<Job> subdirs;
      scan(job, local, subdirs);
      {
        std::lock_guard<std::mutex> lock(mu_);
        for (auto& s : subdirs) queue_.push_back(std::move(s));
        --active_;
      }
      cv_.notify_all();
    }
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& f : local) files_.push_back(std::move(f));
  }

  bool excluded(const std::string& rel) const { return excluded_by(opt_.exclude_globs, rel); }

  // A link or an entry of unknown type: DT_REG or DT_DIR for what it is, false when it is neither or must
  // not be followed. Never follow links to folders; follow links to files only when they stay inside the root.
  bool resolve_type(const std::string& abs, unsigned char& type) const {
    struct stat st;
    if (::lstat(abs.c_str(), &st) != 0) return false;
    if (S_ISLNK(st.st_mode)) {
      char buf[PATH_MAX];
      if (!::realpath(abs.c_str(), buf)) return false;
      std::string target = buf;
      if (target.compare(0, root_.size() + 1, root_ + "/") != 0) return false;
      if (::stat(abs.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) return false;
    }
    type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    return type != DT_UNKNOWN;
  }

  void add_file(const std::string& rel, const std::shared_ptr<const IgnoreRules>& rules, std::vector<DiscoveredFile>& out) const {
    FileKind kind = classify_path(rel);
    if (kind == FileKind::Unknown) return;
    if (excluded(rel) || (opt_.respect_gitignore && rules->ignored(rel, false))) return;
    out.push_back({rel, kind});
  }

  struct Entry {
    std::string name;
    unsigned char type;
  };

  // A folder's entries, and what they say of the folder itself: its .gitignore, and the marker of a
  // virtualenv or a build tree. Read from the listing, not asked with a stat each (three per folder,
  // 75,000 on a monorepo).
  struct Listing {
    std::vector<Entry> entries;
    bool has_gitignore = false;
    bool marks_tree = false;  // pyvenv.cfg, CMakeCache.txt
  };
  static bool list(const std::string& dir_abs, Listing& out) {
    DIR* d = ::opendir(dir_abs.c_str());
    if (!d) return false;
    while (dirent* e = ::readdir(d)) {
      std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      out.has_gitignore |= name == ".gitignore";
      out.marks_tree |= name == "pyvenv.cfg" || name == "CMakeCache.txt";
      out.entries.push_back({std::string(name), e->d_type});
    }
    ::closedir(d);
    return true;
  }

  void scan(const Job& job, std::vector<DiscoveredFile>& out, std::vector<Job>& subdirs) {
    std::string dir_abs = job.rel.empty() ? root_ : root_ + "/" + job.rel.substr(0, job.rel.size() - 1);
    Listing listing;
    if (!list(dir_abs, listing)) return;
    if (listing.marks_tree && !job.rel.empty()) return;  // a virtualenv or a build tree: nothing in it is the project's
    std::shared_ptr<const IgnoreRules> rules = job.rules;
    if (opt_.respect_gitignore && listing.has_gitignore) {
      auto own = std::make_shared<IgnoreRules>();
      own->parent = rules;
      own->patterns = parse_gitignore(read_whole_file(dir_abs + "/.gitignore"), job.rel);
      rules = own;
    }
    for (const Entry& e : listing.entries) {
      const std::string& name = e.name;
      std::string rel = job.rel + name;
      // The directory entry's own type spares a stat per file (70,000 on a monorepo); only links and
      // file systems that do not report types are asked.
      unsigned char type = e.type;
      if (type == DT_REG) {
        add_file(rel, rules, out);
        continue;
      }
      std::string abs = dir_abs + "/" + name;
      if (type != DT_DIR && !resolve_type(abs, type)) continue;
      if (type == DT_DIR) {
        if (always_skipped_dir(name)) continue;
        if (name.find("{{") != std::string::npos || name.find("{%") != std::string::npos) continue;  // cookiecutter/Jinja templates
        if (excluded(rel) || (opt_.respect_gitignore && rules->ignored(rel, true))) continue;
        subdirs.push_back({rel + "/", rules});
      } else if (type == DT_REG) {
        add_file(rel, rules, out);
      }
    }
  }

  std::string root_;
  const WalkOptions& opt_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Job> queue_;
  unsigned active_ = 0;
  std::vector<DiscoveredFile> files_;
};

}  // namespace

std::vector<DiscoveredFile> walk_project(const std::string& root, const WalkOptions& options) {
  return Walker(root, options).run();
}

}  // namespace cfglint
