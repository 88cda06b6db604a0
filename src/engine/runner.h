// The engine: discovery -> front-ends -> per-file checks -> model -> project checks -> severity,
// suppressions, fingerprints. Deterministic whatever the number of jobs.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/finding.h"
#include "engine/config.h"
#include "rules/rule_catalog.h"

namespace cfglint {

// A usage or configuration problem: the CLI prints it and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Project;

struct RunOptions {
  std::vector<std::string> paths{"."};
  std::string config_path;  // --config; "" = search upwards
  std::vector<std::string> select, ignore;
  unsigned jobs = 0;  // 0 = all cores
  uint64_t max_file_size = 32ull << 20;
  std::string relative_to;  // paths are shown relative to this folder (default: the working folder)
  std::string root;         // --root: the project root; "" = the nearest folder with .git or .cfglint.toml
  bool force_exclude = false;  // --force-exclude: `exclude` applies to paths named on the command line too
  std::string stdin_path;   // `-` on the command line: the path standard input is checked as
  std::string stdin_text;
  // Called with each project's model once it is built (`cfglint graph` draws it). Paths in it are
  // relative to that project's root.
  std::function<void(const Project&)> on_model;
  // Fill RunResult::files (a reporter lists every file analysed: JUnit). Off, a 70,000-file tree saves
  // its paths a second time.
  bool list_files = true;
  // Free each project's model once its checks ran. A command that exits after one run leaves it to the
  // exit instead, as compilers do (clang's -disable-free): its hundreds of thousands of nodes cost a
  // tenth of a second to free on a monorepo. The model stays reachable, so leak checkers stay quiet.
  bool free_model = true;
};

struct FileProblem {
  std::string file;
  std::string message;
};

struct RunResult {
  std::vector<Finding> findings;  // sorted; suppressed ones included and marked
  std::vector<FileProblem> problems;  // files that could not be read at all
  size_t files_analyzed = 0;
  std::vector<std::string> files;  // display paths of the files analysed, sorted (when RunOptions::list_files)
  size_t baseline_fixed = 0;       // with --baseline: entries that no longer occur
  uint64_t bytes_analyzed = 0;
  Config config;
  std::vector<std::string> roots;  // display paths of the project roots ("." when the cwd)
  std::map<std::string, size_t> files_skipped;  // why -> how many (templates, unconsumed data files)
  std::vector<std::string> notices;  // about the command line's inputs (a named file not analysed)
};

class Engine {
 public:
  explicit Engine(RuleCatalog catalog) : catalog_(std::move(catalog)) {}
  RunResult run(const RunOptions& options);
  const RuleCatalog& catalog() const { return catalog_; }

 private:
  RuleCatalog catalog_;
};

// Adds the rules of a configuration (`[[rule]]` tables, rules-dir) to `catalog`: --config, else
// .cfglint.toml found upwards from the working folder.
void load_config_rules(RuleCatalog& catalog, const std::string& config_path);

// Rule ids known to the engine itself.
inline constexpr const char* kParseErrorRule = "CFG001";
inline constexpr const char* kUnusedSuppressionRule = "CFG002";

}  // namespace cfglint
