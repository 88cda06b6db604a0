// How many copies of a process a deployment starts, and the one-shot or singleton work each copy does
// at start: what the replica rules (CFG344, CFG345) read.
#pragma once
#include <string>
#include <vector>

#include "model/deployment.h"

namespace cfglint {

// compose `deploy.replicas` / `scale:` as a number; 0 when absent or not a literal number.
int compose_replicas(const ComposeService& service);

// The database migration a start-up runs ("manage.py migrate", "alembic upgrade"), or "".
std::string migration_at_start(const CommandModel& command, const std::vector<std::string>& startup_work);

// "celery beat" or "celery worker -B" when one of argv's commands starts the beat scheduler, else "".
std::string beat_in(const std::vector<std::string>& argv);

}  // namespace cfglint
