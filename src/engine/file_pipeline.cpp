#include "engine/file_pipeline.h"

#include <re2/set.h>

#include <array>
#include <cctype>
#include <set>

#include "core/strings.h"
#include "discovery/classify.h"
#include "engine/runner.h"
#include "model/app_registry.h"
#include "model/image_facts.h"
#include "model/python_model.h"
#include "model/url_routes.h"
#include "frontends/nginx/nginx_parser.h"
#include "frontends/toml/toml_frontend.h"
#include "frontends/yaml/yaml_parser.h"
#include "frontends/python/module_facts.h"
#include "frontends/python/python_parser.h"
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

// One CFG001 per file: the first error, with its position; later ones usually follow from it.
void add_errors(const std::vector<TreeDiagnostic>& errors, const SourceFile& src, std::string_view what, std::vector<Finding>& out) {
  if (errors.empty()) return;
  Finding f;
  f.rule_id = kParseErrorRule;
  f.where = {src.path, errors.front().range, {}};
  f.message = std::string(what) + ": " + errors.front().message;
  if (errors.size() == 2) f.message += " (and 1 more error after it)";
  if (errors.size() > 2) f.message += " (and " + std::to_string(errors.size() - 1) + " more errors after it)";
  if (test_or_docs_path(src.path)) f.severity_override = Severity::Note;  // no deployment reads it
  out.push_back(std::move(f));
}

// A YAML file that did not parse may still be one a deployment reads: a Kubernetes manifest or compose
// file (cfglint could not tell from its tree), a file in a deployment folder, or a CI workflow that builds
// and deploys.
bool may_be_deployment_yaml(std::string_view path, std::string_view text) {
  for (std::string_view hint : {".github/workflows/", ".gitlab-ci", ".circleci/", "bitbucket-pipelines", "azure-pipelines", "skaffold",
                                "kustomization", "Chart.yaml", "values", "deploy", "k8s", "kube", "helm", "chart", "manifest", "infra",
                                "ops/", "ansible", "playbook"})
    if (path.find(hint) != std::string_view::npos) return true;
  return contains_text(text, "apiVersion") || contains_text(text, "services:");
}

// The first instruction of a Dockerfile is one Docker knows (FROM, ARG, a parser directive is a
// comment); source code named dockerfile.go or dockerfile.cpp starts with something else.
bool starts_like_dockerfile(const Dockerfile& df) {
  static const std::set<std::string> instructions = {"FROM", "ARG", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY",
                                                     "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"};
  return df.instructions.empty() || instructions.count(df.instructions.front().keyword) > 0;
}

FileResult& skipped(FileResult& r, std::string why) {
  r.skipped = std::move(why);
  return r;
}

// Helm chart templates and Jinja sources are not YAML until they are rendered: `{{ .Values.x }}` and
// `{% if %}` lines are templates, and a file that only parses after rendering is not broken.
bool is_go_or_jinja_template(const std::string& rel, std::string_view text, const ParsedTree& tree) {
  bool markers = contains_text(text, "{%");
  for (size_t at = find_text(text, "{{"); !markers && at != std::string_view::npos; at = find_text(text, "{{", at + 2))
    markers = at == 0 || text[at - 1] != '$';  // `${{ github.ref }}` is a GitHub Actions expression, not a template
  if (!markers) return false;
  if (!tree.errors.empty()) return true;
  return rel.rfind("templates/", 0) == 0 || rel.find("/templates/") != std::string::npos;
}

// The keys deployment_json() accepts, as text: without one of them the file cannot be deployment JSON.
bool names_deployment_keys(std::string_view text) {
  for (std::string_view key : {"\"apiVersion\"", "\"containerDefinitions\"", "\"services\""})
    if (contains_text(text, key)) return true;
  return false;
}

