#include "model/replicas.h"

#include "core/strings.h"
#include "model/command_sites.h"

namespace cfglint {

int compose_replicas(const ComposeService& service) {
  const std::string& v = service.replicas.value;
  if (!service.replicas.present || v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoi(v);
}

std::vector<Replicated> replicated_processes(const Project& project) {
  std::vector<Replicated> out;
  for (const auto& v : project.services)
    if (int n = compose_replicas(v.service); n >= 2)
      out.push_back({n, &v, nullptr, nullptr, v.argv, &v.command, {v.file->path, v.service.replicas.range, "replicas"},
                     "service `" + v.service.name + "`"});
  for (const auto& k : project.kube_containers) {
    const KubeWorkload& w = *k.workload;
    const KubeContainer& c = *k.container;
    if (w.replicas < 2 || (w.kind != "Deployment" && w.kind != "ReplicaSet")) continue;
    std::vector<std::string> argv = c.command;
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    out.push_back({w.replicas, nullptr, &w, &c, std::move(argv), &k.manifest_command, {w.file, w.replicas_range, "replicas"},
                   w.kind + " `" + w.name + "` (" + (c.init ? "init container `" : "container `") + c.name + "`)"});
  }
  return out;
}

std::string migration_at_start(const CommandModel& command, const std::vector<std::string>& startup_work) {
  std::vector<std::string> steps = startup_work;
  if (command.one_shot) steps.push_back(command.one_shot_what);
  for (const auto& s : steps)
    if (s.find("migrate") != std::string::npos || s.find("alembic upgrade") != std::string::npos || s.find("db upgrade") != std::string::npos)
      return s;
  return "";
}

std::string beat_in(const std::vector<std::string>& argv) {
  for (const auto& a : simple_commands(argv)) {
    size_t i = 0;
    while (i < a.size() && basename_of(a[i]) != "celery") ++i;
    if (i >= a.size()) continue;
    for (++i; i < a.size(); ++i) {
      const std::string& w = a[i];
      if (celery_global_option_before_value(w)) { ++i; continue; }
      if (!w.empty() && w[0] == '-') continue;
      if (w == "beat") return "celery beat";
      if (w == "worker")
        for (size_t k = i + 1; k < a.size(); ++k)
          if (a[k] == "-B" || a[k] == "--beat") return "celery worker " + a[k];
      break;
    }
  }
  return "";
}

}  // namespace cfglint
