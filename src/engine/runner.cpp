#include "engine/runner.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <malloc.h>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_set>

#include "core/strings.h"
#include "discovery/classify.h"
#include "discovery/gitignore.h"
#include "discovery/walker.h"
#include "engine/file_pipeline.h"
#include "engine/finalize.h"
#include "engine/targets.h"
#include "model/deployment.h"
#include "model/project_builder.h"
#include "model/references.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {


// --config, else .cfglint.toml found upwards from the first root (stopping at the repository root).
void load_run_config(const RunOptions& opt, const std::string& root, RuleCatalog& catalog, Config& config) {
  std::string path = opt.config_path.empty() ? find_config(root) : canonical_path(opt.config_path, "--config");
  if (path.empty()) return;
  ConfigError err;
  if (!load_config(path, read_whole_file(path), config, catalog, err)) throw UsageError(err.to_string());
}

void require_known_rules(const RuleCatalog& catalog, const std::vector<std::string>& refs, const char* option) {
  for (const auto& r : refs) {
    bool known = r == "ALL" || catalog.find(r) ||
                 std::any_of(catalog.all().begin(), catalog.all().end(), [&](const RuleSpec& s) { return starts_with_icase(s.id, r); });
    if (!known) throw UsageError(std::string(option) + ": unknown rule `" + r + "` (see `cfglint rules`)");
  }
}

struct ActiveRules {
  std::set<std::string> ids;
  std::unique_ptr<CheckSet> checks;
};

// Stage 2: which rules run, each with its check built from its template and parameters.
ActiveRules activate_rules(const RuleCatalog& catalog, const Config& cfg, const RunOptions& opt) {
  require_known_rules(catalog, opt.select, "--select");
  require_known_rules(catalog, opt.ignore, "--ignore");
  const std::vector<std::string>& select = !opt.select.empty() ? opt.select : cfg.select;
  ActiveRules active;
  std::vector<std::unique_ptr<Check>> checks;
  for (const auto& rule : catalog.all()) {
    // A configuration's `select` names built-in families; the project's own rules stay on unless ignored.
    bool selected = select.empty() || rule_selected(rule, select) || (opt.select.empty() && !rule.builtin);
    if (!selected || rule_selected(rule, cfg.ignore) || rule_selected(rule, opt.ignore)) continue;
    const TemplateInfo* tmpl = find_template(rule.template_name);
    if (!tmpl) throw UsageError(rule.origin + ": rule " + rule.id + " names unknown check template `" + rule.template_name + "`");
    std::string error;
    auto check = tmpl->make(rule, catalog, error);
    if (!check) throw UsageError(rule.origin + ": rule " + rule.id + " (" + rule.template_name + "): " + error);
    active.ids.insert(rule.id);
    checks.push_back(std::move(check));
  }
  active.checks = std::make_unique<CheckSet>(std::move(checks));
  return active;
}

// The files of a target: the walk, plus named files the walk passed over (gitignored, or read from `-`).
std::vector<DiscoveredFile> files_of(const Target& target, const Config& cfg, unsigned jobs, bool force_exclude,
                                     std::vector<std::string>& notices) {
  WalkOptions wopt;
  wopt.jobs = jobs;
  // As in ruff: a path named on the command line is analysed even where `exclude` matches it, unless
  // --force-exclude (what the pre-commit hook passes, since pre-commit names every changed file).
  for (const auto& g : cfg.exclude) {
    bool names_excluded = !force_exclude && std::any_of(target.only_dirs.begin(), target.only_dirs.end(), [&](const std::string& d) {
      return excluded_with_ancestors({g}, d.substr(0, d.size() - 1));
    });
    if (!names_excluded) wopt.exclude_globs.push_back(g);
  }
  std::vector<DiscoveredFile> files = walk_project(target.root, wopt);
  for (const auto& rel : target.only_files) {
    bool found = std::any_of(files.begin(), files.end(), [&](const DiscoveredFile& f) { return f.rel_path == rel; });
    if (found) continue;
    FileKind kind = classify_path(rel);
    if (kind == FileKind::Unknown) {
      notices.push_back("`" + rel + "` is not a kind of file cfglint reads; it was not analysed");
    } else if (force_exclude && excluded_with_ancestors(cfg.exclude, rel)) {
      notices.push_back("`" + rel + "` is excluded by " + cfg.path + "; it was not analysed");
    } else {
      files.push_back({rel, kind});  // named explicitly: analysed even if gitignored
    }
  }
  auto by_path = [](const DiscoveredFile& a, const DiscoveredFile& b) { return a.rel_path < b.rel_path; };
  if (!std::is_sorted(files.begin(), files.end(), by_path)) std::sort(files.begin(), files.end(), by_path);  // the walk's are
  return files;
}

