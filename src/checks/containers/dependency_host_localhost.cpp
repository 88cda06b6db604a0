// Template "dependency-host-localhost": a compose service's environment points a connection setting
// (`DATABASE_URL=postgres://…@localhost/…`, `DB_HOST=127.0.0.1`, `CELERY_BROKER_URL=redis://localhost`) at
// loopback while the database, cache or broker it names runs in another service of the same compose
// project. Inside a container loopback is the container itself: the connection is refused.
// Which variable names and URL schemes name which backing service, and which images run them, is data
// (rules/knowledge/dependencies.toml). Services that share another namespace (`network_mode`), that run
// the backing service themselves, or whose value the deploying shell can change (`${VAR}`) are not certain.
#include "checks/containers/dependency_host_localhost.h"

#include <algorithm>
#include <map>

#include "core/strings.h"
#include "model/deployment_graph.h"
#include "model/dependency_knowledge.h"
#include "model/deployment.h"
#include "model/service_settings.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view s) { return std::find(list.begin(), list.end(), s) != list.end(); }

// A connection value the settings give a process: a string as written, or the default of an environment
// read when the process's whole environment is known and does not set the variable.
struct SettingConnection {
  std::string name;   // for matching a dependency by words: CELERY_BROKER_URL, DATABASE_HOST, CACHE_LOCATION
  std::string shown;  // as the message names it: DATABASES["default"]["HOST"]
  std::string value;
  Location where;
  std::string variable;  // the environment variable whose default it is, "" for a literal
};

std::optional<SettingConnection> connection_value(const ValueP& v, const ProcessEnv& env, std::string name, std::string shown) {
  if (!v) return std::nullopt;
  if (v->kind == PyValue::K::Str) {
    if (!v->from_env_default().empty() && (!env.closed() || env.get(v->from_env_default()))) return std::nullopt;
    return SettingConnection{std::move(name), std::move(shown), v->text, v->origin.location(), v->from_env_default()};
  }
  if (v->kind == PyValue::K::Env && env.closed() && !env.get(v->env_var()) && v->env_default() && v->env_default()->kind == PyValue::K::Str)
    return SettingConnection{std::move(name), std::move(shown), v->env_default()->text, v->origin.location(), v->env_var()};
  return std::nullopt;
}

// The connection settings Django, Celery and Channels read: every top-level string setting (REDIS_URL,
// CELERY_BROKER_URL), DATABASES' HOST or URL, CACHES' LOCATION and CHANNEL_LAYERS' hosts.
std::vector<SettingConnection> connection_settings(const SettingsResult& s, const ProcessEnv& env) {
  std::vector<SettingConnection> out;
  auto add = [&](const ValueP& v, const std::string& name, const std::string& shown) {
    if (auto c = connection_value(v, env, name, shown)) out.push_back(std::move(*c));
  };
  for (const auto& [name, sv] : s.names) {
    if (sv.maybe || !sv.value) continue;
    const ValueP& v = sv.value;
    if (v->kind != PyValue::K::Dict) {
      add(v, name, name);
      continue;
    }
    for (const auto& [k, alias] : v->entries) {
      if (!k || k->kind != PyValue::K::Str || !alias) continue;
      std::string at = name + "[\"" + k->text + "\"]";
      if (name == "DATABASES") {
        ValueP engine = alias->get("ENGINE");
        std::string product = engine && engine->kind == PyValue::K::Str && engine->text.find("mysql") != std::string::npos ? "MYSQL" : "DATABASE";
        if (engine && engine->kind == PyValue::K::Str && engine->text.find("sqlite") != std::string::npos) continue;
        add(alias->get("HOST"), product + "_HOST", at + "[\"HOST\"]");
        add(alias, "DATABASE_URL", at);  // env.db() / dj_database_url with a default URL
      } else if (name == "CACHES") {
        ValueP location = alias->get("LOCATION");
        if (location && location->is_sequence())
          for (const auto& l : location->items) add(l, "CACHE_LOCATION", at + "[\"LOCATION\"]");
        else add(location, "CACHE_LOCATION", at + "[\"LOCATION\"]");
      } else if (name == "CHANNEL_LAYERS") {
        ValueP config = alias->get("CONFIG");
        ValueP hosts = config ? config->get("hosts") : nullptr;
        if (!hosts || !hosts->is_sequence()) continue;
        for (const auto& h : hosts->items) {
          if (h && h->is_sequence() && !h->items.empty()) add(h->items[0], "CHANNEL_HOST", at + "[\"CONFIG\"][\"hosts\"]");
          else add(h, "CHANNEL_HOST", at + "[\"CONFIG\"][\"hosts\"]");
        }
      }
    }
  }
  return out;
}

