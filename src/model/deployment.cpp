#include "model/deployment.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>

#include "core/strings.h"
#include "core/variable_reference.h"
#include "frontends/shell/shell_words.h"

namespace cfglint {
namespace {


bool is_override(const std::string& path) {
  std::string b = to_lower(basename_of(path));
  return b.find(".override.") != std::string::npos;
}

// A `healthcheck:` block merges key by key: an override that sets only timings keeps the test.
void merge_healthcheck(ComposeHealthcheck& base, const ComposeHealthcheck& over) {
  if (!base.present) {
    base = over;
    return;
  }
  if (!over.test.empty()) {
    base.test = over.test;
    base.string_form = over.string_form;
    base.test_range = over.test_range;
  }
  if (over.disable.present) base.disable = over.disable;
  base.disabled = over.disabled || (base.disabled && over.test.empty());
  for (auto [b, o] : {std::pair{&base.interval, &over.interval}, {&base.timeout, &over.timeout}, {&base.retries, &over.retries},
                      {&base.start_period, &over.start_period}, {&base.start_interval, &over.start_interval}})
    if (o->present) *b = *o;
  base.range = over.range;
}

// Applies `over` on top of `base`, as docker compose merges an override file or `extends`.
void merge_into(ComposeService& base, const ComposeService& over, bool over_is_child) {
  auto pick = [](Located& a, const Located& b) {
    if (b.present) a = b;
  };
  pick(base.image, over.image);
  pick(base.build_context, over.build_context);
  pick(base.build_dockerfile, over.build_dockerfile);
  pick(base.build_target, over.build_target);
  pick(base.restart, over.restart);
  if (over.has_command) {
    base.has_command = true;
    base.command = over.command;
    base.command_range = over.command_range;
  }
  if (over.has_entrypoint) {
    base.has_entrypoint = true;
    base.entrypoint = over.entrypoint;
  }
  if (over.healthcheck.present) merge_healthcheck(base.healthcheck, over.healthcheck);
  for (const auto& d : over.depends_on) {
    bool found = false;
    for (auto& x : base.depends_on)
      if (x.service == d.service) { x = d; found = true; }
    if (!found) base.depends_on.push_back(d);
  }
  for (const auto& [k, v] : over.environment) {
    base.environment[k] = v;
    if (over.environment_from_shell.count(k)) base.environment_from_shell.insert(k);
    else base.environment_from_shell.erase(k);  // (interpolation marks are made after merging)
  }
  for (const auto& v : over.volumes) base.volumes.push_back(v);
  // Sequences compose concatenates; single values the override replaces.
  base.env_files.insert(base.env_files.end(), over.env_files.begin(), over.env_files.end());
  base.optional_env_files.insert(base.optional_env_files.end(), over.optional_env_files.begin(), over.optional_env_files.end());
  base.ports.insert(base.ports.end(), over.ports.begin(), over.ports.end());
  base.expose.insert(base.expose.end(), over.expose.begin(), over.expose.end());
  base.aliases.insert(base.aliases.end(), over.aliases.begin(), over.aliases.end());
  base.networks.insert(base.networks.end(), over.networks.begin(), over.networks.end());
  base.extra_names.insert(base.extra_names.end(), over.extra_names.begin(), over.extra_names.end());
  pick(base.network_mode, over.network_mode);
  pick(base.replicas, over.replicas);
  pick(base.read_only, over.read_only);
  pick(base.working_dir, over.working_dir);
  base.tmpfs.insert(base.tmpfs.end(), over.tmpfs.begin(), over.tmpfs.end());
  if (over_is_child) {
    base.name = over.name;
    base.name_range = over.name_range;
  }
}

// The project's shell scripts by file name (the first in path order wins), for entrypoints named by path.
using ScriptsByName = std::map<std::string, const ShellScriptUnit*>;
ScriptsByName scripts_by_name(const Project& project) {
  ScriptsByName out;
  for (const auto& s : project.scripts) out.emplace(basename_of(s.path), &s);
  return out;
}

const ShellScriptUnit* find_script(const ScriptsByName& scripts, const std::string& program) {
  auto it = scripts.find(basename_of(program));
  return it == scripts.end() ? nullptr : it->second;
}

// Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, $VAR, $$ for a literal $.
// Variables we cannot know (not in the .env beside the compose file, no default) stay as written, so
// later analysis treats the value as unknown instead of guessing.
std::string interpolate(const std::string& s, const std::map<std::string, std::string>& env) {
  if (s.find('$') == std::string::npos) return s;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '$') { out += s[i]; continue; }
    if (i + 1 < s.size() && s[i + 1] == '$') { out += "$$"; ++i; continue; }  // keep the escape: the container's shell sees $
    if (i + 1 < s.size() && s[i + 1] == '{') {
      size_t close = s.find('}', i + 2);
      if (close == std::string::npos) { out += s.substr(i); break; }
      BracedVariable v = parse_braced_variable(std::string_view(s).substr(i + 2, close - i - 2));
      auto it = env.find(std::string(v.name));
      bool set = it != env.end();
      bool replace = use_word(v, set, set && it->second.empty());
      bool known = set || replace;  // unset here may still be set in the deploying shell
      std::string replacement = replace ? std::string(v.word) : v.op == '+' || !set ? std::string() : it->second;
      out += known ? replacement : s.substr(i, close - i + 1);
      i = close;
      continue;
    }
    size_t j = i + 1;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
    auto it = env.find(s.substr(i + 1, j - i - 1));
    out += (j > i + 1 && it != env.end()) ? it->second : s.substr(i, j - i);
    i = j - 1;
  }
  return out;
}