// A bug must cost one file or one check, never the report for the whole project.
std::string internal_error(const char* while_doing, const std::exception& e) {
  return std::string("internal error while ") + while_doing + " (" + e.what() + "); it was skipped and the rest of the run went on. "
         "Please report this with the file, at https://github.com/cfglint/cfglint/issues";
}

// Stage 5: project checks, each on its own: one that fails is reported and the others still run. They
// only read the model (its lazily made answers are filled under locks), so they run on `jobs` threads;
// each check's findings and problem are kept apart and joined in check order, as one thread would.
void run_project_checks(const CheckSet& checks, const Project& project, unsigned jobs, std::vector<Finding>& findings, RunResult& run) {
  const auto& all = checks.checks();
  std::vector<std::vector<Finding>> found(all.size());
  std::vector<std::string> failed(all.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < all.size(); i = next.fetch_add(1)) {
      auto fail = [&](const std::exception& e) {
        found[i].clear();
        failed[i] = internal_error(("running a project check (" + all[i]->rule().id + ")").c_str(), e);
      };
      try {
        all[i]->check_project(project, found[i]);
      } catch (const std::exception& e) {
        fail(e);
      } catch (...) {  // on a thread of its own, an escaping exception would end the process
        fail(std::runtime_error("unknown exception"));
      }
    }
  };
  std::vector<std::thread> threads;
  try {
    for (unsigned t = 1; t < std::min<size_t>(jobs, all.size()); ++t) threads.emplace_back(work);
  } catch (const std::system_error&) {  // no more threads to be had: the ones started and this one do the work
  }
  work();
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < all.size(); ++i) {
    for (auto& f : found[i]) findings.push_back(std::move(f));
    if (!failed[i].empty()) run.problems.push_back({"", std::move(failed[i])});
  }
}

// Where per-file facts go: the project, the findings and the suppressions of one target.
struct Collector {
  Project& project;
  RunResult& run;
  std::vector<Finding>& findings;
  SuppressionMap& suppressions;
  bool list_files = true;

  // One file's facts into the project. Called in file order, so the model is the same whatever the jobs.
  void take(FileResult& r, const DiscoveredFile& file) {
    if (r.problem) {
      run.problems.push_back({file.rel_path, *r.problem});
      return;
    }
    for (auto& w : r.upper_case_names) project.names_outside_python.insert(std::move(w));
    if (r.skipped) {
      ++run.files_skipped[*r.skipped];
      if (r.mentions_settings_env) project.settings_env_mentions.push_back(file.rel_path);
      return;
    }
    ++run.files_analyzed;
    if (list_files) run.files.push_back(file.rel_path);
    run.bytes_analyzed += r.bytes;
    for (auto& f : r.findings) findings.push_back(std::move(f));
    if (!r.suppressions.empty()) suppressions[file.rel_path] = std::move(r.suppressions);
    if (r.compose) project.compose_files.push_back(std::move(*r.compose));
    if (r.dockerfile) project.dockerfiles.push_back(std::move(*r.dockerfile));
    if (r.env) project.env_files.push_back(std::move(*r.env));
    if (r.dependencies) project.dependencies.push_back(std::move(*r.dependencies));
    if (r.script) project.scripts.push_back(std::move(*r.script));
    if (r.nginx) project.nginx_files.push_back(std::move(*r.nginx));
    for (auto& w : r.workloads) project.workloads.push_back(std::move(w));
    for (auto& m : r.config_maps) project.config_maps.push_back(std::move(m));
    if (r.task_definition) project.task_definitions.push_back(std::move(*r.task_definition));
    for (auto& b : r.image_builds) project.declared_image_builds.push_back(std::move(b));
    for (auto& w : r.written_files) project.written_files.push_back(std::move(w));
    if (r.python) project.python_modules.push_back(std::move(*r.python));
    else if (r.mentions_settings_env) project.settings_env_mentions.push_back(file.rel_path);
  }
};