const char* const kHostWords[] = {"HOST", "HOSTNAME", "SERVER", "ADDR", "ADDRESS", "URL", "URI", "DSN", "LOCATION", "ENDPOINT"};

class DependencyHostLocalhost final : public ProjectCheck {
 public:
  DependencyHostLocalhost(const RuleSpec& rule, const RuleCatalog& catalog) : ProjectCheck(rule), deps_(load_dependencies(catalog)) {}

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    // One finding per line that sets the value, naming every service that receives it.
    struct Hit {
      const EnvBinding* binding;
      std::string variable;
      const Dependency* dep;
      const ContainerView* backing;
      std::vector<const ContainerView*> clients;
    };
    std::map<std::pair<std::string, uint32_t>, Hit> hits;
    const BackingIndex backing = index_backing_services(project);
    for (const auto& v : project.services) {
      if (v.service.network_mode.present || runs_dependency(v)) continue;
      for (const auto& [name, b] : v.env.vars) {
        if (b.value.find('$') != std::string::npos && !b.interpolated) continue;  // a value compose resolves later
        ConnectionAddress a = connection_address(b.value);
        if (!is_loopback_host(a.host, true)) continue;
        for (const Dependency* d : named_dependencies(name, a))
          if (const ContainerView* server = backing_service(project, backing, v, *d)) {
            auto key = std::make_pair(b.where.file, b.where.range.begin.line);
            auto [it, fresh] = hits.try_emplace(key, Hit{&b, name, d, server, {}});
            it->second.clients.push_back(&v);
            break;
          }
      }
    }
    for (const auto& [key, h] : hits) out.push_back(report(project, h.binding, h.variable, *h.dep, *h.backing, h.clients));
    check_settings(project, backing, out);
    check_kubernetes(project, out);
  }

 private:
  bool runs_dependency(const ContainerView& v) const {
    for (const auto& d : deps_)
      if (cfglint::runs_dependency(v, d)) return true;
    return false;
  }


  // The dependencies a variable names: by its URL scheme, or by the words of its name.
  std::vector<const Dependency*> named_dependencies(const std::string& variable, const ConnectionAddress& a) const {
    std::vector<const Dependency*> out;
    if (!a.scheme.empty()) {
      for (const auto& d : deps_)
        if (contains(d.schemes, a.scheme)) return {&d};
      if (a.scheme != "http" && a.scheme != "https") return {};
    }
    std::vector<std::string> words;
    for (auto w : split(variable, '_')) words.emplace_back(w);
    bool host_like = false;
    for (const char* h : kHostWords) host_like |= !words.empty() && words.back() == h;
    // The process's own server address (N8N_RUNNERS_BROKER_LISTEN_ADDRESS, REDIS_BIND_ADDR): where it
    // listens, not what it connects to, even when a dependency's name is in it.
    for (const auto& w : words)
      if (w == "LISTEN" || w == "BIND") return out;
    for (const auto& d : deps_) {
      bool named = contains(d.names, variable);
      for (size_t i = 0; host_like && i + 1 < words.size(); ++i) named |= contains(d.words, words[i]);
      if (named) out.push_back(&d);
    }
    return out;
  }

  // The services running each dependency, by compose project: built once, so that a lookup does not
  // scan every service (a monorepo has thousands).
  using BackingIndex = std::map<std::pair<size_t, const Dependency*>, std::vector<const ContainerView*>>;
  BackingIndex index_backing_services(const Project& project) const {
    BackingIndex out;
    for (const auto& s : project.services)
      for (const auto& d : deps_)
        if (cfglint::runs_dependency(s, d))
          if (auto p = project.compose_projects_of.find(s.file->path); p != project.compose_projects_of.end())
            for (size_t x : p->second) out[{x, &d}].push_back(&s);
    return out;
  }

  // A service of the same compose project that runs the dependency and is not sharing `client`'s network.
  static const ContainerView* backing_service(const Project& project, const BackingIndex& index, const ContainerView& client,
                                              const Dependency& d) {
    auto p = project.compose_projects_of.find(client.file->path);
    if (p == project.compose_projects_of.end()) return nullptr;
    for (size_t x : p->second)
      if (auto it = index.find({x, &d}); it != index.end())
        for (const ContainerView* s : it->second)
          if (s != &client && s->service.network_mode.value != "service:" + client.service.name) return s;
    return nullptr;
  }

  // The same, for values the settings module a Django process loads holds itself.
  void check_settings(const Project& project, const BackingIndex& backing, std::vector<Finding>& out) const {
    const ServiceSettings& settings = *project.service_settings;
    const std::string celery_ns = celery_settings_namespace(project);
    std::map<std::pair<std::string, uint32_t>, size_t> reported;
    for (const auto& v : project.services) {
      if (v.service.network_mode.present || runs_dependency(v) || !loads_django_settings(v)) continue;
      const SettingsResult* s = settings.of(v);
      if (!s) continue;
      for (const auto& c : connection_settings(*s, v.env)) {
        if (!celery_may_read_setting(celery_ns, c.name)) continue;  // BROKER_URL under namespace="CELERY": no effect
        ConnectionAddress a = connection_address(c.value);
        if (!is_loopback_host(a.host, true)) continue;
        for (const Dependency* d : named_dependencies(c.name, a)) {
          const ContainerView* server = backing_service(project, backing, v, *d);
          if (!server) continue;
          auto key = std::make_pair(c.where.file, c.where.range.begin.line);
          if (auto it = reported.find(key); it != reported.end()) {
            if (out[it->second].message.find("`" + v.service.name + "`") == std::string::npos) {
              out[it->second].message += "; service `" + v.service.name + "` loads it too";
              out[it->second].graph_edges.push_back(loads_edge(v, s->path));
            }
            break;
          }
          reported.emplace(key, out.size());
          out.push_back(report_setting(project, c, a.host, *d, *server, v, *s));
          break;
        }
      }
    }
  }

  // Kubernetes: the containers of a pod share its network, so loopback may reach a sidecar (a Cloud SQL
  // proxy). A pod whose only running container is this one, off the node's network, has nothing else on
  // loopback; when a workload deployed with it runs the dependency, the value was meant to name it. Deployed
  // with it: manifests in the same folder, or one's folder inside the other's (a monorepo holds many apps).
  static bool same_deployment(const std::string& a, const std::string& b) {
    std::string x = dirname_of(a), y = dirname_of(b);
    return x.rfind(y, 0) == 0 || y.rfind(x, 0) == 0;
  }

  void check_kubernetes(const Project& project, std::vector<Finding>& out) const {
    std::vector<std::pair<const Dependency*, const KubeWorkload*>> backing;
    for (const auto& w : project.workloads)
      for (const auto& c : w.containers)
        for (const auto& d : deps_)
          if (!c.init && ImageKnowledge::matches(c.image, d.images)) backing.emplace_back(&d, &w);
    if (backing.empty()) return;
    std::set<std::pair<std::string, uint32_t>> reported;  // a ConfigMap shared by several containers: one finding
    for (const auto& k : project.kube_containers) {
      const KubeWorkload& w = *k.workload;
      const KubeContainer& c = *k.container;
      size_t running = 0;
      for (const auto& other : w.containers) running += !other.init || other.sidecar;
      if (w.partial || w.host_network || running != 1 || c.init) continue;
      if (std::any_of(deps_.begin(), deps_.end(), [&](const Dependency& d) { return ImageKnowledge::matches(c.image, d.images); })) continue;
      for (const KubeEnvValue& e : k.env) {
        if (!e.value_known || e.value.find('$') != std::string::npos) continue;  // $(VAR): another variable decides
        ConnectionAddress a = connection_address(std::string(e.value));
        if (!is_loopback_host(a.host, true)) continue;
        const std::string name = e.name();
        const KubeWorkload* server = nullptr;
        const Dependency* dep = nullptr;
        for (const Dependency* d : named_dependencies(name, a))
          for (const auto& [bd, bw] : backing)
            if (!server && bd == d && bw != &w && same_deployment(w.file, bw->file)) server = bw, dep = d;
        if (!server || !reported.insert({std::string(e.file), e.range.begin.line}).second) continue;
        std::string who = "container `" + c.name + "` of " + w.kind + " `" + w.name + "`";
        std::string what = "`" + name + "`" + (e.config_map ? " (in ConfigMap `" + e.config_map->name + "`)" : "");
        Finding f = finding(std::string(e.file), e.range,
                            what + " points " + who + " at " + dep->product + " on `" + a.host + "`, but `" + a.host +
                                "` is the pod itself, which runs no other container, and " + dep->product + " runs in " + server->kind + " `" +
                                server->name + "`: the connection fails with \"" + dep->error + "\"; use the name of the Service in front of " +
                                server->kind + " `" + server->name + "` as the host");
        f.related.push_back({server->file, server->kind_range, "runs " + dep->product});
        if (e.config_map) f.related.push_back({w.file, c.range, "the container that receives it"});
        out.push_back(std::move(f));
      }
    }
  }

  Finding report_setting(const Project& project, const SettingConnection& c, const std::string& host, const Dependency& d,
                         const ContainerView& backing, const ContainerView& client, const SettingsResult& s) const {
    std::string what = c.variable.empty() ? "`" + c.shown + "`" : "`" + c.shown + "` (the default of `" + c.variable + "`, which service `" +
                                                                     client.service.name + "` does not receive)";
    Finding f = finding(c.where.file, c.where.range,
                        what + " in " + s.path + " points service `" + client.service.name + "` at " + d.product + " on `" + host +
                            "`, but inside a container `" + host + "` is the container itself and " + d.product + " runs in service `" +
                            backing.service.name + "`: the connection fails with \"" + d.error + "\"; use the service name `" +
                            backing.service.name + "` as the host" + (c.variable.empty() ? "" : ", or set `" + c.variable + "` for the service"));
    f.related.push_back({backing.name.file, backing.name.range, "the service that runs " + d.product});
    f.related.push_back({client.name.file, client.name.range, "loads " + s.path});
    f.graph_edges.push_back(loads_edge(client, s.path));
    if (development_compose(project, *client.file)) f.severity_override = Severity::Warning;
    return under_profiles(std::move(f), client.service.profiles);
  }

  Finding report(const Project& project, const EnvBinding* b, const std::string& variable, const Dependency& d, const ContainerView& backing,
                 const std::vector<const ContainerView*>& clients) const {
    std::vector<std::string> names;
    bool all_development = true;
    for (const auto* c : clients) {
      names.push_back("`" + c->service.name + "`");
      all_development &= development_compose(project, *c->file);
    }
    std::string host = connection_address(b->value).host;
    Finding f = finding(b->where.file, b->where.range,
                        "`" + variable + "` points service" + (names.size() > 1 ? "s " : " ") + join(names, ", ") + " at " + d.product +
                            " on `" + host + "`, but inside a container `" + host + "` is the container itself and " + d.product +
                            " runs in service `" + backing.service.name + "`: the connection fails with \"" + d.error +
                            "\"; use the service name `" + backing.service.name + "` as the host");
    f.related.push_back({backing.name.file, backing.name.range, "the service that runs " + d.product});
    for (const auto* c : clients)
      if (c->name.file != b->where.file || clients.size() > 1) f.related.push_back({c->name.file, c->name.range, "receives " + variable});
    if (b->interpolated) {
      f.severity_override = Severity::Note;
      f.message += " (unless the deploying shell sets the variable it is interpolated from)";
    } else if (all_development) {
      f.severity_override = Severity::Warning;
    }
    return clients.size() == 1 ? under_profiles(std::move(f), clients.front()->service.profiles) : f;
  }

  std::vector<Dependency> deps_;
};

}  // namespace

TemplateInfo dependency_host_localhost_template() {
  return catalog_template<DependencyHostLocalhost>("dependency-host-localhost",
                                                   "A connection setting points at localhost while its database, cache or broker is another service.");
}

}  // namespace cfglint