// JSON that a deployment reads: Kubernetes manifests, ECS task definitions, compose in JSON. Other JSON
// (tsconfig, package.json, test data, documentation snippets) is not configuration cfglint judges.
bool deployment_json(std::string_view text, const ParsedTree& tree) {
  if (tree.errors.empty()) {
    for (const auto& d : tree.documents) {
      if (!d.root) continue;
      if ((d.root->get("apiVersion") && d.root->get("kind")) || d.root->get("containerDefinitions") || d.root->get("services"))
        return true;
    }
    return false;
  }
  auto has = [&](std::string_view key) { return text.find(key) != std::string_view::npos; };
  return (has("\"apiVersion\"") && has("\"kind\"")) || has("\"containerDefinitions\"");
}

// A file named like an env file or requirements file whose lines mostly do not parse as one (a diff, a
// reStructuredText page) is something else: not reported as a broken one.
bool mostly_parsed(std::string_view text, size_t parsed, size_t errors) {
  if (errors == 0) return true;
  if (text.rfind("diff ", 0) == 0 || text.rfind("--- ", 0) == 0 || text.find("\n@@ ") != std::string_view::npos) return false;
  for (auto line : split(text, '\n')) {  // reStructuredText or Markdown: directives, section underlines
    line = trim(line);
    if (line.rfind(".. ", 0) == 0 || line.rfind("```", 0) == 0) return false;
    if (line.size() >= 3 && std::string_view("=-~^*").find(line[0]) != std::string_view::npos &&
        line.find_first_not_of(line[0]) == std::string_view::npos)
      return false;
  }
  return parsed >= errors;
}

// The kind by content where the name is not enough: a `manage.py` that is a shell script.
FileKind refine_kind(FileKind kind, std::string_view text) {
  if (kind != FileKind::Python || text.rfind("#!", 0) != 0) return kind;
  std::string_view first = text.substr(0, text.find('\n'));
  if (first.find("python") != std::string_view::npos) return kind;
  for (std::string_view sh : {"/sh", "/bash", "/dash", "/zsh", "/ash", "env sh", "env bash"})
    if (first.find(sh) != std::string_view::npos) return FileKind::Shell;
  return FileKind::Unknown;  // perl, node, ...: neither Python nor anything cfglint reads
}

// Python: imports and names for every module; the tree and text only for modules that build settings
// or start the application (what later analyses evaluate), so memory stays bounded.
// Syntax trees cost ~130 bytes per source byte on statement-dense files; generated Python data files
// beyond this size are not analysed, so memory stays bounded (they are never settings or entry modules).
constexpr size_t kMaxPythonBytes = 2u << 20;

// See PythonModule::wait_without_connecting_line. Read from the text: any word that may open a connection
// (a cursor, ensure_connection, a query, a socket, a helper imported from elsewhere) means it may wait.
uint32_t wait_without_connecting(const SourceFile& src, const std::vector<PythonImport>& imports) {
  std::string base = basename_of(src.path);
  if (src.path.find("management/commands/") == std::string::npos || base.rfind("wait", 0) != 0) return 0;
  size_t wait = src.text.find("OperationalError");
  if (wait == std::string::npos || src.text.find("connection") == std::string::npos) return 0;
  for (const char* may_connect : {"cursor", "ensure_connection", "connect(", "introspection", "execute", "is_usable", "check(", "psycopg",
                                  "socket", "Migration", "select", "SELECT", "objects", "raw(", "get_connection", "call_command",
                                  "subprocess", "system(", "pg_isready", "mysql", "sqlite", "health", "ping"})
    if (src.text.find(may_connect) != std::string::npos) return 0;
  for (const auto& i : imports) {
    std::string_view top = i.module().substr(0, i.module().find('.'));
    if (i.level > 0 || (top != "django" && top != "time" && top != "os" && top != "sys" && top != "logging" && top != "typing" &&
                        top != "__future__"))
      return 0;  // a helper from elsewhere may connect
  }
  // the line of the first `except ...OperationalError` (or the name's first use)
  if (size_t except = src.text.find("except"); except != std::string::npos) {
    size_t e = src.text.find("OperationalError", except);
    if (e != std::string::npos) wait = except;
  }
  return src.lines.at(src.text, wait).line;
}

