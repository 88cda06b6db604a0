#include "engine/runner.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "core/strings.h"
#include "discovery/classify.h"
#include "discovery/walker.h"
#include "engine/file_pipeline.h"
#include "model/app_registry.h"
#include "model/deployment.h"
#include "model/django_project.h"

namespace cfglint {
namespace {

std::string canonical(const std::string& p) {
  char buf[PATH_MAX];
  if (!::realpath(p.c_str(), buf)) throw UsageError("cannot access `" + p + "`: no such file or folder");
  return buf;
}

bool is_dir(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool exists(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}

std::string parent_of(const std::string& p) {
  size_t s = p.rfind('/');
  if (s == std::string::npos || s == 0) return "/";
  return p.substr(0, s);
}

// The project root for a file: the nearest folder above with .git or .cfglint.toml.
std::string root_for_file(const std::string& file_abs) {
  std::string dir = parent_of(file_abs);
  for (std::string d = dir;; d = parent_of(d)) {
    if (exists(d + "/.git") || exists(d + "/.cfglint.toml")) return d;
    if (d == "/") break;
  }
  return dir;
}

std::string cwd() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) ? std::string(buf) : std::string(".");
}

// How a path under `root` is shown: relative to the working folder when inside it.
std::string display_prefix(const std::string& root, const std::string& relative_to) {
  std::string here = relative_to.empty() ? cwd() : canonical(relative_to);
  if (root == here) return "";
  if (root.compare(0, here.size() + 1, here + "/") == 0) return root.substr(here.size() + 1) + "/";
  return root + "/";
}

std::string read_file(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool rule_selected(const RuleSpec& rule, const std::vector<std::string>& refs) {
  for (const auto& r : refs)
    if (r == "ALL" || iequals(r, rule.id) || r == rule.name || starts_with_icase(rule.id, r)) return true;
  return false;
}

std::string normalize_snippet(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : trim(s)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

struct Target {
  std::string root;
  std::set<std::string> only_files;  // root-relative; empty = report everything
};

}  // namespace

RunResult Engine::run(const RunOptions& opt) {
  RunResult result;
  RuleCatalog catalog = catalog_;

  // Group the given paths by project root.
  std::vector<Target> targets;
  for (const auto& p : opt.paths) {
    std::string abs = canonical(p);
    Target t;
    if (is_dir(abs)) {
      t.root = abs;
    } else {
      t.root = root_for_file(abs);
      t.only_files.insert(abs.substr(t.root.size() + 1));
    }
    auto it = std::find_if(targets.begin(), targets.end(), [&](const Target& x) { return x.root == t.root; });
    if (it == targets.end()) targets.push_back(t);
    else if (!it->only_files.empty() && !t.only_files.empty()) it->only_files.insert(t.only_files.begin(), t.only_files.end());
    else it->only_files.clear();  // a whole folder was asked for
  }

  // Configuration: --config, else found upwards from the first root.
  std::string config_path = opt.config_path.empty() ? find_config(targets.front().root) : canonical(opt.config_path);
  if (!config_path.empty()) {
    ConfigError err;
    if (!load_config(config_path, read_file(config_path), result.config, catalog, err)) throw UsageError(err.to_string());
  }
  const Config& cfg = result.config;
  for (const auto& r : opt.select)
    if (!catalog.find(r) && !std::any_of(catalog.all().begin(), catalog.all().end(), [&](const RuleSpec& s) { return starts_with_icase(s.id, r); }) && r != "ALL")
      throw UsageError("--select: unknown rule `" + r + "` (see `cfglint rules`)");
  for (const auto& r : opt.ignore)
    if (!catalog.find(r) && !std::any_of(catalog.all().begin(), catalog.all().end(), [&](const RuleSpec& s) { return starts_with_icase(s.id, r); }))
      throw UsageError("--ignore: unknown rule `" + r + "` (see `cfglint rules`)");

  // Active rules and their checks.
  const std::vector<std::string>& select = !opt.select.empty() ? opt.select : cfg.select;
  std::set<std::string> active;
  std::vector<std::unique_ptr<Check>> checks;
  for (const auto& rule : catalog.all()) {
    if (!select.empty() && !rule_selected(rule, select)) continue;
    if (rule_selected(rule, cfg.ignore) || rule_selected(rule, opt.ignore)) continue;
    const TemplateInfo* tmpl = find_template(rule.template_name);
    if (!tmpl) throw UsageError(rule.origin + ": rule " + rule.id + " names unknown check template `" + rule.template_name + "`");
    std::string error;
    auto check = tmpl->make(rule, catalog, error);
    if (!check) throw UsageError(rule.origin + ": rule " + rule.id + " (" + rule.template_name + "): " + error);
    active.insert(rule.id);
    checks.push_back(std::move(check));
  }
  CheckSet check_set(std::move(checks));
  unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());

  for (const auto& target : targets) {
    size_t problems_before = result.problems.size();
    size_t files_before = result.files.size();
    WalkOptions wopt;
    wopt.exclude_globs = cfg.exclude;
    wopt.jobs = jobs;
    std::vector<DiscoveredFile> files = walk_project(target.root, wopt);

    std::vector<FileResult> results(files.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i; (i = next.fetch_add(1)) < files.size();)
        results[i] = process_file(files[i].rel_path, files[i].abs_path, files[i].kind, opt.max_file_size, check_set);
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < std::min<size_t>(jobs, files.size()); ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();

    // Assemble the model in file order (deterministic), then run cross-file checks.
    Project project;
    project.root = target.root;
    std::vector<Finding> findings;
    std::map<std::string, std::vector<Suppression>> suppressions;
    for (size_t i = 0; i < files.size(); ++i) {
      FileResult& r = results[i];
      if (r.problem) {
        result.problems.push_back({files[i].rel_path, *r.problem});
        continue;
      }
      ++result.files_analyzed;
      result.files.push_back(files[i].rel_path);  // made a display path below
      result.bytes_analyzed += r.bytes;
      for (auto& f : r.findings) findings.push_back(std::move(f));
      if (!r.suppressions.empty()) suppressions[files[i].rel_path] = std::move(r.suppressions);
      if (r.compose) project.compose_files.push_back(std::move(*r.compose));
      if (r.dockerfile) project.dockerfiles.push_back(std::move(*r.dockerfile));
      if (r.env) project.env_files.push_back(std::move(*r.env));
      if (r.dependencies) project.dependencies.push_back(std::move(*r.dependencies));
      if (r.script) project.scripts.push_back(std::move(*r.script));
      for (auto& w : r.workloads) project.workloads.push_back(std::move(w));
      if (r.task_definition) project.task_definitions.push_back(std::move(*r.task_definition));
      if (r.python) project.python_modules.push_back(std::move(*r.python));
    }
    std::vector<std::string> run_dirs;  // where processes start: code is importable relative to these
    for (const auto& d : project.dockerfiles) run_dirs.push_back(dirname_of(d.path));
    for (const auto& c : project.compose_files) run_dirs.push_back(dirname_of(c.path));
    for (const auto& s : project.scripts) run_dirs.push_back(dirname_of(s.path));
    project.modules = std::make_unique<ModuleIndex>(project.python_modules, run_dirs);
    project.settings = evaluate_all_settings(project);
    {
      std::vector<std::string> served;  // modules that server commands load
      for (const auto& t : AppRegistry(project, catalog).server_targets())
        if (const PythonModule* m = project.modules->find(t.module)) served.push_back(m->path);
      project.deployed_settings = deployed_settings_paths(project, served);
    }
    results.clear();
    project.services = resolve_compose_services(project, catalog);
    for (const auto& c : check_set.checks()) c->check_project(project, findings);

    // Severity: rule default, then a check's own lowering, then config, then per-path overrides.
    std::vector<Finding> kept;
    for (auto& f : findings) {
      const RuleSpec* rule = catalog.find(f.rule_id);
      if (!rule || !active.count(rule->id)) continue;
      f.rule_id = rule->id;
      f.severity = f.severity_override.value_or(rule->severity);
      if (auto it = cfg.severity.find(rule->id); it != cfg.severity.end()) f.severity = it->second;
      bool ignored = false;
      for (const auto& o : cfg.overrides) {
        bool match = std::any_of(o.paths.begin(), o.paths.end(), [&](const std::string& g) { return glob_match(g, f.where.file); });
        if (!match) continue;
        if (rule_selected(*rule, o.ignore)) ignored = true;
        if (auto it = o.severity.find(rule->id); it != o.severity.end()) f.severity = it->second;
      }
      if (!ignored) kept.push_back(std::move(f));
    }

    // Suppressions.
    for (auto& f : kept) {
      auto it = suppressions.find(f.where.file);
      if (it == suppressions.end()) continue;
      const RuleSpec* rule = catalog.find(f.rule_id);
      for (const auto& s : it->second) {
        if (!s.file_level && s.target_line != f.where.range.begin.line) continue;
        bool names = s.rules.empty();
        for (const auto& r : s.rules)
          if (iequals(r, rule->id) || r == rule->name) names = true;
        if (!names) continue;
        s.used = true;
        f.suppressed = true;
        f.suppression_reason = s.reason;
        break;
      }
    }
    if (active.count(kUnusedSuppressionRule)) {
      const RuleSpec* unused = catalog.find(kUnusedSuppressionRule);
      for (const auto& [file, list] : suppressions) {
        for (const auto& s : list) {
          if (s.used) continue;
          std::string what;
          bool only_inactive = !s.rules.empty();
          for (const auto& r : s.rules) {
            const RuleSpec* named = catalog.find(r);
            if (!named) {
              what = "names unknown rule `" + r + "`";
              only_inactive = false;
              break;
            }
            if (active.count(named->id)) only_inactive = false;
          }
          if (only_inactive) continue;  // the rule is switched off: the comment cannot be tested here
          Finding f;
          f.rule_id = unused->id;
          f.severity = unused->severity;
          f.where = {file, s.comment, {}};
          f.message = what.empty() ? "this suppression matches no finding; remove it so it cannot hide a future one"
                                   : "this suppression " + what + "; see `cfglint rules`";
          kept.push_back(std::move(f));
        }
      }
    }

    // Only the given files (and findings whose evidence runs through them), when files were given.
    if (!target.only_files.empty()) {
      std::vector<Finding> filtered;
      for (auto& f : kept) {
        bool in = target.only_files.count(f.where.file) > 0;
        for (const auto& rl : f.related) in = in || target.only_files.count(rl.file) > 0;
        if (in) filtered.push_back(std::move(f));
      }
      kept = std::move(filtered);
    }

    // Snippets and fingerprints: re-read only the files that have findings.
    std::map<std::string, std::vector<Finding*>> by_file;
    for (auto& f : kept) by_file[f.where.file].push_back(&f);
    for (auto& [file, list] : by_file) {
      std::string text = read_file(target.root + "/" + file);
      LineIndex lines(text);
      std::map<std::string, int> seen;
      std::sort(list.begin(), list.end(), [](const Finding* a, const Finding* b) {
        return std::tie(a->where.range, a->rule_id, a->message) < std::tie(b->where.range, b->rule_id, b->message);
      });
      for (Finding* f : list) {
        std::string_view line = lines.line_text(text, f->where.range.begin.line);
        f->snippet = std::string(line.substr(0, 400));
        // rule + file + normalised line text + occurrence: survives lines moving up or down
        std::string key = f->rule_id + "\n" + file + "\n" + normalize_snippet(line);
        int n = seen[key]++;
        f->fingerprint = hex64(fnv1a(key + "\n" + std::to_string(n)));
      }
    }

    // Paths as the user sees them.
    std::string prefix = display_prefix(target.root, opt.relative_to);
    result.roots.push_back(prefix.empty() ? "." : prefix.substr(0, prefix.size() - 1));
    for (auto& f : kept) {
      f.where.file = prefix + f.where.file;
      for (auto& rl : f.related) rl.file = prefix + rl.file;
      result.findings.push_back(std::move(f));
    }
    for (size_t i = problems_before; i < result.problems.size(); ++i) result.problems[i].file = prefix + result.problems[i].file;
    for (size_t i = files_before; i < result.files.size(); ++i) result.files[i] = prefix + result.files[i];
  }

  std::sort(result.files.begin(), result.files.end());
  std::sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.where.file, a.where.range, a.rule_id, a.message) < std::tie(b.where.file, b.where.range, b.rule_id, b.message);
  });
  return result;
}

}  // namespace cfglint