// One file through process_file; a cfglint bug (or memory exhausted) on it becomes a problem for that file.
std::unique_ptr<FileResult> analyse(const DiscoveredFile& file, const Target& target, const CheckSet& checks, uint64_t max_size) {
  auto in = target.stdin_text.find(file.rel_path);
  const std::string* text = in == target.stdin_text.end() ? nullptr : &in->second;
  try {
    return std::make_unique<FileResult>(process_file(file.rel_path, target.root + "/" + file.rel_path, file.kind, max_size, checks, text));
  } catch (const std::exception& e) {
    auto r = std::make_unique<FileResult>();
    r->problem = internal_error("analysing this file", e);
    return r;
  }
}

// Stages 3 and 4a: every file through its front-end and per-file checks, in parallel, its facts taken
// into the project in file order as soon as they are ready. A result lives only from its file's
// analysis until it is taken, so memory holds the project's facts, not every file's result at once.
// The calling thread takes results and, while the next one is not ready, analyses files itself.
void read_files(const std::vector<DiscoveredFile>& files, const Target& target, const CheckSet& checks, unsigned jobs,
                uint64_t max_size, Collector& into) {
  std::vector<std::unique_ptr<FileResult>> results(files.size());
  std::atomic<size_t> next{0};
  size_t taken = 0;  // results the calling thread has taken (guarded by mutex)
  // Workers stay at most `window` files ahead of the taking thread: when it is slow (a large file of its
  // own, a heavy take), finished results would otherwise pile up, each holding its file's facts and
  // kept syntax trees, and memory would follow the thread count instead of the project.
  const size_t window = 16 * static_cast<size_t>(std::max(1u, jobs));
  std::mutex mutex;
  std::condition_variable done, room;
  auto work_one = [&](bool may_wait) -> bool {
    if (may_wait) {
      std::unique_lock<std::mutex> lock(mutex);
      room.wait(lock, [&] { return next.load() < taken + window || next.load() >= files.size(); });
    }
    size_t i = next.fetch_add(1);
    if (i >= files.size()) return false;
    auto r = analyse(files[i], target, checks, max_size);
    std::lock_guard<std::mutex> lock(mutex);
    results[i] = std::move(r);
    done.notify_all();
    return true;
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::min<size_t>(jobs, files.size()); ++t)
    threads.emplace_back([&] {
      while (work_one(true)) {
      }
    });
  for (size_t i = 0; i < files.size(); ++i) {
    std::unique_ptr<FileResult> r;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        if (results[i]) {
          r = std::move(results[i]);
          break;
        }
        if (next.load() >= files.size()) {  // nothing left to start: wait for the thread that has file i
          done.wait(lock, [&] { return results[i] != nullptr; });
          r = std::move(results[i]);
          break;
        }
      }
      work_one(false);
    }
    into.take(*r, files[i]);
    r.reset();
    {
      std::lock_guard<std::mutex> lock(mutex);
      taken = i + 1;
    }
    room.notify_all();
  }
  for (auto& t : threads) t.join();
}