// beat_scheduler / beat_schedule_filename (or the upper-case settings): two scans of the text, not four.
bool names_beat_storage(std::string_view text) {
  for (std::string_view stem : {"beat_schedule", "BEAT_SCHEDULE"}) {
    bool upper = stem[0] == 'B';
    for (size_t at = find_text(text, stem); at != std::string_view::npos; at = find_text(text, stem, at + stem.size())) {
      std::string_view rest = text.substr(at + stem.size());
      if (rest.starts_with(upper ? "R" : "r") || rest.starts_with(upper ? "_FILENAME" : "_filename")) return true;
    }
  }
  return false;
}

bool in_migrations_folder(std::string_view path) {
  return path.rfind("migrations/", 0) == 0 || path.find("/migrations/") != std::string_view::npos;
}

// A module on a settings path (settings.py, config/settings/prod.py) is taken for settings when it reads
// like them: mostly UPPER_CASE assignments (DEBUG = ..., DATABASES = ...), a star import of its siblings,
// or nothing at all. A Django app that happens to be named `settings` (models, views, serializers) is
// not, and keeping its syntax tree would cost memory for nothing (a third of the peak on a real tree).
bool reads_like_settings(const py::ModuleFacts& facts, const std::vector<PythonImport>& imports) {
  size_t upper = 0, other = 0;
  for (const auto& b : facts.bindings) {
    bool constant = b.kind == "assign" && !b.name.empty() && std::none_of(b.name.begin(), b.name.end(), [](char c) {
                      return std::islower(static_cast<unsigned char>(c));
                    });
    ++(constant ? upper : other);
  }
  if (upper > 0 && upper >= other) return true;
  for (const auto& i : imports)
    if (i.name() == "*") return true;
  return facts.bindings.empty();
}

PythonModule python_module(SourceFile& src, std::vector<Finding>& findings) {
  PythonModule m;
  m.path = src.path;
  if (src.text.size() > kMaxPythonBytes) {
    Finding f;
    f.rule_id = kParseErrorRule;
    f.severity_override = Severity::Note;
    f.where = {src.path, Range{}, {}};  // the file as a whole
    f.message = "Python file is " + std::to_string(src.text.size() >> 20) + " MiB, over the " + std::to_string(kMaxPythonBytes >> 20) +
                " MiB analysed for Python; its imports and settings were not read";
    findings.push_back(std::move(f));
    return m;
  }
  size_t bad = 0;
  if (!valid_utf8(src.text, &bad)) {
    Finding f;
    f.rule_id = kParseErrorRule;
    Position p = src.lines.at(src.text, bad);
    f.where = {src.path, {p, {p.line, p.column + 1}}, {}};
    f.message = "Python: the file is not valid UTF-8 (byte offset " + std::to_string(bad) + "); Python refuses to import it";
    findings.push_back(std::move(f));
    return m;
  }
  auto source = std::make_shared<PythonSource>();
  std::string base = basename_of(src.path);
  bool settings_path = base.find("settings") != std::string::npos || src.path.find("/settings/") != std::string::npos ||
                       src.path.rfind("settings/", 0) == 0;
  // Function bodies do not run at import; only settings modules need them (a module-level call runs one),
  // and manage.py, whose main() sets DJANGO_SETTINGS_MODULE for every management command.
  py::ParseLimits limits;
  limits.skip_function_bodies = !settings_path && base != "manage.py";
  source->ast = py::parse_module(src.text, limits);
  for (const auto& e : source->ast.errors) {
    Finding f;
    f.rule_id = kParseErrorRule;
    Position p = src.lines.at(src.text, e.offset);
    f.where = {src.path, {p, {p.line, p.column + 1}}, {}};
    f.message = "Python: " + e.message;
    if (source->ast.errors.size() > 1) f.message += " (later errors may follow from this one)";
    findings.push_back(std::move(f));
    break;  // the first error; later ones usually follow from it
  }
  size_t error_at = source->ast.errors.empty() ? SIZE_MAX : findings.size() - 1;
  bool beyond_limits = !source->ast.errors.empty() && source->ast.errors.front().limit;
  if (beyond_limits) findings[error_at].message = "Python: not analysed: " + source->ast.errors.front().message;
  py::ModuleFacts facts = py::module_facts(source->ast);
  // Django loads migrations only while migrating, by file: nothing imports them at start, so their
  // imports and names (a quarter of a real tree's modules) would be kept for no reader. Parsed still,
  // for syntax errors.
  if (in_migrations_folder(src.path)) return m;
  keep_names(m, facts, [&](const py::ImportFact& i) { return src.lines.span(src.text, i.offset, std::max(i.end, i.offset + 1)); });
  for (const auto& c : facts.calls)
    if (std::string qualified = qualify_callee(c.callee, m.imports); is_registry_call(c.callee, qualified))
      m.calls.push_back({c.callee, std::move(qualified), src.lines.span(src.text, c.offset, c.end), c.offset, c.main_guard});
  if (size_t at = find_text(src.text, "DJANGO_SETTINGS_MODULE"); at != std::string::npos) m.settings_env_offset = static_cast<uint32_t>(at);
  m.wait_without_connecting_line = wait_without_connecting(src, m.imports);
  m.names_beat_storage = names_beat_storage(src.text);
  bool settings_names = false;
  for (const auto& b : facts.bindings) {
    if (b.name == "SECRET_KEY" || b.name == "INSTALLED_APPS" || b.name == "MIDDLEWARE" || b.name.rfind("CSP_", 0) == 0 ||
        b.name == "CONTENT_SECURITY_POLICY" || b.name == "ALLOWED_HOSTS")
      settings_names = true;
  }
  m.looks_like_settings = settings_names || (settings_path && reads_like_settings(facts, m.imports));
  if (m.looks_like_settings && limits.skip_function_bodies) source->ast = py::parse_module(src.text);  // settings found by content
  bool entry = base == "manage.py" || base == "asgi.py" || base == "wsgi.py" || base == "celery.py";
  for (const auto& c : m.calls) entry |= is_setup_call(c.qualified);  // scripts that call django.setup()
  // A syntax error stops a deployment when the process imports the module; settings and entry modules
  // are imported at start, other modules (test data, scripts) may never be: a note.
  // Beyond cfglint's limits is not an error Python raises: a note whatever the module.
  if (error_at != SIZE_MAX && (beyond_limits || (!m.looks_like_settings && !entry))) findings[error_at].severity_override = Severity::Note;
  if (base == "urls.py" && source->ast.errors.empty())  // for routing probe paths (model/url_routes)
    m.url_conf = std::make_shared<const UrlConf>(read_urlconf(source->ast, src.text));
  if (m.looks_like_settings || entry) {
    source->text = std::move(src.text);
    source->lines = std::move(src.lines);
    m.source = std::move(source);
  }
  return m;
}

