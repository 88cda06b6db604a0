// Template "dependency-host-unknown": a compose service's environment gives a database, cache or broker
// URL (`postgres://app@postgres/app`, `redis://cache:6379`) whose host is a single-label name that no
// compose file of the repository gives a container (service name, alias, container_name, hostname), that
// the service does not map itself (links, extra_hosts), and that no external network could bring: the
// name does not resolve and the first connection fails. A warning: the name may come from a network or
// DNS search domain cfglint cannot see. The URL schemes that name a backing service are data
// (rules/knowledge/dependencies.toml), shared with CFG316.
#include "checks/containers/dependency_host_unknown.h"

#include <map>
#include <set>

#include "core/strings.h"
#include "model/dependency_knowledge.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

class DependencyHostUnknown final : public ProjectCheck {
 public:
  DependencyHostUnknown(const RuleSpec& rule, const RuleCatalog& catalog) : ProjectCheck(rule), deps_(load_dependencies(catalog)) {}

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::optional<std::set<std::string>> known;
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& v : project.services) {
      if (v.service.network_mode.present || joins_external_network(v)) continue;
      for (const auto& [name, b] : v.env.vars) {
        if (!b.value_known || b.interpolated || b.value.find('$') != std::string::npos) continue;
        ConnectionAddress a = connection_address(b.value);
        const Dependency* dep = dependency_of_scheme(deps_, to_lower(a.scheme));
        std::string host = to_lower(a.host);
        if (!dep || host.empty() || !compose_network_name(host) || is_loopback_host(host)) continue;
        if (!known) known = names_in_repository(project);
        bool own = std::find(v.service.extra_names.begin(), v.service.extra_names.end(), host) != v.service.extra_names.end();
        if (known->count(host) || own) continue;
        // Only where the repository runs that database or broker in a service: the name was meant to be it.
        const ContainerView* server = runner(project, *dep);
        if (!server || !seen.insert({b.where.file, b.where.range.begin.line}).second) continue;
        Finding f = finding(b.where.file, b.where.range,
                            "`" + name + "` points service `" + v.service.name + "` at " + dep->product + " on host `" + host +
                                "`, but no compose service, alias or container name in the repository is called `" + host +
                                "`: the name does not resolve on the compose network and the connection fails (\"could not translate host "
                                "name\" / \"Name or service not known\"); " + dep->product + " runs in service `" + server->service.name +
                                "`: use that name");
        f.related.push_back({v.name.file, v.name.range, "service `" + v.service.name + "`"});
        f.related.push_back({server->name.file, server->name.range, "the service that runs " + dep->product});
        out.push_back(under_profiles(std::move(f), v.service.profiles));
      }
    }
  }

 private:
  static const ContainerView* runner(const Project& project, const Dependency& dep) {
    for (const auto& s : project.services)
      if (runs_dependency(s, dep)) return &s;
    return nullptr;
  }

  std::vector<Dependency> deps_;
};

}  // namespace

TemplateInfo dependency_host_unknown_template() {
  return catalog_template<DependencyHostUnknown>("dependency-host-unknown",
                                                 "A connection URL names a host that no compose service, alias or network provides.");
}

}  // namespace cfglint
