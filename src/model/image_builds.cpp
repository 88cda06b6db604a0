#include "model/image_builds.h"

#include <set>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

// Options of `docker build` and its relatives that take a value as the next word; the build context
// is the word that is neither an option nor such a value.
bool takes_value(std::string_view o) {
  for (std::string_view v : {"-t", "--tag", "-f", "--file", "--target", "--build-arg", "--label", "--platform", "--cache-from",
                             "--cache-to", "--secret", "--ssh", "-o", "--output", "--network", "--progress", "--iidfile",
                             "--add-host", "--build-context", "--shm-size", "-m", "--memory", "--ulimit", "--annotation",
                             "--attest", "--builder", "--metadata-file", "--provenance", "--sbom", "--allow", "--cgroup-parent",
                             "--isolation", "--security-opt", "--format", "--layers", "--jobs", "--arch", "--os", "--variant",
                             "--authfile", "--creds", "--env", "--volume", "-v", "--call"})
    if (o == v) return true;
  return false;
}

// Where the build subcommand's arguments start, 0 when argv is no image build. `is_podman`: the
// default file may be a Containerfile.
size_t build_arguments(const std::vector<std::string>& argv, bool& is_podman) {
  size_t i = 0;
  if (i < argv.size() && argv[i] == "sudo") ++i;
  if (i >= argv.size()) return 0;
  std::string prog = basename_of(argv[i]);
  auto at = [&](size_t k) -> std::string_view { return i + k < argv.size() ? std::string_view(argv[i + k]) : std::string_view(); };
  is_podman = prog == "podman" || prog == "buildah";
  if (prog == "docker" || prog == "podman") {
    if (at(1) == "build") return i + 2;
    if ((at(1) == "buildx" || at(1) == "image") && at(2) == "build") return i + 3;
  }
  if (prog == "buildah" && (at(1) == "bud" || at(1) == "build")) return i + 2;
  return 0;
}

// `--name=value` or `--name value`: the value for `name`, advancing i past it.
bool option_value(const std::vector<std::string>& a, size_t& i, std::initializer_list<std::string_view> names, std::string& value) {
  for (std::string_view n : names) {
    if (a[i] == n && i + 1 < a.size()) {
      value = a[++i];
      return true;
    }
    if (n.size() > 2 && a[i].size() > n.size() && a[i].compare(0, n.size(), n) == 0 && a[i][n.size()] == '=') {
      value = a[i].substr(n.size() + 1);
      return true;
    }
  }
  return false;
}

std::vector<std::string> list_items(const std::string& text) {  // newline- or comma-separated (build-push-action lists)
  std::vector<std::string> out;
  for (auto line : split(text, '\n'))
    for (auto item : split(line, ','))
      if (auto t = trim(item); !t.empty()) out.emplace_back(t);
  return out;
}


// A workflow's `${{ env.NAME }}` from the workflow's and the job's literal `env:` values.
std::string expand_workflow_env(const std::string& text, const std::map<std::string, std::string>& env) {
  std::string out;
  size_t pos = 0;
  for (size_t open; (open = text.find("${{", pos)) != std::string::npos;) {
    size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    std::string expr(trim(std::string_view(text).substr(open + 3, close - open - 3)));
    out += text.substr(pos, open - pos);
    auto it = expr.rfind("env.", 0) == 0 ? env.find(expr.substr(4)) : env.end();
    out += it != env.end() ? it->second : text.substr(open, close + 2 - open);
    pos = close + 2;
  }
  return out + text.substr(pos);
}

void literal_env(const Node* env_node, std::map<std::string, std::string>& env) {
  if (!env_node || !env_node->is_map()) return;
  for (const auto& [k, v] : env_node->entries)
    if (v->is_scalar() && v->text.find("${{") == std::string::npos) env[k->text] = v->text;
}

// docker/metadata-action steps by id: the image names their `tags` output carries.
std::map<std::string, std::vector<std::string>> metadata_images(const Node* steps, const std::map<std::string, std::string>& env) {
  std::map<std::string, std::vector<std::string>> out;
  for (const Node* step : steps->items) {
    if (scalar_text(step->get("uses")).rfind("docker/metadata-action", 0) != 0) continue;
    const Node* with = step->get("with");
    std::string id = scalar_text(step->get("id"));
    if (id.empty() || !with) continue;
    for (const auto& image : list_items(scalar_text(with->get("images")))) {
      std::string name = image.substr(0, image.find(",enable="));
      out[id].push_back(expand_workflow_env(name.rfind("name=", 0) == 0 ? name.substr(5) : name, env));
    }
  }
  return out;
}