// A YAML file whose top-level `services` maps names to service definitions is a compose file,
// whatever its name (docker-stack.yml, files pulled in with `include:`).
bool looks_like_compose(const ParsedTree& tree) {
  if (tree.documents.size() != 1 || !tree.documents[0].root) return false;
  const Node* services = tree.documents[0].root->get("services");
  if (!services || !services->is_map() || services->entries.empty()) return false;
  for (const auto& [k, v] : services->entries)
    if (!v->is_map() || !(v->get("image") || v->get("build") || v->get("command"))) return false;
  return true;
}

bool looks_like_kubernetes(const ParsedTree& tree) {
  for (const auto& d : tree.documents)
    if (d.root && d.root->get("apiVersion") && d.root->get("kind")) return true;
  return false;
}

}  // namespace

namespace {

// Reads the file (or takes the text given for it); false with `r.problem` or a finding when it cannot be analysed.
bool read_source(const std::string& rel, const std::string& abs, uint64_t max_size, const std::string* given, SourceFile& src,
                 FileResult& r) {
  if (given) {
    src.text = *given;
  } else {
    uint64_t size = 0;
    switch (read_file(abs, max_size, src.text, size)) {
      case ReadStatus::Ok:
        break;
      case ReadStatus::CannotOpen:
        r.problem = "cannot open the file";
        return false;
      case ReadStatus::ReadFailed:
        r.problem = "the file changed or could not be read while it was analysed";
        return false;
      case ReadStatus::TooLarge: {
        Finding f;
        f.rule_id = kParseErrorRule;
        f.where = {rel, Range{}, {}};  // the file as a whole
        f.message = "file is " + std::to_string(size >> 20) + " MiB, over the " + std::to_string(max_size >> 20) +
                    " MiB limit; it was not analysed";
        r.findings.push_back(std::move(f));
        return false;
      }
    }
  }
  r.bytes = src.text.size();
  src.lines = LineIndex(src.text);
  return true;
}

}  // namespace

