// Template "migrate-in-every-replica": a compose service with `deploy.replicas`/`scale` above 1, or a
// Kubernetes Deployment/ReplicaSet with `replicas` above 1, whose containers (init containers included:
// they run once per pod) apply database migrations at start. The copies start together and migrate
// concurrently: Django's migrate takes no lock, so one of them fails with "relation already exists" /
// DuplicateColumn, or the schema is left half-migrated. A StatefulSet starts its pods one by one and is
// not reported; neither is a replica count cfglint cannot read (an HPA, a variable).
#include "checks/containers/migrate_in_every_replica.h"

#include <set>

#include "model/replicas.h"

namespace cfglint {
namespace {

const char* const kConsequence =
    ": the copies start together and migrate concurrently (Django's migrate takes no lock), so one fails with "
    "\"relation already exists\" / DuplicateColumn or the schema is left half-migrated; run migrations once per deploy, "
    "in a one-off service or a Kubernetes Job, before the replicas start";

class MigrateInEveryReplica final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<const KubeWorkload*> reported;  // one finding per workload
    for (const auto& r : replicated_processes(project)) {
      if (r.workload && reported.count(r.workload)) continue;
      const CommandModel& command = *r.command;
      std::string migration = migration_at_start(command, r.service ? r.service->startup_work : command.startup_work);
      if (migration.empty()) continue;
      Finding f = finding(r.replicas_at.file, r.replicas_at.range,
                          r.who + " runs " + std::to_string(r.replicas) + " replicas and each runs `" + migration + "` at start" + kConsequence);
      Location at = !r.service ? Location{r.workload->file, r.container->command_range, ""}
                    : r.service->startup_location.file.empty() ? r.service->command_location : r.service->startup_location;
      f.related.push_back({at.file, at.range, "where `" + migration + "` runs"});
      if (r.workload) reported.insert(r.workload);
      out.push_back(r.service ? under_profiles(std::move(f), r.service->service.profiles) : std::move(f));
    }
  }
};

}  // namespace

TemplateInfo migrate_in_every_replica_template() {
  return simple_template<MigrateInEveryReplica>("migrate-in-every-replica", "Database migrations run at the start of every replica, concurrently.");
}

}  // namespace cfglint
