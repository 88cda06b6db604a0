// Template "celery-beat-replicated": the Celery beat scheduler (`celery beat`, or `celery worker -B`) in
// a compose service with `deploy.replicas`/`scale` above 1 or a Kubernetes Deployment/ReplicaSet with
// `replicas` above 1. Each copy keeps its own schedule and sends every periodic task: they run once per
// copy (duplicate e-mails, double charges). Celery's documentation: only one beat may run at a time.
#include "checks/containers/celery_beat_replicated.h"

#include <set>

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
    std::set<const KubeWorkload*> reported;  // one finding per workload
    for (const auto& r : replicated_processes(project)) {
      std::string beat = beat_in(r.argv);
      if (beat.empty() || (r.workload && !reported.insert(r.workload).second)) continue;
      Finding f = finding(r.replicas_at.file, r.replicas_at.range,
                          r.who + " runs `" + beat + "` in " + std::to_string(r.replicas) + " replicas" + kConsequence);
      Location at = r.service ? r.service->command_location : Location{r.workload->file, r.container->command_range, ""};
      f.related.push_back({at.file, at.range, "the command that starts beat"});
      out.push_back(r.service ? under_profiles(std::move(f), r.service->service.profiles) : std::move(f));
    }
  }
};

}  // namespace

TemplateInfo celery_beat_replicated_template() {
  return simple_template<CeleryBeatReplicated>("celery-beat-replicated", "Celery beat runs in more than one process.");
}

}  // namespace cfglint
