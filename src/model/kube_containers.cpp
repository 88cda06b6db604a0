#include "model/kube_containers.h"

#include "core/strings.h"
#include "model/project.h"

namespace cfglint {
namespace {

KubeSecurity effective_security(const KubeSecurity& pod, const KubeSecurity& container) {
  KubeSecurity s = container;
  if (!s.run_as_non_root) {
    s.run_as_non_root = pod.run_as_non_root;
    s.run_as_non_root_range = pod.run_as_non_root_range;
  }
  if (!s.run_as_user) {
    s.run_as_user = pod.run_as_user;
    s.run_as_user_range = pod.run_as_user_range;
  }
  return s;
}

void resolve_image(const Project& project, const ImageKnowledge& knowledge, KubeContainerView& v) {
  const std::string& image = v.container->image;
  v.built_here = project.image_builds.find(image);
  v.dockerfile = v.built_here ? project.dockerfile(v.built_here->dockerfile) : nullptr;
  if (!v.dockerfile || v.dockerfile->parsed.stages.empty()) {
    v.dockerfile = nullptr;
    v.built_here = nullptr;
    knowledge.describe(image, v.image);
    v.image.from = {v.workload->file, v.container->range, "image: " + image};
    return;
  }
  const Dockerfile& df = v.dockerfile->parsed;
  v.build_context = v.built_here->context;
  v.stage = target_stage(df, v.built_here->target);
  v.image = dockerfile_image_facts(*v.dockerfile, v.stage, knowledge);
}

void resolve_argv(KubeContainerView& v) {
  const KubeContainer& c = *v.container;
  Location written{v.workload->file, c.command_range, c.command.empty() ? "args" : "command"};
  std::vector<std::string> entry = c.command, cmd = c.args;
  bool known = !c.command.empty() || v.dockerfile;
  if (c.command.empty()) {
    entry = instruction_argv(v.image.entrypoint);
    if (c.args.empty()) cmd = instruction_argv(v.image.cmd);
    if (v.image.entrypoint && !v.image.entrypoint->exec_form) cmd.clear();  // shell-form ENTRYPOINT ignores CMD
  }
  v.argv_known = known;
  if (!known) return;
  v.argv = entry;
  v.argv.insert(v.argv.end(), cmd.begin(), cmd.end());
  v.entrypoint_words = entry.size();
  if (!c.command.empty()) v.entrypoint_location = written;
  else if (v.image.entrypoint) v.entrypoint_location = {v.dockerfile->path, v.image.entrypoint->range, "ENTRYPOINT"};
  if (!c.command.empty() || !c.args.empty()) v.command_location = written;
  else if (const DockerInstruction* ins = v.image.cmd ? v.image.cmd : v.image.entrypoint)
    v.command_location = {v.dockerfile->path, ins->range, ins->keyword};
  else v.command_location = {v.workload->file, c.range, "container"};
}

// The ConfigMap named `name` that is deployed with `manifest`: of those in the repository with that name,
// the one in the manifest's folder tree (a monorepo's apps each have a `web-config`); nullptr when none
// or several could be meant.
const KubeConfigMap* config_map(const Project& project, const std::string& name, const std::string& manifest) {
  const KubeConfigMap* found = nullptr;
  std::string dir = dirname_of(manifest);
  for (const auto& m : project.config_maps) {
    if (m.name != name) continue;
    std::string other = dirname_of(m.file);
    if (dir.rfind(other, 0) != 0 && other.rfind(dir, 0) != 0) continue;
    if (found) return nullptr;
    found = &m;
  }
  return found;
}

void resolve_env(const Project& project, KubeContainerView& v) {
  const KubeContainer& c = *v.container;
  const std::string& file = v.workload->file;
  v.env_closed = !v.workload->partial;
  for (const auto& ref : c.env_from_refs) {
    const KubeConfigMap* m = ref.secret ? nullptr : config_map(project, ref.name, file);
    if (!m) {
      v.env_closed = false;  // a Secret, or a ConfigMap made elsewhere: names and values unknown
      continue;
    }
    for (const auto& e : m->data) v.env.push_back({ref.prefix, e.key, e.value, true, m, m->file, e.range});
  }
  for (size_t i = 0; i < c.env.size(); ++i) {
    KubeEnvValue e{{}, c.env[i].first, c.env[i].second, true, nullptr, file, i < c.env_ranges.size() ? c.env_ranges[i] : c.range};
    for (const auto& ref : c.value_from) {
      if (ref.index != i) continue;
      const KubeConfigMap* m = ref.secret ? nullptr : config_map(project, ref.name, file);
      e.value_known = false;
      e.range = ref.range;
      if (m)
        for (const auto& d : m->data)
          if (d.key == ref.key) e = {{}, e.key, d.value, true, m, m->file, d.range};
    }
    v.env.push_back(e);
  }
}

}  // namespace

std::vector<KubeContainerView> resolve_kube_containers(const Project& project, const RuleCatalog& catalog) {
  ImageKnowledge knowledge(catalog);
  std::vector<KubeContainerView> out;
  size_t containers = 0;
  for (const auto& w : project.workloads) containers += w.containers.size();
  out.reserve(containers);  // exact: growth by doubling held two copies at the peak of a large run
  for (const auto& w : project.workloads)
    for (const auto& c : w.containers) {
      KubeContainerView v;
      v.workload = &w;
      v.container = &c;
      v.who = std::string(c.init ? "init container `" : "container `") + c.name + "` of " + w.kind + " `" + w.name + "`";
      v.security = effective_security(w.pod_security, c.security);
      resolve_image(project, knowledge, v);
      resolve_argv(v);
      resolve_env(project, v);
      std::vector<std::string> written = c.command;
      written.insert(written.end(), c.args.begin(), c.args.end());
      v.manifest_command = analyze_command(written, c.env);
      if (v.argv_known) v.command = analyze_command(v.argv, c.env);
      out.push_back(std::move(v));
    }
  return out;
}

}  // namespace cfglint
