// Template "celery-beat-replicated": the Celery beat scheduler (`celery beat`, or `celery worker -B`) in
// a compose service with `deploy.replicas`/`scale` above 1 or a Kubernetes Deployment/ReplicaSet with
// `replicas` above 1. Each copy keeps its own schedule and sends every periodic task: they run once per
// copy (duplicate e-mails, double charges). Celery's documentation: only one beat may run at a time.
#include "checks/containers/celery_beat_replicated.h"

#include "model/replicas.h"

namespace cfglint {
namespace {

const char* const kConsequence =
    ": every copy sends every periodic task, so each task runs that many times (duplicate e-mails, double charges); run beat in "
    "one process of its own, with one replica";

class CeleryBeatReplicated final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.services) {
      int n = compose_replicas(v.service);
      std::string beat = beat_in(v.argv);
      if (n < 2 || beat.empty()) continue;
      Finding f = finding(v.file->path, v.service.replicas.range,
                          "service `" + v.service.name + "` runs `" + beat + "` in " + std::to_string(n) + " replicas" + kConsequence);
      f.related.push_back({v.command_location.file, v.command_location.range, "the command that starts beat"});
      out.push_back(under_profiles(std::move(f), v.service.profiles));
    }
    for (const auto& w : project.workloads) {
      if (w.replicas < 2 || (w.kind != "Deployment" && w.kind != "ReplicaSet")) continue;
      for (const auto& c : w.containers) {
        std::vector<std::string> argv = c.command;
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        std::string beat = beat_in(argv);
        if (beat.empty()) continue;
        Finding f = finding(w.file, w.replicas_range,
                            w.kind + " `" + w.name + "` runs `" + beat + "` (container `" + c.name + "`) in " + std::to_string(w.replicas) +
                                " replicas" + kConsequence);
        f.related.push_back({w.file, c.command_range, "the command that starts beat"});
        out.push_back(std::move(f));
        break;
      }
    }
  }
};

}  // namespace

TemplateInfo celery_beat_replicated_template() {
  return simple_template<CeleryBeatReplicated>("celery-beat-replicated", "Celery beat runs in more than one process.");
}

}  // namespace cfglint