void build_push_step(const std::string& path, const std::string& checkout, const Node* step, const std::map<std::string, std::string>& env,
                     const std::map<std::string, std::vector<std::string>>& metadata, std::vector<ImageBuild>& out) {
  const Node* with = step->get("with");
  if (!with || !with->is_map()) return;
  std::string context = expand_workflow_env(scalar_text(with->get("context")), env);
  std::string file = expand_workflow_env(scalar_text(with->get("file")), env);
  if (context.find("${{") != std::string::npos || file.find("${{") != std::string::npos || context.find("://") != std::string::npos)
    return;
  context = checkout + (context.empty() ? "." : context);
  std::string dockerfile = normalize_path(file.empty() ? context + "/Dockerfile" : checkout + file);
  const Node* tags = with->get("tags");
  for (const auto& tag : list_items(scalar_text(tags))) {
    std::vector<std::string> names{expand_workflow_env(tag, env)};
    if (size_t s = tag.find("steps."); s != std::string::npos && tag.find(".outputs.tags") != std::string::npos) {
      auto it = metadata.find(tag.substr(s + 6, tag.find('.', s + 6) - s - 6));
      names = it == metadata.end() ? std::vector<std::string>{} : it->second;
    }
    for (const auto& name : names)
      if (std::string repo = image_repository(name); !repo.empty())
        out.push_back({repo, dockerfile, to_lower(scalar_text(with->get("target"))), normalize_path(context), {path, tags->range, "tags: " + name}});
  }
}

void run_step(const std::string& path, const std::string& checkout, const Node* step, const std::map<std::string, std::string>& env,
              std::vector<ImageBuild>& out) {
  const Node* run = step->get("run");
  if (!run || !run->is_scalar() || run->text.find("build") == std::string::npos) return;
  std::string cwd = normalize_path(checkout + scalar_text(step->get("working-directory")));
  if (!cwd.empty()) cwd += "/";
  for (const auto& cmd : shell_split(expand_workflow_env(run->text, env)))
    for (auto& b : image_build_command(cmd.argv, cwd)) {
      b.evidence = {path, run->range, "run: " + join(cmd.argv, " ")};
      out.push_back(std::move(b));
    }
}

void workflow_builds(const std::string& path, const std::string& checkout, const Node* root, std::vector<ImageBuild>& out) {
  const Node* jobs = root->get("jobs");
  if (!jobs || !jobs->is_map()) return;
  std::map<std::string, std::string> workflow_env;
  literal_env(root->get("env"), workflow_env);
  for (const auto& [name, job] : jobs->entries) {
    const Node* steps = job->get("steps");
    if (!steps || !steps->is_seq()) continue;
    std::map<std::string, std::string> env = workflow_env;
    literal_env(job->get("env"), env);
    auto metadata = metadata_images(steps, env);
    for (const Node* step : steps->items) {
      if (!step->is_map()) continue;
      if (scalar_text(step->get("uses")).rfind("docker/build-push-action", 0) == 0) build_push_step(path, checkout, step, env, metadata, out);
      else run_step(path, checkout, step, env, out);
    }
  }
}

void skaffold_builds(const std::string& path, const Node* root, std::vector<ImageBuild>& out) {
  const Node* build = root->get("build");
  const Node* artifacts = build ? build->get("artifacts") : nullptr;
  if (!artifacts || !artifacts->is_seq()) return;
  for (const Node* a : artifacts->items) {
    std::string repo = image_repository(scalar_text(a->get("image")));
    if (repo.empty()) continue;
    std::string context = scalar_text(a->get("context"));
    const Node* docker = a->get("docker");
    std::string file = docker ? scalar_text(docker->get("dockerfile")) : "";
    std::string dockerfile = normalize_path(dirname_of(path) + (context.empty() ? "." : context) + "/" + (file.empty() ? "Dockerfile" : file));
    std::string target = docker ? to_lower(scalar_text(docker->get("target"))) : "";
    std::string folder = normalize_path(dirname_of(path) + (context.empty() ? "." : context));
    out.push_back({repo, dockerfile, target, folder, {path, a->get("image")->range, "skaffold artifact " + repo}});
  }
}

}  // namespace

std::string image_repository(std::string_view reference) {
  std::string_view r = trim(reference);
  // The name ends at '@' or at the tag's ':' after the last '/' (a registry's port comes before it),
  // outside ${...}.
  size_t end = r.size(), last_slash = std::string_view::npos;
  int depth = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    if (r[i] == '{') ++depth;
    else if (r[i] == '}' && depth > 0) --depth;
    else if (depth == 0 && r[i] == '/') last_slash = i;
  }
  depth = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    if (r[i] == '{') ++depth;
    else if (r[i] == '}' && depth > 0) --depth;
    else if (depth == 0 && (r[i] == '@' || (r[i] == ':' && (last_slash == std::string_view::npos || i > last_slash)))) {
      end = i;
      break;
    }
  }
  std::string name = to_lower(r.substr(0, end));
  if (name.empty() || name.find_first_of("${} \t") != std::string::npos) return "";
  for (std::string_view prefix : {"docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/", "library/"})
    if (name.rfind(prefix, 0) == 0) return name.substr(prefix.size());
  return name;
}

