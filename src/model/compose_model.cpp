#include "model/compose_model.h"

#include "core/strings.h"
#include "frontends/shell/shell_words.h"

namespace cfglint {
namespace {

Located located(const Node* n) {
  Located l;
  if (n && (n->is_scalar() || n->is_null())) {
    l.value = n->is_scalar() ? n->text : "";
    l.range = n->range;
    l.present = true;
  }
  return l;
}

std::vector<std::string> words_of(const Node* n) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n->is_seq()) {
    for (const Node* i : n->items)
      if (i->is_scalar()) out.push_back(i->text);
  } else if (n->is_scalar()) {
    out = shell_words(n->text);
  }
  return out;
}

Range key_range(const Node* map, std::string_view key) {
  for (const auto& [k, v] : map->entries)
    if (k->text == key) return k->range;
  return map->range;
}

int port_number(std::string_view text) {
  auto n = parse_decimal(text, 65535);
  return n && *n > 0 ? static_cast<int>(*n) : 0;
}

// ports: "8000", "8000:8000", "127.0.0.1:8000:8000", "8000:8000/tcp", "[::1]:80:80", or the long form.
void read_ports(const Node* svc, ComposeService& s) {
  if (const Node* p = svc->get("ports"); p && p->is_seq())
    for (const Node* i : p->items) {
      ComposePort port;
      port.range = i->range;
      if (i->is_scalar()) {
        std::string_view text = i->text;
        text = text.substr(0, text.find('/'));
        size_t colon = text.rfind(':');
        port.target = port_number(colon == std::string_view::npos ? text : text.substr(colon + 1));
        if (colon != std::string_view::npos) port.published = std::string(text.substr(0, colon));
      } else if (i->is_map()) {
        if (const Node* t = i->get("target"); t && t->is_scalar()) port.target = port_number(t->text);
        if (const Node* pub = i->get("published"); pub && pub->is_scalar()) port.published = pub->text;
      }
      s.ports.push_back(std::move(port));
    }
  if (const Node* e = svc->get("expose"); e && e->is_seq())
    for (const Node* i : e->items)
      if (i->is_scalar())
        if (int n = port_number(std::string_view(i->text).substr(0, i->text.find('/')))) s.expose.push_back(n);
}

// The names other containers on the network reach this service by, besides the service name.
void read_network_names(const Node* svc, ComposeService& s) {
  s.network_mode = located(svc->get("network_mode"));
  for (const char* key : {"hostname", "container_name"})
    if (const Node* n = svc->get(key); n && n->is_scalar()) s.aliases.push_back(n->text);
  if (const Node* nets = svc->get("networks"); nets && nets->is_map()) {
    for (const auto& [name, net] : nets->entries) {
      s.networks.push_back(name->text);
      if (const Node* a = net->get("aliases"); a && a->is_seq())
        for (const Node* x : a->items)
          if (x->is_scalar()) s.aliases.push_back(x->text);
    }
  } else if (nets && nets->is_seq()) {
    for (const Node* n : nets->items)
      if (n->is_scalar()) s.networks.push_back(n->text);
  }
  // links: ["web", "web:backend"]; extra_hosts: ["db.local:10.0.0.2"] or {db.local: 10.0.0.2}
  if (const Node* links = svc->get("links"); links && links->is_seq())
    for (const Node* l : links->items)
      if (l->is_scalar()) s.extra_names.push_back(l->text.substr(l->text.rfind(':') == std::string::npos ? 0 : l->text.rfind(':') + 1));
  if (const Node* hosts = svc->get("extra_hosts")) {
    if (hosts->is_seq()) {
      for (const Node* h : hosts->items)
        if (h->is_scalar()) s.extra_names.push_back(h->text.substr(0, h->text.find_first_of(":=")));
    } else if (hosts->is_map()) {
      for (const auto& [name, ip] : hosts->entries) s.extra_names.push_back(name->text);
    }
  }
}

