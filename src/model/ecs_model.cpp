#include "model/ecs_model.h"

#include <cstdlib>

namespace cfglint {
namespace {

EcsHealthCheck::Field field(const Node* hc, const char* key) {
  EcsHealthCheck::Field f;
  const Node* n = hc->get(key);
  if (!n || !n->is_scalar()) return f;
  char* end = nullptr;
  long v = std::strtol(n->text.c_str(), &end, 10);
  if (end && *end == '\0' && !n->text.empty()) f.value = v;
  f.range = n->range;
  return f;
}

}  // namespace

std::optional<EcsTaskDefinition> build_ecs_model(const std::string& path, const ParsedTree& tree) {
  if (tree.documents.empty() || !tree.documents[0].root) return std::nullopt;
  const Node* root = tree.documents[0].root;
  if (const Node* td = root->get("taskDefinition")) root = td;  // `aws ecs describe-task-definition` output
  const Node* defs = root->get("containerDefinitions");
  if (!defs || !defs->is_seq()) return std::nullopt;
  EcsTaskDefinition t;
  t.file = path;
  if (const Node* f = root->get("family")) t.family = f->text;
  for (const Node* c : defs->items) {
    if (!c->is_map()) continue;
    EcsContainer ec;
    ec.range = c->range;
    if (const Node* n = c->get("name")) {
      ec.name = n->text;
      ec.range = n->range;
    }
    if (const Node* e = c->get("essential")) ec.essential = e->text != "false";
    if (const Node* hc = c->get("healthCheck"); hc && hc->is_map()) {
      ec.health.present = true;
      for (const auto& [k, v] : c->entries)
        if (k->text == "healthCheck") ec.health.range = k->range;
      if (const Node* cmd = hc->get("command")) {
        ec.health.command_range = cmd->range;
        if (cmd->is_seq())
          for (const Node* i : cmd->items) ec.health.command.push_back(i->text);
      }
      ec.health.interval = field(hc, "interval");
      ec.health.timeout = field(hc, "timeout");
      ec.health.retries = field(hc, "retries");
      ec.health.start_period = field(hc, "startPeriod");
    }
    if (const Node* deps = c->get("dependsOn"); deps && deps->is_seq())
      for (const Node* d : deps->items) {
        const Node* name = d->get("containerName");
        const Node* cond = d->get("condition");
        if (!name) continue;
        ec.depends_on.emplace_back(name->text, cond ? cond->text : "");
        ec.depends_on_ranges.push_back(cond ? cond->range : name->range);
      }
    t.containers.push_back(std::move(ec));
  }
  return t;
}

}  // namespace cfglint