// A named file that is not there: is it meant to be made locally (gitignored), and from what template.
Project::MissingFile missing_file(const std::string& root, const std::string& rel) {
  Project::MissingFile m{rel, gitignored(root, rel), ""};
  std::string dir = dirname_of(rel), base = rel.substr(dir.size());
  std::string stem = base.size() > 4 && base.compare(base.size() - 4, 4, ".env") == 0 ? base.substr(0, base.size() - 4) : base;
  for (const std::string& candidate : {base + ".example", base + ".sample", base + ".dist", base + ".template", base + ".default",
                                       base + ".tmpl", stem + ".example.env", stem + ".sample.env", std::string(".env.example")}) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(root + "/" + dir + candidate, ec)) {
      m.template_path = dir + candidate;
      break;
    }
  }
  return m;
}

// The configuration files right inside a folder nginx is given (*.conf, *.template), in name order.
std::vector<std::string> nginx_folder_files(const std::string& abs) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(abs, ec); !ec && it != std::filesystem::directory_iterator() && names.size() < 200;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if ((ends_with(name, ".conf") || ends_with(name, ".template")) && it->is_regular_file(ec)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Stage 4b: files the deployment reads because another file names them (a compose `dockerfile:`,
// `env_file:`, a requirements `-r`), read as what names them when discovery did not read them by name.
// Repeated while new references appear (a referenced requirements file includes another), bounded.
std::vector<DiscoveredFile> unread_references(Project& project, const std::vector<DiscoveredFile>& read, const Config& cfg) {
  // The files read, by view (a monorepo reads tens of thousands), and the paths this function met.
  std::unordered_set<std::string_view> read_paths(read.size());
  for (const auto& f : read) read_paths.insert(f.rel_path);
  std::set<std::string> met;
  for (const auto& m : project.missing_references) met.insert(m.path);
  auto known = [&](const std::string& path) { return read_paths.count(path) || !met.insert(path).second; };
  std::vector<DiscoveredFile> out;
  for (const auto& ref : referenced_files(project)) {
    if (known(ref.path) || excluded_with_ancestors(cfg.exclude, ref.path)) continue;
    std::string abs = project.root + "/" + ref.path;
    std::error_code ec;
    if (ref.kind == FileKind::Nginx && std::filesystem::is_directory(abs, ec)) {  // a mounted conf folder: its files
      for (const auto& name : nginx_folder_files(abs)) {
        std::string rel = (ref.path.empty() ? "" : ref.path + "/") + name;
        if (!known(rel) && !excluded_with_ancestors(cfg.exclude, rel)) out.push_back({rel, FileKind::Nginx});
      }
      continue;
    }
    if (std::filesystem::is_regular_file(abs, ec)) out.push_back({ref.path, ref.kind});
    else if (!ref.optional && !std::filesystem::exists(abs, ec)) {
      project.missing_references.push_back(missing_file(project.root, ref.path));
      if (const WrittenFile* w = find_written(project.written_files, ref.path)) project.missing_references.back().written_by = *w;
    }
  }
  return out;
}

// Stage 4c: the project model; false (and a problem in the report) when building it failed, since a
// half-built model would make checks see absences that are not there.
bool build_model(Project& project, const RuleCatalog& catalog, RunResult& run) {
  try {
    derive_project_model(project, catalog);
    return true;
  } catch (const std::exception& e) {
    run.problems.push_back({"", internal_error("building the project model; project-wide checks did not run", e)});
    return false;
  }
}

// Nothing reads the model once the project checks have run: its hundreds of thousands of nodes are freed on
// a thread of their own while the findings are finalized (a tenth of a second on a monorepo), or, when the
// caller exits after the run (RunOptions::free_model), kept for the exit to reclaim.
void free_in_background(std::unique_ptr<Project> model, bool free_model, std::vector<std::thread>& threads) {
  if (!free_model) {
    static std::mutex kept_mutex;
    static auto* kept = new std::vector<std::unique_ptr<Project>>();  // never destroyed: reachable until exit
    std::lock_guard<std::mutex> lock(kept_mutex);
    kept->push_back(std::move(model));
    return;
  }
  try {
    threads.emplace_back([m = std::move(model)]() mutable { m.reset(); });
  } catch (const std::system_error&) {  // no thread to be had: the model went with the lambda, freed here
  }
}

// Stage 7: paths as the user sees them, relative to the working folder.
void publish(std::vector<Finding> findings, const std::string& root, const RunOptions& opt, RunResult& run, size_t problems_before,
             size_t files_before) {
  std::string from = opt.relative_to.empty() ? working_folder() : canonical_path(opt.relative_to, "");
  auto shown = [&](const std::string& rel) { return display_path(rel.empty() ? root : root + "/" + rel, from); };
  run.roots.push_back(shown(""));
  for (auto& f : findings) {
    f.where.file = shown(f.where.file);
    for (auto& rl : f.related) rl.file = shown(rl.file);
    run.findings.push_back(std::move(f));
  }
  for (size_t i = problems_before; i < run.problems.size(); ++i) run.problems[i].file = shown(run.problems[i].file);
  for (size_t i = files_before; i < run.files.size(); ++i) run.files[i] = shown(run.files[i]);
}

}  // namespace

RunResult Engine::run(const RunOptions& opt) {
  RunResult result;
  std::vector<std::thread> freeing;  // threads freeing finished project models
  std::vector<Target> targets = resolve_targets(opt);
  RuleCatalog catalog = catalog_;
  load_run_config(opt, targets.front().root, catalog, result.config);
  ActiveRules active = activate_rules(catalog, result.config, opt);
  unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());

  for (const auto& target : targets) {
    size_t problems_before = result.problems.size(), files_before = result.files.size();
    std::vector<DiscoveredFile> files = files_of(target, result.config, jobs, opt.force_exclude, result.notices);
    auto model = std::make_unique<Project>();
    Project& project = *model;
    project.root = target.root;
    std::vector<Finding> findings;
    SuppressionMap suppressions;
    Collector into{project, result, findings, suppressions, opt.list_files};
    read_files(files, target, *active.checks, jobs, opt.max_file_size, into);
    for (int round = 0; round < 4; ++round) {  // a referenced file may reference another
      std::vector<DiscoveredFile> more = unread_references(project, files, result.config);
      if (more.empty()) break;
      read_files(more, target, *active.checks, jobs, opt.max_file_size, into);
      files.insert(files.end(), more.begin(), more.end());
    }
    // The per-file syntax trees are gone; the reader threads' heaps keep their free pages mapped until
    // asked. Returning them before the model is built keeps the run's peak to what is live (-10 MB on the
    // 70,000-file bench case).
    malloc_trim(0);
    if (build_model(project, catalog, result)) {
      if (opt.on_model) opt.on_model(project);
      run_project_checks(*active.checks, project, jobs, findings, result);
    }
    bool last = &target == &targets.back();  // only the last model waits for the exit: one at a time is alive
    free_in_background(std::move(model), opt.free_model || !last, freeing);

    findings = apply_severities(std::move(findings), catalog, active.ids, result.config, target);
    apply_suppressions(findings, suppressions, catalog);
    report_unused_suppressions(suppressions, catalog, active.ids, findings);
    findings = keep_reported(std::move(findings), target);
    add_snippets_and_fingerprints(findings, target);
    publish(std::move(findings), target.root, opt, result, problems_before, files_before);
  }

  for (auto& t : freeing) t.join();
  std::sort(result.files.begin(), result.files.end());
  std::sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.where.file, a.where.range, a.rule_id, a.message) < std::tie(b.where.file, b.where.range, b.rule_id, b.message);
  });
  return result;
}

void load_config_rules(RuleCatalog& catalog, const std::string& config_path) {
  std::string path = config_path.empty() ? find_config(working_folder()) : canonical_path(config_path, "--config");
  if (path.empty()) return;
  Config config;
  ConfigError err;
  if (!load_config(path, read_whole_file(path), config, catalog, err)) throw UsageError(err.to_string());
}

}  // namespace cfglint
