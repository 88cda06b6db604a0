#include "model/kubernetes_model.h"

#include <cctype>
#include <cstdlib>

#include "core/strings.h"

namespace cfglint {
namespace {

int int_of(const Node* n, int fallback) {
  if (!n || !n->is_scalar()) return fallback;
  char* end = nullptr;
  long v = std::strtol(n->text.c_str(), &end, 10);
  return end && *end == '\0' ? static_cast<int>(v) : fallback;
}

std::vector<std::string> strings_of(const Node* n) {
  std::vector<std::string> out;
  if (n && n->is_seq())
    for (const Node* i : n->items)
      if (i->is_scalar()) out.push_back(i->text);
  return out;
}

Range key_range(const Node* map, std::string_view key) {
  for (const auto& [k, v] : map->entries)
    if (k->text == key) return k->range;
  return map->range;
}

KubeProbe probe_of(const Node* container, std::string_view key) {
  KubeProbe p;
  const Node* n = container->get(key);
  if (!n || !n->is_map()) return p;
  p.present = true;
  p.range = key_range(container, key);
  p.initial_delay = int_of(n->get("initialDelaySeconds"), 0);
  p.period = int_of(n->get("periodSeconds"), 10);
  p.failure_threshold = int_of(n->get("failureThreshold"), 3);
  p.timeout = int_of(n->get("timeoutSeconds"), 1);
  for (const char* type : {"httpGet", "tcpSocket", "grpc", "exec"}) {
    const Node* t = n->get(type);
    if (!t) continue;
    p.type = type;
    if (const Node* port = t->get("port")) {
      p.port = port->text;
      p.port_range = port->range;
      // a templated value (${VAR}, {{ .Values.port }}) is unknown, not a name
      bool templated = p.port.find('$') != std::string::npos || p.port.find('{') != std::string::npos;
      p.port_is_name = !templated && !p.port.empty() && !(p.port[0] >= '0' && p.port[0] <= '9');
    }
    if (const Node* path = t->get("path")) {
      p.path = path->text;
      p.path_range = path->range;
    }
    if (const Node* host = t->get("host")) p.host = host->text;
    if (const Node* scheme = t->get("scheme"); scheme && scheme->is_scalar()) p.scheme = scheme->text;
    if (const Node* headers = t->get("httpHeaders"); headers && headers->is_seq())
      for (const Node* h : headers->items) {
        const Node* name = h->get("name");
        if (!name || !name->is_scalar()) continue;
        if (to_lower(name->text) == "host") p.sets_host = true;
        const Node* value = h->get("value");
        p.headers.emplace_back(to_lower(name->text), value && value->is_scalar() ? value->text : "");
      }
    if (const Node* cmd = t->get("command")) p.exec_command = strings_of(cmd);
  }
  return p;
}

KubeSecurity security_of(const Node* owner) {
  KubeSecurity k;
  const Node* sc = owner->get("securityContext");
  if (!sc || !sc->is_map()) return k;
  if (const Node* n = sc->get("runAsNonRoot"); n && n->is_scalar()) {
    std::string v = to_lower(n->text);
    if (v == "true" || v == "false") k.run_as_non_root = v == "true";
    k.run_as_non_root_range = n->range;
  }
  if (const Node* n = sc->get("runAsUser"); n && n->is_scalar()) {
    k.run_as_user = n->text;
    k.run_as_user_range = n->range;
  }
  return k;
}

KubeContainer container_of(const Node* c, bool init) {
  KubeContainer k;
  k.init = init;
  if (const Node* rp = c->get("restartPolicy"); init && rp && rp->is_scalar()) k.sidecar = rp->text == "Always";
  k.range = c->range;
  if (const Node* n = c->get("name")) {
    k.name = n->text;
    k.range = n->range;
  }
  if (const Node* n = c->get("image")) k.image = n->text;
  k.command = strings_of(c->get("command"));
  k.args = strings_of(c->get("args"));
  if (const Node* cmd = c->get("command")) k.command_range = cmd->range;
  else if (const Node* args = c->get("args")) k.command_range = args->range;
  else k.command_range = k.range;
  if (const Node* ports = c->get("ports"); ports && ports->is_seq())
    for (const Node* p : ports->items) {
      const Node* name = p->get("name");
      k.ports.emplace_back(name ? name->text : "", int_of(p->get("containerPort"), 0));
    }
  k.liveness = probe_of(c, "livenessProbe");
  k.readiness = probe_of(c, "readinessProbe");
  k.startup = probe_of(c, "startupProbe");
  k.env_from = c->get("envFrom") != nullptr;
  k.security = security_of(c);
  if (const Node* mounts = c->get("volumeMounts"); mounts && mounts->is_seq())
    for (const Node* m : mounts->items)
      if (const Node* p = m->get("mountPath"); p && p->is_scalar()) {
        k.mount_paths.push_back(p->text);
        const Node* ro = m->get("readOnly");
        if (!ro || !ro->is_true()) k.writable_mount_paths.push_back(p->text);
      }
  if (const Node* wd = c->get("workingDir"); wd && wd->is_scalar()) k.working_dir = wd->text;
  if (const Node* sc = c->get("securityContext"); sc && sc->is_map())
    if (const Node* ro = sc->get("readOnlyRootFilesystem"); ro && ro->is_true()) {
      k.read_only_root = true;
      k.read_only_root_range = ro->range;
    }
  if (const Node* env = c->get("env"); env && env->is_seq())
    for (const Node* e : env->items) {
      const Node* name = e->get("name");
      const Node* value = e->get("value");
      if (!name) continue;
      if (const Node* from = e->get("valueFrom"))
        for (const char* ref : {"configMapKeyRef", "secretKeyRef"})
          if (const Node* r = from->get(ref); r && r->is_map())
            k.value_from.push_back({ref[0] == 's', scalar_text(r->get("name")), scalar_text(r->get("key")), "",
                                    r->get("optional") && r->get("optional")->is_true(), k.env.size(), r->range});
      k.env.emplace_back(name->text, value ? value->text : "");
      k.env_ranges.push_back(value ? value->range : name->range);
    }
  if (const Node* from = c->get("envFrom"); from && from->is_seq())
    for (const Node* e : from->items)
      for (const char* ref : {"configMapRef", "secretRef"})
        if (const Node* r = e->get(ref); r && r->is_map())
          k.env_from_refs.push_back({ref[0] == 's', scalar_text(r->get("name")), "", scalar_text(e->get("prefix")),
                                     r->get("optional") && r->get("optional")->is_true(), 0, r->range});
  return k;
}

bool is_patch_file(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string base = path.substr(slash == std::string::npos ? 0 : slash + 1);
  for (auto& ch : base) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return base.find("patch") != std::string::npos;
}

}  // namespace

std::vector<KubeConfigMap> build_config_maps(const std::string& path, const ParsedTree& tree) {
  std::vector<KubeConfigMap> out;
  for (const auto& doc : tree.documents) {
    const Node* root = doc.root;
    if (!root || !root->is_map() || scalar_text(root->get("kind")) != "ConfigMap") continue;
    const Node* md = root->get("metadata");
    const Node* data = root->get("data");
    KubeConfigMap m{path, md ? scalar_text(md->get("name")) : "", {}};
    if (m.name.empty() || !data || !data->is_map()) continue;
    for (const auto& [key, value] : data->entries)
      if (key->is_scalar() && value->is_scalar()) m.data.push_back({key->text, value->text, value->range});
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<KubeWorkload> build_kubernetes_model(const std::string& path, const ParsedTree& tree) {
  std::vector<KubeWorkload> out;
  for (const auto& doc : tree.documents) {
    const Node* root = doc.root;
    if (!root || !root->is_map()) continue;
    const Node* kind = root->get("kind");
    if (!kind || !kind->is_scalar()) continue;
    const Node* pod_spec = nullptr;
    const std::string& k = kind->text;
    if (k == "Pod") pod_spec = root->get("spec");
    else if (k == "Deployment" || k == "StatefulSet" || k == "DaemonSet" || k == "ReplicaSet" || k == "Job") {
      if (const Node* spec = root->get("spec"))
        if (const Node* tmpl = spec->get("template")) pod_spec = tmpl->get("spec");
    } else if (k == "CronJob") {
      if (const Node* spec = root->get("spec"))
        if (const Node* jt = spec->get("jobTemplate"))
          if (const Node* js = jt->get("spec"))
            if (const Node* tmpl = js->get("template")) pod_spec = tmpl->get("spec");
    }
    if (!pod_spec || !pod_spec->is_map()) continue;
    KubeWorkload w;
    w.partial = is_patch_file(path);
    w.file = path;
    w.kind = k;
    w.kind_range = kind->range;
    if (const Node* md = root->get("metadata"))
      if (const Node* name = md->get("name")) w.name = name->text;
    if (const Node* spec = root->get("spec"); spec && k != "Pod" && k != "CronJob")
      if (const Node* r = spec->get("replicas"); r && r->is_scalar() && !r->text.empty() &&
                                                  r->text.find_first_not_of("0123456789") == std::string::npos && r->text.size() < 7) {
        w.replicas = std::stoi(r->text);
        w.replicas_range = r->range;
      }
    w.pod_security = security_of(pod_spec);
    if (const Node* hn = pod_spec->get("hostNetwork")) w.host_network = hn->is_true();
    if (const Node* rp = pod_spec->get("restartPolicy")) {
      w.restart_policy = rp->text;
      w.restart_policy_range = rp->range;
    }
    if (const Node* ic = pod_spec->get("initContainers"); ic && ic->is_seq())
      for (const Node* c : ic->items)
        if (c->is_map()) w.containers.push_back(container_of(c, true));
    if (const Node* cs = pod_spec->get("containers"); cs && cs->is_seq())
      for (const Node* c : cs->items)
        if (c->is_map()) w.containers.push_back(container_of(c, false));
    for (const auto& c : w.containers)
      if (c.image.empty()) w.partial = true;  // a kustomize/strategic-merge fragment, not a whole object
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace cfglint