std::vector<ImageBuild> image_build_command(const std::vector<std::string>& argv, const std::string& cwd) {
  bool podman = false;
  size_t i = build_arguments(argv, podman);
  if (i == 0) return {};
  std::vector<std::string> tags, positional;
  std::string file, target, value;
  for (; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    if (option_value(argv, i, {"-t", "--tag"}, value)) tags.push_back(value);
    else if (option_value(argv, i, {"-f", "--file"}, value)) file = value;
    else if (option_value(argv, i, {"--target"}, value)) target = to_lower(value);
    else if (takes_value(w)) ++i;
    else if (w.empty() || w[0] != '-') positional.push_back(w);
  }
  if (positional.empty() || tags.empty()) return {};
  const std::string& context = positional.back();
  auto unusable = [](const std::string& p) { return p == "-" || p.find('$') != std::string::npos || p.find("://") != std::string::npos || p[0] == '/'; };
  if (unusable(context) || (!file.empty() && unusable(file))) return {};
  std::vector<std::string> files;
  if (!file.empty()) files.push_back(normalize_path(cwd + file));
  else {
    if (podman) files.push_back(normalize_path(cwd + context + "/Containerfile"));
    files.push_back(normalize_path(cwd + context + "/Dockerfile"));
  }
  std::vector<ImageBuild> out;
  for (const auto& tag : tags)
    if (std::string repo = image_repository(tag); !repo.empty())
      for (const auto& f : files) out.push_back({repo, f, target, normalize_path(cwd + context), {}});
  return out;
}

std::optional<std::string> workflow_checkout(const std::string& path) {
  // A workflow runs in a checkout of the folder that holds `.github/` (a nested one is its own repository's).
  size_t at = path.rfind(".github/workflows/");
  if (at == std::string::npos || (at != 0 && path[at - 1] != '/')) return std::nullopt;
  return path.substr(0, at);
}

std::vector<ImageBuild> image_builds_in_yaml(const std::string& path, const ParsedTree& tree) {
  std::vector<ImageBuild> out;
  std::optional<std::string> checkout = workflow_checkout(path);
  for (const auto& doc : tree.documents) {
    const Node* root = doc.root;
    if (!root || !root->is_map()) continue;
    if (checkout) workflow_builds(path, *checkout, root, out);
    else if (scalar_text(root->get("apiVersion")).rfind("skaffold/", 0) == 0) skaffold_builds(path, root, out);
  }
  return out;
}

void ImageBuilds::add(ImageBuild build) {
  if (build.repository.empty()) return;
  by_name_[build.repository].push_back(std::move(build));
}

const ImageBuild* ImageBuilds::find(std::string_view reference) const {
  std::string name = image_repository(reference);
  auto it = name.empty() ? by_name_.end() : by_name_.find(name);
  if (it == by_name_.end()) return nullptr;
  for (const auto& b : it->second)
    if (b.dockerfile != it->second.front().dockerfile || b.target != it->second.front().target) return nullptr;
  return &it->second.front();
}

void ImageBuilds::for_each(const std::function<void(const ImageBuild&)>& visit) const {
  for (const auto& [name, builds] : by_name_)
    for (const auto& b : builds) visit(b);
}

void index_build_contexts(Project& project) {
  for (const auto& v : project.services)
    if (v.dockerfile) project.build_contexts.emplace(v.dockerfile->path, v.build_context);
  project.image_builds.for_each([&](const ImageBuild& b) { project.build_contexts.emplace(b.dockerfile, b.context); });
}

std::string build_context_of(const Project& project, const DockerfileUnit& dockerfile) {
  auto it = project.build_contexts.find(dockerfile.path);
  return it != project.build_contexts.end() ? it->second : normalize_path(dirname_of(dockerfile.path));
}

ImageBuilds collect_image_builds(const Project& project) {
  ImageBuilds out;
  auto add_existing = [&](ImageBuild b) {
    if (project.dockerfile(b.dockerfile)) out.add(std::move(b));
  };
  for (const auto& b : project.declared_image_builds) add_existing(b);
  for (const auto& v : project.services) {
    const ComposeService& s = v.service;
    if (s.build_context.present && s.image.present)
      add_existing({image_repository(s.image.value), compose_dockerfile_path(*v.file, s), to_lower(s.build_target.value),
                    normalize_path(dirname_of(v.file->path) + s.build_context.value), {v.file->path, s.image.range, "image: " + s.image.value}});
  }
  for (const auto& script : project.scripts)
    for (size_t i = 0; i < script.commands.size(); ++i) {
      std::vector<std::string> argv = shell_words(script.commands[i]);
      if (argv.empty()) continue;
      // A script may run from its own folder or from the repository root: the first that has the Dockerfile.
      for (const std::string& cwd : {dirname_of(script.path), std::string()}) {
        bool found = false;
        for (auto& b : image_build_command(argv, cwd)) {
          if (!project.dockerfile(b.dockerfile)) continue;
          int line = i < script.lines.size() ? script.lines[i] : 1;
          b.evidence = {script.path, Range{{static_cast<uint32_t>(line), 1}, {static_cast<uint32_t>(line), 1}}, script.commands[i]};
          out.add(std::move(b));
          found = true;
        }
        if (found || cwd.empty()) break;
      }
    }
  return out;
}

}  // namespace cfglint
