// How many copies of a process a deployment starts, and the one-shot or singleton work each copy does
// at start: what the replica rules (CFG344, CFG345) read.
#pragma once
#include <string>
#include <vector>

#include "core/finding.h"
#include "model/deployment.h"

namespace cfglint {

// compose `deploy.replicas` / `scale:` as a number; 0 when absent or not a literal number.
int compose_replicas(const ComposeService& service);

// What runs in more than one copy at once: compose services with replicas above 1, and the containers
// (init containers included: they run once per pod) of Deployments and ReplicaSets with replicas above 1.
// A StatefulSet starts its pods one by one and is left out.
struct Replicated {
  int replicas = 0;
  const ContainerView* service = nullptr;                               // compose
  const KubeWorkload* workload = nullptr;                               // Kubernetes
  const KubeContainer* container = nullptr;
  std::vector<std::string> argv;                                        // the command line (Kubernetes)
  const CommandModel* command = nullptr;  // the service's command, or the manifest's command + args analysed
  Location replicas_at;                                                 // where the count is written
  std::string who;  // "service `worker`", "Deployment `web` (init container `migrate`)"
};
std::vector<Replicated> replicated_processes(const Project& project);

// The database migration a start-up runs ("manage.py migrate", "alembic upgrade"), or "".
std::string migration_at_start(const CommandModel& command, const std::vector<std::string>& startup_work);

// "celery beat" or "celery worker -B" when one of argv's commands starts the beat scheduler, else "".
std::string beat_in(const std::vector<std::string>& argv);

}  // namespace cfglint