// Top-level networks declared `external: true` (or with an external `name`).
std::set<std::string> external_networks(const Node* root) {
  std::set<std::string> out;
  if (const Node* nets = root->get("networks"); nets && nets->is_map())
    for (const auto& [name, net] : nets->entries)
      if (const Node* e = net->get("external"); e && (e->is_true() || e->is_map())) out.insert(name->text);
  return out;
}

}  // namespace

ComposeFile build_compose_model(const std::string& path, const ParsedTree& tree) {
  ComposeFile cf;
  cf.path = path;
  if (tree.documents.empty() || !tree.documents[0].root) return cf;
  if (const Node* inc = tree.documents[0].root->get("include"); inc && inc->is_seq())
    for (const Node* i : inc->items) {
      if (i->is_scalar()) cf.includes.push_back(i->text);
      else if (const Node* p = i->get("path")) {
        if (p->is_scalar()) cf.includes.push_back(p->text);
        else if (p->is_seq())
          for (const Node* x : p->items) cf.includes.push_back(x->text);
      }
    }
  cf.external_networks = external_networks(tree.documents[0].root);
  const Node* services = tree.documents[0].root->get("services");
  if (!services || !services->is_map()) return cf;
  for (const auto& [key, svc] : services->entries) {
    if (!svc->is_map()) continue;
    ComposeService s;
    s.name = key->text;
    s.name_range = key->range;
    s.range = svc->range;
    s.image = located(svc->get("image"));
    s.restart = located(svc->get("restart"));
    if (const Node* b = svc->get("build")) {
      if (b->is_scalar()) s.build_context = located(b);
      else if (b->is_map()) {
        s.build_context = located(b->get("context"));
        if (!s.build_context.present) { s.build_context.value = "."; s.build_context.range = b->range; s.build_context.present = true; }
        s.build_dockerfile = located(b->get("dockerfile"));
        s.build_target = located(b->get("target"));
      }
    }
    if (const Node* c = svc->get("command"); c && !c->is_null()) {
      s.has_command = true;
      s.command = words_of(c);
      s.command_range = c->range;
    }
    if (const Node* e = svc->get("entrypoint"); e && !e->is_null()) {
      s.has_entrypoint = true;
      s.entrypoint = words_of(e);
    }
    if (const Node* hc = svc->get("healthcheck"); hc && hc->is_map()) {
      s.healthcheck.present = true;
      s.healthcheck.range = key_range(svc, "healthcheck");
      s.healthcheck.interval = located(hc->get("interval"));
      s.healthcheck.timeout = located(hc->get("timeout"));
      s.healthcheck.retries = located(hc->get("retries"));
      s.healthcheck.start_period = located(hc->get("start_period"));
      s.healthcheck.start_interval = located(hc->get("start_interval"));
      s.healthcheck.disable = located(hc->get("disable"));
      if (const Node* t = hc->get("test")) s.healthcheck.test_range = t->range;
      if (const Node* d = hc->get("disable")) s.healthcheck.disabled = d->is_true();
      if (const Node* t = hc->get("test")) {
        if (t->is_seq()) {
          for (const Node* i : t->items)
            if (i->is_scalar()) s.healthcheck.test.push_back(i->text);
        } else if (t->is_scalar()) {
          s.healthcheck.test.push_back(t->text);
          s.healthcheck.string_form = true;
        }
        if (!s.healthcheck.test.empty() && s.healthcheck.test[0] == "NONE") s.healthcheck.disabled = true;
      }
    }
    if (const Node* d = svc->get("depends_on")) {
      if (d->is_seq()) {
        for (const Node* i : d->items)
          if (i->is_scalar()) s.depends_on.push_back({i->text, "service_started", true, i->range});
      } else if (d->is_map()) {
        for (const auto& [dk, dv] : d->entries) {
          ComposeDependency dep{dk->text, "service_started", true, dk->range};
          if (const Node* c = dv->get("condition"); c && c->is_scalar()) dep.condition = c->text;
          if (const Node* r = dv->get("required")) dep.required = r->is_true();
          s.depends_on.push_back(dep);
        }
      }
    }
    if (const Node* env = svc->get("environment")) {
      if (env->is_map()) {
        for (const auto& [ek, ev] : env->entries) {
          Located l = located(ev);
          l.range = ek->range;
          l.present = true;
          if (ev->is_null()) s.environment_from_shell.insert(ek->text);
          s.environment[ek->text] = l;
        }
      } else if (env->is_seq()) {
        for (const Node* i : env->items) {
          if (!i->is_scalar()) continue;
          size_t eq = i->text.find('=');
          Located l{eq == std::string::npos ? "" : i->text.substr(eq + 1), i->range, true};
          if (eq == std::string::npos) s.environment_from_shell.insert(i->text);
          s.environment[i->text.substr(0, eq)] = l;
        }
      }
    }
    if (const Node* ef = svc->get("env_file")) {
      auto add = [&](const Node* n) {
        if (n->is_scalar()) {
          s.env_files.push_back(located(n));
        } else if (const Node* p = n->get("path")) {
          const Node* req = n->get("required");
          bool optional = req && req->is_scalar() && (req->text == "false" || req->text == "False");
          (optional ? s.optional_env_files : s.env_files).push_back(located(p));
        }
      };
      if (ef->is_seq()) for (const Node* i : ef->items) add(i);
      else add(ef);
    }
    if (const Node* p = svc->get("profiles"); p && p->is_seq())
      for (const Node* i : p->items) s.profiles.push_back(i->text);
    if (const Node* v = svc->get("volumes"); v && v->is_seq()) {
      for (const Node* i : v->items) {
        ComposeVolume vol;
        vol.range = i->range;
        if (i->is_scalar()) {
          // SOURCE:TARGET[:MODE] or TARGET
          auto parts = split(i->text, ':');
          if (parts.size() == 1) vol.target = std::string(parts[0]);
          else {
            vol.source = std::string(parts[0]);
            vol.target = std::string(parts[1]);
          }
          if (parts.size() >= 3)
            for (auto mode : split(parts[2], ','))
              vol.read_only |= mode == "ro";
        } else if (i->is_map()) {
          if (const Node* src = i->get("source")) vol.source = src->text;
          if (const Node* tgt = i->get("target")) vol.target = tgt->text;
          if (const Node* ro = i->get("read_only")) vol.read_only = ro->is_true();
          const Node* type = i->get("type");
          if (type && type->text != "volume") vol.source = vol.source.empty() ? "" : "./" + vol.source;
        }
        vol.named = !vol.source.empty() && vol.source[0] != '.' && vol.source[0] != '/' && vol.source[0] != '~' && vol.source[0] != '$';
        s.volumes.push_back(std::move(vol));
      }
    }
    s.read_only = located(svc->get("read_only"));
    s.working_dir = located(svc->get("working_dir"));
    if (const Node* t = svc->get("tmpfs")) {
      if (t->is_scalar()) s.tmpfs.push_back(t->text.substr(0, t->text.find(':')));
      else if (t->is_seq())
        for (const Node* i : t->items)
          if (i->is_scalar()) s.tmpfs.push_back(i->text.substr(0, i->text.find(':')));
    }
    read_ports(svc, s);
    read_network_names(svc, s);
    if (const Node* d = svc->get("deploy"))
      if (const Node* rp = d->get("restart_policy")) s.deploy_restart_condition = located(rp->get("condition"));
    if (const Node* d = svc->get("deploy")) s.replicas = located(d->get("replicas"));
    if (!s.replicas.present) s.replicas = located(svc->get("scale"));
    if (const Node* e = svc->get("extends"); e && e->is_map()) {
      s.extends_service = located(e->get("service"));
      s.extends_file = located(e->get("file"));
    } else if (e && e->is_scalar()) {
      s.extends_service = located(e);
    }
    cf.services.push_back(std::move(s));
  }
  cf.services.shrink_to_fit();  // kept for the whole run: no growth slack (a ComposeService is large)
  return cf;
}

}  // namespace cfglint
