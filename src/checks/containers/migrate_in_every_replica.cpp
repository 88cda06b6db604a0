// Template "migrate-in-every-replica": a compose service with `deploy.replicas`/`scale` above 1, or a
// Kubernetes Deployment/ReplicaSet with `replicas` above 1, whose containers (init containers included:
// they run once per pod) apply database migrations at start. The copies start together and migrate
// concurrently: Django's migrate takes no lock, so one of them fails with "relation already exists" /
// DuplicateColumn, or the schema is left half-migrated. A StatefulSet starts its pods one by one and is
// not reported; neither is a replica count cfglint cannot read (an HPA, a variable).
#include "checks/containers/migrate_in_every_replica.h"

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
    for (const auto& v : project.services) {
      int n = compose_replicas(v.service);
      std::string migration = migration_at_start(v.command, v.startup_work);
      if (n < 2 || migration.empty()) continue;
      Finding f = finding(v.file->path, v.service.replicas.range,
                          "service `" + v.service.name + "` runs " + std::to_string(n) + " replicas and each runs `" + migration +
                              "` at start" + kConsequence);
      Location at = v.startup_location.file.empty() ? v.command_location : v.startup_location;
      f.related.push_back({at.file, at.range, "where `" + migration + "` runs"});
      out.push_back(under_profiles(std::move(f), v.service.profiles));
    }
    for (const auto& w : project.workloads) {
      if (w.replicas < 2 || (w.kind != "Deployment" && w.kind != "ReplicaSet")) continue;
      for (const auto& c : w.containers) {
        std::vector<std::string> argv = c.command;
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        CommandModel m = analyze_command(argv, c.env);
        std::string migration = migration_at_start(m, m.startup_work);
        if (migration.empty()) continue;
        Finding f = finding(w.file, w.replicas_range,
                            w.kind + " `" + w.name + "` runs " + std::to_string(w.replicas) + " replicas and each pod runs `" + migration +
                                "` at start (" + (c.init ? "init container `" : "container `") + c.name + "`)" + kConsequence);
        f.related.push_back({w.file, c.command_range, "where `" + migration + "` runs"});
        out.push_back(std::move(f));
        break;
      }
    }
  }
};

}  // namespace

TemplateInfo migrate_in_every_replica_template() {
  return simple_template<MigrateInEveryReplica>("migrate-in-every-replica", "Database migrations run at the start of every replica, concurrently.");
}

}  // namespace cfglint
