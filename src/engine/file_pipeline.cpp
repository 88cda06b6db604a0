#include "engine/file_pipeline.h"

#include <re2/set.h>

#include <fstream>
#include <sstream>

#include "core/strings.h"
#include "engine/runner.h"
#include "frontends/toml/toml_frontend.h"
#include "frontends/yaml/yaml_parser.h"
#include "frontends/shell/shell_words.h"
#include "model/compose_model.h"
#include "model/ecs_model.h"
#include "model/kubernetes_model.h"

namespace cfglint {

struct CheckSet::Prefilter {
  RE2::Options options;
  std::unique_ptr<RE2::Set> set;
  std::vector<int> set_index;  // per check: index in the set, or -1 when it has no prefilter
};

CheckSet::CheckSet(std::vector<std::unique_ptr<Check>> checks) : checks_(std::move(checks)), prefilter_(new Prefilter) {
  prefilter_->options.set_log_errors(false);
  prefilter_->options.set_max_mem(256 << 20);  // many rules in one set need more than RE2's 8 MiB default
  prefilter_->set = std::make_unique<RE2::Set>(prefilter_->options, RE2::UNANCHORED);
  int n = 0;
  for (const auto& c : checks_) {
    std::string p = c->prefilter();
    int idx = -1;
    if (!p.empty() && prefilter_->set->Add(p, nullptr) >= 0) idx = n++;
    prefilter_->set_index.push_back(idx);
  }
  if (n == 0 || !prefilter_->set->Compile()) {
    prefilter_->set.reset();
    std::fill(prefilter_->set_index.begin(), prefilter_->set_index.end(), -1);
  }
}

CheckSet::~CheckSet() = default;

void CheckSet::run_file_checks(const FileUnit& unit, std::vector<Finding>& out) const {
  std::vector<int> matched;
  bool set_ran = false;
  for (size_t i = 0; i < checks_.size(); ++i) {
    const Check& c = *checks_[i];
    if (!c.reads(unit.source.kind)) continue;
    int idx = prefilter_->set_index[i];
    if (idx >= 0) {
      if (!set_ran) {
        prefilter_->set->Match(unit.source.text, &matched);
        std::sort(matched.begin(), matched.end());
        set_ran = true;
      }
      if (!std::binary_search(matched.begin(), matched.end(), idx)) continue;
    }
    c.check_file(unit, out);
  }
}

namespace {

void add_errors(const std::vector<TreeDiagnostic>& errors, const SourceFile& src, std::string_view what, std::vector<Finding>& out) {
  for (const auto& e : errors) {
    Finding f;
    f.rule_id = kParseErrorRule;
    f.where = {src.path, e.range, {}};
    f.message = std::string(what) + ": " + e.message;
    out.push_back(std::move(f));
  }
}

bool looks_like_kubernetes(const ParsedTree& tree) {
  for (const auto& d : tree.documents)
    if (d.root && d.root->get("apiVersion") && d.root->get("kind")) return true;
  return false;
}

}  // namespace

FileResult process_file(const std::string& rel, const std::string& abs, FileKind kind, uint64_t max_size, const CheckSet& checks) {
  FileResult r;
  r.kind = kind;
  SourceFile src;
  src.path = rel;
  src.abs_path = abs;
  src.kind = kind;
  {
    std::ifstream in(abs, std::ios::binary);
    if (!in) {
      r.problem = "cannot open the file";
      return r;
    }
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    in.seekg(0);
    if (size < 0) {
      r.problem = "cannot read the file";
      return r;
    }
    if (static_cast<uint64_t>(size) > max_size) {
      Finding f;
      f.rule_id = kParseErrorRule;
      f.where = {rel, {{1, 1}, {1, 1}}, {}};
      f.message = "file is " + std::to_string(static_cast<uint64_t>(size) >> 20) + " MiB, over the " +
                  std::to_string(max_size >> 20) + " MiB limit; it was not analysed";
      r.findings.push_back(std::move(f));
      return r;
    }
    src.text.resize(static_cast<size_t>(size));
    in.read(src.text.data(), size);
    if (in.gcount() != size) {
      r.problem = "the file changed or could not be read while it was analysed";
      return r;
    }
  }
  r.bytes = src.text.size();
  src.lines = LineIndex(src.text);

  FileUnit unit{src};
  ParsedTree tree;
  Dockerfile dockerfile;
  EnvFile env;
  RequirementsFile reqs;
  switch (kind) {
    case FileKind::Compose:
    case FileKind::Yaml:
    case FileKind::Kubernetes:
      tree = parse_yaml(src.text, src.lines, TreeSyntax::Yaml);
      add_errors(tree.errors, src, "YAML", r.findings);
      if (kind == FileKind::Yaml && looks_like_kubernetes(tree)) src.kind = r.kind = FileKind::Kubernetes;
      unit.tree = &tree;
      break;
    case FileKind::Json:
    case FileKind::PipfileLock:
      tree = parse_yaml(src.text, src.lines, TreeSyntax::Json);
      add_errors(tree.errors, src, "JSON", r.findings);
      unit.tree = &tree;
      break;
    case FileKind::Toml:
    case FileKind::Pyproject:
    case FileKind::Pipfile:
    case FileKind::PoetryLock:
      tree = parse_toml(src.text, src.lines);
      add_errors(tree.errors, src, "TOML", r.findings);
      unit.tree = &tree;
      break;
    case FileKind::Dockerfile:
      dockerfile = parse_dockerfile(src.text, src.lines);
      add_errors(dockerfile.errors, src, "Dockerfile", r.findings);
      unit.dockerfile = &dockerfile;
      break;
    case FileKind::Dotenv:
      env = parse_dotenv(src.text, src.lines);
      add_errors(env.errors, src, "env file", r.findings);
      unit.env = &env;
      break;
    case FileKind::Requirements:
      reqs = parse_requirements(src.text, src.lines);
      add_errors(reqs.errors, src, "requirements", r.findings);
      unit.requirements = &reqs;
      break;
    default:
      break;
  }
  checks.run_file_checks(unit, r.findings);
  r.suppressions = scan_suppressions(src);

  // Model extraction: keep what cross-file checks need, let the trees go with this frame.
  switch (src.kind) {
    case FileKind::Compose:
      r.compose = build_compose_model(rel, tree);
      break;
    case FileKind::Kubernetes:
      r.workloads = build_kubernetes_model(rel, tree);
      break;
    case FileKind::Json:
      r.task_definition = build_ecs_model(rel, tree);
      break;
    case FileKind::Shell: {
      ShellScriptUnit script{rel, {}, false};
      for (const auto& cmd : shell_split(src.text)) {
        script.commands.push_back(join(cmd.argv, " "));
        if (cmd.argv.size() == 2 && cmd.argv[0] == "exec" && cmd.argv[1] == "$@") script.execs_args = true;
      }
      r.script = std::move(script);
      break;
    }
    case FileKind::Dockerfile:
      r.dockerfile = DockerfileUnit{rel, std::move(dockerfile)};
      break;
    case FileKind::Dotenv:
      r.env = EnvFileUnit{rel, std::move(env)};
      break;
    case FileKind::Requirements:
      r.dependencies = DependencyUnit{rel, src.kind, std::move(reqs.requirements), std::move(reqs.includes)};
      break;
    case FileKind::Pyproject:
    case FileKind::Pipfile:
    case FileKind::PipfileLock:
    case FileKind::PoetryLock:
      r.dependencies = DependencyUnit{rel, src.kind, requirements_from_tree(src.kind, tree), {}};
      break;
    default:
      break;
  }
  return r;
}

}  // namespace cfglint