void interpolate_service(ComposeService& s, const std::map<std::string, std::string>& env) {
  for (auto& w : s.command) w = interpolate(w, env);
  for (auto& w : s.entrypoint) w = interpolate(w, env);
  for (auto& w : s.healthcheck.test) w = interpolate(w, env);
  for (Located* l : {&s.image, &s.restart, &s.build_context, &s.build_dockerfile, &s.build_target, &s.healthcheck.interval,
                     &s.healthcheck.timeout, &s.healthcheck.retries, &s.healthcheck.start_period})
    l->value = interpolate(l->value, env);
  for (auto& [k, v] : s.environment) {
    if (v.value.find('$') != std::string::npos) s.environment_interpolated.insert(k);
    v.value = interpolate(v.value, env);
  }
  for (auto& v : s.volumes) {
    v.source = interpolate(v.source, env);
    v.target = interpolate(v.target, env);
  }
}

}  // namespace

std::string normalize_path(const std::string& path) {
  std::vector<std::string> parts;
  for (auto seg : split(path, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.emplace_back(seg);
  }
  return join(parts, "/");
}

std::string bind_source(const ComposeVolume& v) {
  for (std::string_view pwd : {"${PWD}", "$PWD"})
    if (v.source.compare(0, pwd.size(), pwd) == 0) return "." + v.source.substr(pwd.size());
  return v.source;
}

// A bind mount of a project folder that holds Python modules (`./app:/code/app`, `.:/app`).
// `module_paths`: every Python module's path, sorted, so a folder is one binary search.
static bool mounts_python_source(const std::vector<std::string_view>& module_paths, const ComposeFile& file,
                                 const ComposeVolume& v) {
  if (v.named || v.source.empty()) return false;
  std::string source = bind_source(v);
  if (source[0] != '.') return false;
  std::string dir = normalize_path(dirname_of(file.path) + source);
  if (dir == "." ) dir.clear();
  std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  if (basename_of(dir).find('.') != std::string::npos && !dir.empty()) return false;  // a file: ./nginx.conf
  auto it = std::lower_bound(module_paths.begin(), module_paths.end(), std::string_view(prefix));
  return it != module_paths.end() && it->substr(0, prefix.size()) == prefix;
}

// `.:/app`, `./:/app`, `${PWD}:/app`: the whole checkout, live in the container. With a pulled image as
// well, that is a development stack (a production one runs the code its image holds).
static bool mounts_whole_folder(const ComposeVolume& v) {
  if (v.named) return false;
  std::string source = bind_source(v);
  return source == "." || source == "./";
}

static bool looks_like_development(const std::vector<std::string_view>& module_paths, const ComposeFile& file) {
  if (file.path.find(".devcontainer/") != std::string::npos) return true;
  // Words of the path, folders included: docker-compose.dev.yml, development/kubernetes/compose.yml
  std::string path = to_lower(file.path);
  std::string token;
  for (char c : path + ".") {
    if (c != '.' && c != '-' && c != '_' && c != '/') {
      token += c;
      continue;
    }
    if (development_word(token) || token == "override" || token == "devcontainer" || token == "e2e") return true;
    token.clear();
  }
  for (const auto& s : file.services) {
    for (size_t i = 0; i + 1 < s.command.size(); ++i)
      if (s.command[i].find("manage.py") != std::string::npos && s.command[i + 1] == "runserver") return true;
    for (const auto& v : s.volumes)
      if ((s.build_context.present || mounts_whole_folder(v)) && mounts_python_source(module_paths, file, v)) return true;
  }
  return false;
}

std::vector<std::set<std::string>> compose_projects(const std::vector<ComposeFile>& files) {
  std::map<std::string, const ComposeFile*> by_path;
  std::set<std::string> included;
  for (const auto& f : files) by_path[f.path] = &f;
  for (const auto& f : files)
    for (const auto& inc : f.includes) included.insert(normalize_path(dirname_of(f.path) + inc));
  std::map<std::string, std::vector<std::string>> overrides_in;  // by folder
  for (const auto& f : files)
    if (is_override(f.path)) overrides_in[dirname_of(f.path)].push_back(f.path);
  std::vector<std::set<std::string>> out;
  for (const auto& root : files) {
    if (included.count(root.path) || is_override(root.path)) continue;  // fragments and overrides join a root
    std::set<std::string> members{root.path};
    if (auto it = overrides_in.find(dirname_of(root.path)); it != overrides_in.end())  // override files beside the root
      members.insert(it->second.begin(), it->second.end());
    std::vector<const ComposeFile*> work{&root};
    while (!work.empty() && members.size() < 10000) {
      const ComposeFile* x = work.back();
      work.pop_back();
      for (const auto& inc : x->includes) {
        auto it = by_path.find(normalize_path(dirname_of(x->path) + inc));
        if (it != by_path.end() && members.insert(it->first).second) work.push_back(it->second);
      }
    }
    out.push_back(std::move(members));
  }
  return out;
}

bool same_compose_project(const Project& project, const ComposeFile& a, const ComposeFile& b) {
  if (&a == &b) return true;
  auto ia = project.compose_projects_of.find(a.path), ib = project.compose_projects_of.find(b.path);
  if (ia == project.compose_projects_of.end() || ib == project.compose_projects_of.end()) return false;
  for (size_t x : ia->second)
    if (std::find(ib->second.begin(), ib->second.end(), x) != ib->second.end()) return true;
  return false;
}

const ContainerView* find_service(const Project& project, const ContainerView& from, std::string_view name) {
  if (from.file) {
    auto p = project.compose_projects_of.find(from.file->path);
    size_t best = SIZE_MAX;
    if (p != project.compose_projects_of.end())
      for (size_t x : p->second)
        if (auto it = project.services_in_project.find({x, std::string(name)}); it != project.services_in_project.end())
          best = best == SIZE_MAX ? it->second : std::max(best, it->second);  // the last one, as compose merges files in order
    if (best != SIZE_MAX) return &project.services[best];
  }
  return nullptr;
}

bool development_word(std::string_view word) {
  static const std::set<std::string_view> words = {"dev",     "devel", "develop", "development", "local",
                                                   "test",    "tests", "testing", "ci",          "debug"};
  return words.count(word) > 0;
}

bool development_compose(const Project& project, const ComposeFile& file) {
  return project.development_compose_files.count(file.path) > 0;
}

void index_compose_model(Project& project) {
  for (const auto& e : project.env_files) project.env_files_by_path.emplace(e.path, &e);
  for (const auto& d : project.dockerfiles) project.dockerfiles_by_path.emplace(d.path, &d);
  std::vector<std::string_view> module_paths;
  for (const auto& m : project.python_modules) module_paths.emplace_back(m.path);
  std::sort(module_paths.begin(), module_paths.end());
  for (const auto& c : project.compose_files)
    if (looks_like_development(module_paths, c)) project.development_compose_files.insert(c.path);
  project.compose_projects = compose_projects(project.compose_files);
  for (size_t i = 0; i < project.compose_projects.size(); ++i)
    for (const auto& path : project.compose_projects[i]) project.compose_projects_of[path].push_back(i);
}

void index_services(Project& project) {
  for (size_t i = 0; i < project.services.size(); ++i) {
    const ContainerView& v = project.services[i];
    project.services_by_name.emplace(v.service.name, i);
    if (auto p = project.compose_projects_of.find(v.file->path); p != project.compose_projects_of.end())
      for (size_t x : p->second) project.services_in_project[{x, v.service.name}] = i;  // later files win, as compose merges
  }
}

std::string compose_dockerfile_path(const ComposeFile& file, const ComposeService& s) {
  std::string ctx = normalize_path(dirname_of(file.path) + s.build_context.value);
  std::string df = s.build_dockerfile.present ? s.build_dockerfile.value : "Dockerfile";
  return normalize_path((ctx.empty() ? "" : ctx + "/") + df);
}

// A start-up step that waits for a dependency: wait-for-it, dockerize -wait, pg_isready, `nc -z`, a
// `while ! </dev/tcp/db/5432` or `until` loop, a management command named wait_for_*, a sleep.
static bool is_wait_step(const std::string& text) {
  for (const char* marker : {"wait-for", "wait_for", "waitfor", "dockerize", "pg_isready", "nc -z", "/dev/tcp/", "mysqladmin ping",
                             "until ", "while ", "sleep", "wait_db", "wait-db", "check_db"})
    if (text.find(marker) != std::string::npos) return true;
  return false;
}

// The database work a one-shot step does ("manage.py migrate"), or "" when it needs no database.
static std::string database_work(const std::string& step) {
  for (const char* w : {"migrate", "loaddata", "createsuperuser", "create_superuser", "flush", "alembic upgrade", "createcachetable"})
    if (step.find(w) != std::string::npos) return step;
  return "";
}

// `extends:` in the same file or another (`file:`), chained; `unresolved` when a parent cannot be read.
ComposeService resolve_extends(const Project& project, const ComposeFile& cf, const ComposeService& svc, int depth, bool& unresolved) {
  if (!svc.extends_service.present) return svc;
  const ComposeFile* pf = &cf;
  if (svc.extends_file.present) {
    std::string path = normalize_path(dirname_of(cf.path) + svc.extends_file.value);
    pf = nullptr;
    for (const auto& other : project.compose_files)
      if (other.path == path) pf = &other;
  }
  const ComposeService* parent = pf ? pf->service(svc.extends_service.value) : nullptr;
  if (!parent || parent == &svc || depth > 8) {
    unresolved = true;
    return svc;
  }
  ComposeService merged = resolve_extends(project, *pf, *parent, depth + 1, unresolved);
  merge_into(merged, svc, true);
  return merged;
}

// An image whose own command is nginx: the official image and its common variants (unprivileged, OpenResty).
static bool runs_nginx_image(const std::string& image) {
  if (image.empty()) return false;
  std::string name = ImageKnowledge::normalize(image);
  for (const char* prefix : {"nginx:", "nginxinc/nginx-unprivileged:", "openresty/openresty:", "bitnami/nginx:"})
    if (name.rfind(prefix, 0) == 0) return true;
  return false;
}

// One view per service, with its layers applied: `extends:`, override files beside it, interpolation
// from the `.env` beside the compose file, and deploy.restart_policy as `restart`.
// Whether merging leaves `svc` as written: no `extends:`, no override file names it, nothing to interpolate
// (interpolation resolves `${VAR:-default}` even without a .env) and no deploy.restart_policy to map.
static bool merged_as_written(const ComposeService& svc, bool overridden) {
  if (svc.extends_service.present || overridden || (!svc.restart.present && svc.deploy_restart_condition.present)) return false;
  auto has_var = [](const std::string& s) { return s.find('$') != std::string::npos; };
  for (const auto* words : {&svc.command, &svc.entrypoint, &svc.healthcheck.test})
    for (const auto& w : *words)
      if (has_var(w)) return false;
  for (const Located* l : {&svc.image, &svc.restart, &svc.build_context, &svc.build_dockerfile, &svc.build_target, &svc.healthcheck.interval,
                           &svc.healthcheck.timeout, &svc.healthcheck.retries, &svc.healthcheck.start_period})
    if (has_var(l->value)) return false;
  for (const auto& [k, v] : svc.environment)
    if (has_var(v.value)) return false;
  for (const auto& v : svc.volumes)
    if (has_var(v.source) || has_var(v.target)) return false;
  return true;
}

std::vector<ContainerView> merge_compose_services(Project& project) {
  std::vector<ContainerView> out;
  size_t services = 0;
  for (const auto& cf : project.compose_files) services += cf.services.size();
  out.reserve(services);
  std::map<std::string, std::vector<const ComposeFile*>> overrides_in, bases_in;  // by folder
  for (const auto& cf : project.compose_files) (is_override(cf.path) ? overrides_in : bases_in)[dirname_of(cf.path)].push_back(&cf);
  for (const auto& cf : project.compose_files) {
    // an override's services are views of their base, unless the base does not define them
    if (is_override(cf.path) && bases_in.count(dirname_of(cf.path))) continue;
    std::map<std::string, std::string> dotenv;  // the shell environment is unknown here
    if (const EnvFileUnit* e = project.env_file(dirname_of(cf.path) + ".env"))
      for (const auto& entry : e->parsed.entries) dotenv[entry.key] = entry.value;
    for (const auto& svc : cf.services) {
      std::vector<std::pair<const ComposeFile*, const ComposeService*>> overrides;  // the file and its layer of this service
      if (auto ov = overrides_in.find(dirname_of(cf.path)); !is_override(cf.path) && ov != overrides_in.end())
        for (const ComposeFile* other : ov->second)
          if (const ComposeService* o = other->service(svc.name)) overrides.emplace_back(other, o);
      bool extends_unresolved = false;
      const ComposeService* service = &svc;
      if (!merged_as_written(svc, !overrides.empty())) {
        ComposeService& merged = project.merged_services.emplace_back(resolve_extends(project, cf, svc, 0, extends_unresolved));
        for (const auto& [other, o] : overrides) merge_into(merged, *o, false);
        interpolate_service(merged, dotenv);
        if (!merged.restart.present && merged.deploy_restart_condition.present) {
          // deploy.restart_policy applies when `restart` is not set: any = always, on-failure, none = no
          const std::string c = merged.deploy_restart_condition.value;
          merged.restart = merged.deploy_restart_condition;
          merged.restart.value = c == "any" ? "always" : c == "none" ? "no" : c;
        }
        service = &merged;
      }
      ContainerView& v = out.emplace_back(*service);
      v.file = &cf;
      v.name = {cf.path, svc.name_range, "service `" + svc.name + "`"};
      v.command_file = v.healthcheck_file = v.restart_file = cf.path;
      v.extends_unresolved = extends_unresolved;
      for (const auto& [other, o] : overrides) {
        if (o->has_command || o->has_entrypoint) v.command_file = other->path;
        if (o->healthcheck.present) v.healthcheck_file = other->path;
        if (o->restart.present) v.restart_file = other->path;
      }
    }
  }
  return out;
}

namespace {

void use_dockerfile(ContainerView& v, const DockerfileUnit* d, const std::string& target, const ImageKnowledge& knowledge) {
  v.dockerfile = d;
  if (!d || d->parsed.stages.empty()) return;
  const Dockerfile& df = d->parsed;
  v.stage = target_stage(df, target);
  v.image = dockerfile_image_facts(*d, v.stage, knowledge);
}

// The image: built from a Dockerfile here (compose `build:`, or a pulled name this repository builds),
// else an external image described by the knowledge base.
void resolve_image(const Project& project, const ImageKnowledge& knowledge, ContainerView& v) {
  const ComposeService& s = v.service;
  if (s.build_context.present) {
    v.build_context = normalize_path(dirname_of(v.file->path) + s.build_context.value);
    use_dockerfile(v, project.dockerfile(compose_dockerfile_path(*v.file, s)), s.build_target.value, knowledge);
  } else if (const ImageBuild* b = s.image.present ? project.image_builds.find(s.image.value) : nullptr) {
    v.built_here = b;
    v.build_context = b->context;
    use_dockerfile(v, project.dockerfile(b->dockerfile), b->target, knowledge);
  } else if (s.image.present) {
    knowledge.describe(s.image.value, v.image);
    v.image.from = {v.file->path, s.image.range, "image: " + s.image.value};
  }
}

// The command: compose entrypoint/command override the image's ENTRYPOINT/CMD.
void resolve_argv(ContainerView& v) {
  const ComposeService& s = v.service;
  std::vector<std::string> entry = s.has_entrypoint ? s.entrypoint : instruction_argv(v.image.entrypoint);
  std::vector<std::string> cmd;
  if (s.has_command) cmd = s.command;
  else if (!s.has_entrypoint) cmd = instruction_argv(v.image.cmd);
  if (!s.has_entrypoint && v.image.entrypoint && !v.image.entrypoint->exec_form) cmd.clear();  // shell-form ENTRYPOINT ignores CMD
  v.argv = entry;
  v.argv.insert(v.argv.end(), cmd.begin(), cmd.end());
  v.entrypoint_words = entry.size();
  if (s.has_entrypoint) v.entrypoint_location = v.name;
  else if (v.image.entrypoint && v.dockerfile) v.entrypoint_location = {v.dockerfile->path, v.image.entrypoint->range, "ENTRYPOINT"};
  v.command_from_image = !s.has_command && !s.has_entrypoint;
  if (s.has_command) v.command_location = {v.command_file, s.command_range, "command"};
  else if (v.command_from_image && v.dockerfile && (v.image.cmd || v.image.entrypoint)) {
    const DockerInstruction* ins = v.image.cmd ? v.image.cmd : v.image.entrypoint;
    v.command_location = {v.dockerfile->path, ins->range, ins->keyword};
  } else {
    v.command_location = v.name;
  }
}

// The repository script an entrypoint word runs: the exact file the image (or a bind mount) holds at
// that path when cfglint can follow it, so a repository with several entrypoint.sh gets the right one;
// by name only when the image's files cannot be followed.
const ShellScriptUnit* entrypoint_script(const Project& project, const ScriptsByName& scripts, const ContainerView& v,
                                         const std::string& word) {
  const std::string workdir = v.image.workdir.empty() ? "/" : v.image.workdir;
  std::optional<ImageFiles> image;
  if (v.dockerfile) image.emplace(project, *v.dockerfile, v.build_context);
  for (const auto& path : executable_paths(word, workdir)) {
    auto file = service_file(project, *v.file, v.service, image ? &*image : nullptr, v.stage, path);
    if (!file) continue;
    for (const auto& s : project.scripts)
      if (s.path == file->repo_path) return &s;
    return nullptr;  // a repository file that is not a shell script cfglint read
  }
  return find_script(scripts, word);
}

// What the process runs and the work it does first: an entrypoint script that ends in exec "$@" hands
// over to CMD, and its commands are start-up work.
void resolve_startup(const Project& project, const ScriptsByName& scripts, ContainerView& v) {
  const ComposeService& s = v.service;
  std::vector<std::string> entry(v.argv.begin(), v.argv.begin() + static_cast<long>(v.entrypoint_words));
  std::vector<std::string> cmd(v.argv.begin() + static_cast<long>(v.entrypoint_words), v.argv.end());
  const std::vector<std::pair<std::string, std::string>> env = v.env.known_pairs();
  const ShellScriptUnit* script = entry.empty() ? nullptr : entrypoint_script(project, scripts, v, entry[0]);
  if (!entry.empty() && !script) {
    std::string e = basename_of(entry[0]);
    v.entrypoint_unknown = e.find(".sh") != std::string::npos || e.find("entrypoint") != std::string::npos;
  }
  if (!v.dockerfile && !s.has_command && !s.has_entrypoint) v.entrypoint_unknown = true;  // a pulled image's own start-up
  if (script) {
    for (const auto& c : script->commands) {
      CommandModel m = analyze_command(shell_words(c), env);
      if (m.one_shot) v.startup_work.push_back(m.one_shot_what);
      else if (c.find("wait-for") != std::string::npos || c.rfind("sleep", 0) == 0 || c.find("pg_isready") != std::string::npos)
        v.startup_work.push_back(shell_words(c).empty() ? c : shell_words(c)[0]);
    }
    if (!v.startup_work.empty()) v.startup_location = {script->path, Range{}, "entrypoint script"};
    v.command = analyze_command(script->execs_args ? cmd : std::vector<std::string>{}, env);
    if (!script->execs_args && !script->commands.empty()) v.command = analyze_command(shell_words(script->commands.back()), env);
  } else {
    v.command = analyze_command(v.argv, env);
    v.startup_work = v.command.startup_work;
    if (!v.startup_work.empty()) v.startup_location = v.command_location;
  }
  std::vector<std::string> startup_text{join(v.argv, " ")};
  if (script) startup_text.insert(startup_text.end(), script->commands.begin(), script->commands.end());
  for (const auto& w : v.startup_work) v.waits_for_dependencies |= is_wait_step(w);
  for (const auto& t : startup_text) v.waits_for_dependencies |= is_wait_step(t);
  v.connects_at_start = database_work(v.command.one_shot ? v.command.one_shot_what : "");
  for (const auto& w : v.startup_work)
    if (v.connects_at_start.empty()) v.connects_at_start = database_work(w);
}

// nginx listens where its configuration says: read `listen` from config files the repo mounts or copies in.
void resolve_nginx(const Project& project, ContainerView& v) {
  const ComposeService& s = v.service;
  bool nginx = v.command.program == "nginx" || (runs_nginx_image(v.image.base_image) && !s.has_command && !s.has_entrypoint);
  if (!nginx) return;
  std::vector<std::string> confs = nginx_config_mounts(*v.file, s);
  if (v.dockerfile)
    for (auto& c : nginx_config_copies(*v.dockerfile)) confs.push_back(std::move(c));
  v.nginx = read_nginx_configs(project, confs);
  if (v.nginx.listens.empty()) return;
  v.command.known = v.command.serves_http = true;
  v.command.program = "nginx";
  v.command.listen_unknown = false;
  v.command.listens = v.nginx.listens;
}

// The healthcheck: compose's wins over the image's.
void resolve_health(ContainerView& v) {
  const ComposeService& s = v.service;
  if (v.extends_unresolved || !v.image.base_known) v.health = ContainerView::Health::Unknown;
  if (s.healthcheck.present && s.healthcheck.disabled) {
    v.health = ContainerView::Health::Disabled;
  } else if (s.healthcheck.present && !s.healthcheck.test.empty()) {
    v.health = ContainerView::Health::Compose;
    v.healthcheck = analyze_compose_healthcheck(s.healthcheck.test, s.healthcheck.string_form);
    v.healthcheck_location = {v.healthcheck_file, s.healthcheck.test_range, "healthcheck"};
  } else if (v.image.healthcheck && v.image.healthcheck->command != "NONE") {
    v.health = ContainerView::Health::Image;
    const DockerInstruction* hc = v.image.healthcheck;
    v.healthcheck = analyze_exec_or_shell(hc->exec_args, hc->exec_form, hc->exec_form ? "" : hc->command);
    v.healthcheck_location = {v.dockerfile ? v.dockerfile->path : v.file->path, hc->range, "HEALTHCHECK"};
  }
}

}  // namespace

void resolve_compose_services(Project& project, const RuleCatalog& catalog) {
  ImageKnowledge knowledge(catalog);
  const ScriptsByName scripts = scripts_by_name(project);
  for (ContainerView& v : project.services) {
    resolve_image(project, knowledge, v);
    resolve_argv(v);
    v.env = compose_process_env(project, *v.file, v.service, v.image, v.image.from);
    resolve_startup(project, scripts, v);
    resolve_nginx(project, v);
    resolve_health(v);
  }
}

bool compose_network_name(const std::string& host) {
  std::string h = to_lower(host);
  return h.find('.') == std::string::npos && h.find(':') == std::string::npos && h != "localhost";
}

std::set<std::string> names_in_repository(const Project& project) {
  std::set<std::string> out;
  for (const auto& cf : project.compose_files)
    for (const auto& s : cf.services) {
      out.insert(to_lower(s.name));
      for (const auto& a : s.aliases) out.insert(to_lower(a));
    }
  return out;
}

bool joins_external_network(const ContainerView& v) {
  for (const auto& n : v.service.networks)
    if (v.file->external_networks.count(n)) return true;
  return false;
}

}  // namespace cfglint