FileResult process_file(const std::string& rel, const std::string& abs, FileKind kind, uint64_t max_size, const CheckSet& checks,
                        const std::string* text) {
  FileResult r;
  SourceFile src;
  src.path = rel;
  src.abs_path = abs;
  if (!read_source(rel, abs, max_size, text, src, r)) return r;
  // pip reads UTF-16/32 with a BOM (Windows editors write them), and so do YAML readers (the YAML spec;
  // kubectl and compose): Windows PowerShell's `>` writes UTF-16LE with a BOM.
  bool wide_bom = src.text.size() >= 2 && (src.text.compare(0, 2, "\xFF\xFE") == 0 || src.text.compare(0, 2, "\xFE\xFF") == 0 ||
                                           src.text.compare(0, 2, std::string_view("\0\0", 2)) == 0);
  if (wide_bom && (kind == FileKind::Requirements || kind == FileKind::Yaml || kind == FileKind::Compose || kind == FileKind::Kubernetes)) {
    src.text = decode_bom_text(src.text);
    src.lines = LineIndex(src.text);
  }
  kind = refine_kind(kind, src.text);
  r.kind = src.kind = kind;
  if (kind == FileKind::Unknown) return r;

  // Even a file skipped below (a Helm template, a JSON data file) that names the variable may provide it.
  // (a Python module records where it names it instead: PythonModule::settings_env_offset)
  r.mentions_settings_env = kind != FileKind::Python && contains_text(src.text, "DJANGO_SETTINGS_MODULE");
  if (kind != FileKind::Python) r.upper_case_names = upper_case_words(src.text);
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
      if (is_go_or_jinja_template(rel, src.text, tree)) return skipped(r, "templates (Helm, Jinja)");
      add_errors(tree.errors, src, "YAML", r.findings);
      if (kind == FileKind::Yaml && looks_like_kubernetes(tree)) src.kind = r.kind = FileKind::Kubernetes;
      else if (kind == FileKind::Yaml && looks_like_compose(tree)) src.kind = r.kind = FileKind::Compose;  // stack.yml, included fragments
      if (src.kind == FileKind::Yaml && test_data_path(rel)) tree.duplicates.clear();  // test data sets: not ours to judge
      if (src.kind == FileKind::Yaml && !tree.errors.empty() && !may_be_deployment_yaml(rel, src.text))
        for (auto& f : r.findings)  // codecov.yaml, mkdocs.yml: broken, but no promise that a deployment fails
          if (f.rule_id == kParseErrorRule && !f.severity_override) f.severity_override = Severity::Warning;
      unit.tree = &tree;
      break;
    case FileKind::Json:
    case FileKind::PipfileLock:
      // Test data and fixtures run to megabytes and a tree costs ten times the text: JSON that names none
      // of the keys deployment_json() looks for is data, and needs no tree.
      if (kind == FileKind::Json && !names_deployment_keys(src.text)) break;
      tree = parse_yaml(src.text, src.lines, TreeSyntax::Json);
      if (kind == FileKind::Json && !deployment_json(src.text, tree)) {
        if (!tree.errors.empty()) return skipped(r, "JSON data files (not configuration a deployment reads)");
        tree.duplicates.clear();  // package.json, test data: what they hold is not ours to judge
      } else {
        add_errors(tree.errors, src, "JSON", r.findings);
      }
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
      if (!starts_like_dockerfile(dockerfile)) return skipped(r, "files named like Dockerfiles that are not (dockerfile.go, dockerfile.cpp)");
      add_errors(dockerfile.errors, src, "Dockerfile", r.findings);
      unit.dockerfile = &dockerfile;
      break;
    case FileKind::Dotenv:
      env = parse_dotenv(src.text, src.lines);
      if (!mostly_parsed(src.text, env.entries.size(), env.errors.size())) return skipped(r, "files named like env files that are not");
      add_errors(env.errors, src, "env file", r.findings);
      unit.env = &env;
      break;
    case FileKind::Requirements:
      reqs = parse_requirements(src.text, src.lines);
      if (!mostly_parsed(src.text, reqs.requirements.size() + reqs.includes.size(), reqs.errors.size()))
        return skipped(r, "files named like requirements that are not");
      add_errors(reqs.errors, src, "requirements", r.findings);
      unit.requirements = &reqs;
      break;
    case FileKind::Nginx:
      // ERB, Jinja or Go template syntax: something renders the file before nginx reads it, and what it
      // renders cannot be known here (`proxy_pass http://<%= ENV["NGINX_UPSTREAM"] %>`).
      for (const char* marker : {"<%", "{{", "{%"})
        if (src.text.find(marker) != std::string::npos) return skipped(r, "templates (ERB, Jinja, Go)");
      break;
    default:
      break;
  }
  checks.run_file_checks(unit, r.findings);
  if (kind == FileKind::Python) {
    r.suppressions = scan_suppressions(src);  // before the text may move into the kept source
    size_t before = r.findings.size();
    r.python = python_module(src, r.findings);
    bool parse_error = std::any_of(r.findings.begin() + static_cast<long>(before), r.findings.end(),
                                   [](const Finding& f) { return f.rule_id == kParseErrorRule; });
    const std::string& text = r.python->source ? r.python->source->text : src.text;  // where python_module left it
    if (parse_error && (contains_text(text, "{{") || contains_text(text, "{%"))) {  // `from {{project_name}} import ...`: a project template's source
      r.python.reset();
      r.findings.resize(before);
      return skipped(r, "templates (Helm, Jinja)");
    }
    return r;
  }
  r.suppressions = scan_suppressions(src);

  // Model extraction: keep what cross-file checks need, let the trees go with this frame.
  if (src.kind == FileKind::Yaml || src.kind == FileKind::Kubernetes) {
    r.image_builds = image_builds_in_yaml(rel, tree);
    r.written_files = files_written_in_ci(rel, tree);
  }
  switch (src.kind) {
    case FileKind::Compose:
      r.compose = build_compose_model(rel, tree);
      break;
    case FileKind::Kubernetes:
      r.workloads = build_kubernetes_model(rel, tree);
      r.config_maps = build_config_maps(rel, tree);
      break;
    case FileKind::Json:
      r.task_definition = build_ecs_model(rel, tree);
      break;
    case FileKind::Procfile: {  // "web: gunicorn app.wsgi" lines: each process type's command
      ShellScriptUnit script{rel, {}, {}, false};
      int number = 0;
      for (auto line : split(src.text, '\n')) {
        ++number;
        size_t colon = line.find(':');
        if (line.empty() || line[0] == '#' || colon == std::string_view::npos) continue;
        script.commands.emplace_back(trim(line.substr(colon + 1)));
        script.lines.push_back(number);
      }
      r.script = std::move(script);
      break;
    }
    case FileKind::Nginx:  // syntax problems are not reported: nginx dialects (lua blocks) vary; what was read is kept
      r.nginx = NginxFileUnit{rel, parse_nginx(src.text, src.lines).directives};
      break;
    case FileKind::Shell: {
      ShellScriptUnit script{rel, {}, {}, false};
      for (const auto& cmd : shell_split(src.text)) {
        script.commands.push_back(join(cmd.argv, " "));
        script.lines.push_back(static_cast<int>(src.lines.at(src.text, cmd.offset).line));
        add_written_files(cmd, rel, static_cast<uint32_t>(script.lines.back()), r.written_files);
        if (cmd.argv.size() == 2 && cmd.argv[0] == "exec" && cmd.argv[1] == "$@") script.execs_args = true;
      }
      r.script = std::move(script);
      break;
    }
    case FileKind::Dockerfile: {
      std::vector<uint8_t> installs = run_install_bits(dockerfile);
      r.dockerfile = DockerfileUnit{rel, std::move(dockerfile), std::move(installs)};
      break;
    }
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
