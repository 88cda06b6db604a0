#include "model/command_model.h"

#include <cstdlib>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"

namespace cfglint {
namespace {

std::string base(const std::string& w) {
  size_t s = w.rfind('/');
  return s == std::string::npos ? w : w.substr(s + 1);
}

int to_port(std::string_view s) {
  if (s.empty() || s.size() > 5) return 0;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v > 0 && v < 65536 ? v : 0;
}

// "HOST:PORT", ":PORT", "PORT", "[::]:PORT", "unix:/path"
std::optional<ListenAddress> parse_bind(std::string_view b) {
  if (b.substr(0, 5) == "unix:" || b.substr(0, 3) == "fd:") return std::nullopt;
  ListenAddress a;
  if (!b.empty() && b[0] == '[') {
    size_t close = b.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    a.host = std::string(b.substr(1, close - 1));
    if (close + 1 < b.size() && b[close + 1] == ':') a.port = to_port(b.substr(close + 2));
    return a.port ? std::optional(a) : std::nullopt;
  }
  size_t colon = b.rfind(':');
  if (colon == std::string_view::npos) {
    if ((a.port = to_port(b))) return a;
    a.host = std::string(b);
    a.port = 8000;
    a.defaulted = true;
    return a;
  }
  a.host = std::string(b.substr(0, colon));
  a.port = to_port(b.substr(colon + 1));
  if (!a.port) return std::nullopt;
  return a;
}

bool has_var(std::string_view s) { return s.find('$') != std::string_view::npos; }

std::string env_value(const std::vector<std::pair<std::string, std::string>>& env, std::string_view key) {
  for (auto it = env.rbegin(); it != env.rend(); ++it)
    if (it->first == key) return it->second;
  return {};
}

// Value of --opt VALUE / --opt=VALUE / -o VALUE / -oVALUE. Returns all occurrences.
std::vector<std::string> option_values(const std::vector<std::string>& argv, size_t from,
                                       std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  for (size_t i = from; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    for (std::string_view n : names) {
      if (w == n && i + 1 < argv.size()) {
        out.push_back(argv[i + 1]);
      } else if (n.size() > 2 && w.size() > n.size() && w.compare(0, n.size(), n) == 0 && w[n.size()] == '=') {
        out.push_back(w.substr(n.size() + 1));
      } else if (n.size() == 2 && w.size() > 2 && w.compare(0, 2, n) == 0 && w[1] != '-') {
        out.push_back(w.substr(2));
      }
    }
  }
  return out;
}

bool has_flag(const std::vector<std::string>& argv, size_t from, std::initializer_list<std::string_view> names) {
  for (size_t i = from; i < argv.size(); ++i)
    for (std::string_view n : names)
      if (argv[i] == n || (argv[i].size() > n.size() && argv[i].compare(0, n.size(), n) == 0 && argv[i][n.size()] == '='))
        return true;
  return false;
}

const char* kOneShotManage[] = {"migrate", "collectstatic", "createsuperuser", "loaddata", "flush", "compilemessages",
                                "makemigrations", "check", "createcachetable", "dumpdata", "test"};

// `manage.py SUB ...` or `django-admin SUB ...`, with argv[j] the manage.py/django-admin word.
CommandModel analyze_management(const std::vector<std::string>& argv, size_t j, CommandModel m) {
  const std::string& sub = argv[j + 1];
  const std::string tool = base(argv[j]) == "manage.py" ? "manage.py" : "django-admin";
  m.known = true;
  if (sub == "runserver" || sub == "runserver_plus") {
    m.program = "runserver";
    m.serves_http = true;
    std::string addr;
    for (size_t k = j + 2; k < argv.size(); ++k)
      if (argv[k][0] != '-') { addr = argv[k]; break; }
    if (addr.empty()) m.listens.push_back({"127.0.0.1", 8000, true});
    else if (has_var(addr)) m.listen_unknown = true;
    else if (auto a = parse_bind(addr)) {
      if (a->defaulted) a->host = addr;  // "0.0.0.0" alone is not valid, but keep what was written
      if (a->host.empty()) a->host = "127.0.0.1";
      m.listens.push_back(*a);
    }
    return m;
  }
  for (const char* one : kOneShotManage)
    if (sub == one) {
      m.program = tool + " " + sub;
      m.one_shot = true;
      m.one_shot_what = tool + " " + sub;
      return m;
    }
  m.program = tool + " " + sub;  // custom management command: unknown behaviour
  m.known = false;
  return m;
}

// Analyses one simple command (no shell operators).
CommandModel analyze_simple(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& env) {
  CommandModel m;
  if (argv.empty()) return m;
  m.display = join(argv, " ");
  // unwrap exec, env, tini, gosu, python -m
  size_t i = 0;
  while (i < argv.size()) {
    std::string w = base(argv[i]);
    if (w == "exec" || w == "nohup" || w == "tini" || w == "dumb-init" || w == "--") { ++i; continue; }
    if (w == "gosu" || w == "su-exec") { i += 2; continue; }
    if (w == "env") {
      ++i;
      while (i < argv.size() && (argv[i].find('=') != std::string::npos || argv[i][0] == '-')) ++i;
      continue;
    }
    if (w == "poetry" || w == "pipenv" || w == "uv") {  // poetry run X, pipenv run X, uv run X
      if (i + 1 < argv.size() && argv[i + 1] == "run") { i += 2; continue; }
    }
    if ((w == "python" || w.rfind("python3", 0) == 0) && i + 1 < argv.size()) {
      size_t j = i + 1;
      while (j < argv.size() && argv[j][0] == '-' && argv[j] != "-m" && argv[j] != "-c") ++j;
      if (j < argv.size() && argv[j] == "-m" && j + 1 < argv.size()) {
        std::vector<std::string> rest(argv.begin() + static_cast<long>(j + 1), argv.end());
        if (rest[0] == "http.server") {
          m.known = m.serves_http = true;
          m.program = "http.server";
          int port = rest.size() > 1 ? to_port(rest[1]) : 0;
          m.listens.push_back({"", port ? port : 8000, port == 0});
          return m;
        }
        CommandModel inner = analyze_simple(rest, env);
        inner.display = m.display;
        return inner;
      }
      if (j < argv.size() && base(argv[j]) == "manage.py" && j + 1 < argv.size()) return analyze_management(argv, j, m);
      return m;
    }
    break;
  }
  if (i >= argv.size()) return m;
  std::vector<std::string> a(argv.begin() + static_cast<long>(i), argv.end());
  std::string prog = base(a[0]);
  m.program = prog;
  if ((prog == "django-admin" || prog == "django-admin.py") && a.size() > 1) return analyze_management(a, 0, m);
  if (prog == "gunicorn") {
    m.known = m.serves_http = true;
    auto binds = option_values(a, 1, {"-b", "--bind"});
    if (has_flag(a, 1, {"-c", "--config"}) && binds.empty()) m.listen_unknown = true;
    for (const auto& b : binds) {
      if (has_var(b)) { m.listen_unknown = true; continue; }
      if (auto l = parse_bind(b)) {
        if (l->defaulted) { l->host = b; l->port = 8000; }
        m.listens.push_back(*l);
      }
    }
    m.listen_overridden_by = {"PORT", "GUNICORN_CMD_ARGS", "gunicorn.conf.py"};
    if (binds.empty() && !m.listen_unknown) {
      std::string port = env_value(env, "PORT");
      std::string args = env_value(env, "GUNICORN_CMD_ARGS");
      if (!args.empty()) m.listen_unknown = true;
      else if (!port.empty() && to_port(port)) m.listens.push_back({"0.0.0.0", to_port(port), true});
      else m.listens.push_back({"127.0.0.1", 8000, true});
    }
  } else if (prog == "daphne") {
    m.known = m.serves_http = true;
    auto hosts = option_values(a, 1, {"-b", "--bind"});
    auto ports = option_values(a, 1, {"-p", "--port"});
    if (has_flag(a, 1, {"-u", "--unix-socket", "--fd", "-e", "--endpoint"})) m.listen_unknown = true;
    std::string host = hosts.empty() ? "127.0.0.1" : hosts.back();
    std::string port = ports.empty() ? "8000" : ports.back();
    if (has_var(host) || has_var(port)) m.listen_unknown = true;
    else if (!m.listen_unknown) m.listens.push_back({host, to_port(port) ? to_port(port) : 8000, hosts.empty() || ports.empty()});
  } else if (prog == "uvicorn") {
    m.known = m.serves_http = true;
    auto hosts = option_values(a, 1, {"--host"});
    auto ports = option_values(a, 1, {"--port"});
    // uvicorn's options also come from UVICORN_<OPTION> variables (click's auto_envvar_prefix).
    m.listen_overridden_by = {"UVICORN_HOST", "UVICORN_PORT"};
    if (hosts.empty() && !env_value(env, "UVICORN_HOST").empty()) hosts.push_back(env_value(env, "UVICORN_HOST"));
    if (ports.empty() && !env_value(env, "UVICORN_PORT").empty()) ports.push_back(env_value(env, "UVICORN_PORT"));
    if (has_flag(a, 1, {"--uds", "--fd"})) m.listen_unknown = true;
    std::string host = hosts.empty() ? "127.0.0.1" : hosts.back();
    std::string port = ports.empty() ? "8000" : ports.back();
    if (has_var(host) || has_var(port)) m.listen_unknown = true;
    else if (!m.listen_unknown) m.listens.push_back({host, to_port(port) ? to_port(port) : 8000, hosts.empty() || ports.empty()});
  } else if (prog == "hypercorn") {
    m.known = m.serves_http = true;
    auto binds = option_values(a, 1, {"-b", "--bind"});
    if (has_flag(a, 1, {"-c", "--config"}) && binds.empty()) m.listen_unknown = true;
    for (const auto& b : binds) {
      if (has_var(b)) m.listen_unknown = true;
      else if (auto l = parse_bind(b)) m.listens.push_back(*l);
    }
    if (binds.empty() && !m.listen_unknown) m.listens.push_back({"127.0.0.1", 8000, true});
  } else if (prog == "flask") {
    if (a.size() > 1 && a[1] == "run") {
      m.known = m.serves_http = true;
      auto hosts = option_values(a, 2, {"-h", "--host"});
      auto ports = option_values(a, 2, {"-p", "--port"});
      m.listen_overridden_by = {"FLASK_RUN_HOST", "FLASK_RUN_PORT"};
      if (hosts.empty() && !env_value(env, "FLASK_RUN_HOST").empty()) hosts.push_back(env_value(env, "FLASK_RUN_HOST"));
      if (ports.empty() && !env_value(env, "FLASK_RUN_PORT").empty()) ports.push_back(env_value(env, "FLASK_RUN_PORT"));
      std::string host = hosts.empty() ? "127.0.0.1" : hosts.back();
      std::string port = ports.empty() ? "5000" : ports.back();
      if (has_var(host) || has_var(port)) m.listen_unknown = true;
      else m.listens.push_back({host, to_port(port) ? to_port(port) : 5000, hosts.empty() || ports.empty()});
    }
  } else if (prog == "celery") {
    m.known = true;
    for (size_t k = 1; k < a.size(); ++k) {
      if (a[k] == "worker" || a[k] == "beat" || a[k] == "flower" || a[k] == "multi") {
        m.program = "celery " + a[k];
        if (a[k] == "flower") {
          m.serves_http = true;
          // Flower reads every option from FLOWER_<NAME> too (FLOWER_PORT=8888 in an env file).
          auto ports = option_values(a, k + 1, {"--port"});
          std::string env_port = env_value(env, "FLOWER_PORT");
          if (!ports.empty() && has_var(ports.back())) m.listen_unknown = true;
          else if (!ports.empty()) m.listens.push_back({"0.0.0.0", to_port(ports.back()), false});
          else if (!env_port.empty() && to_port(env_port)) m.listens.push_back({"0.0.0.0", to_port(env_port), false});
          else m.listens.push_back({"0.0.0.0", 5555, true});
          if (ports.empty()) m.listen_overridden_by = {"FLOWER_PORT"};
        }
        break;
      }
      if (celery_global_option_before_value(a[k])) ++k;
    }
  } else if (prog == "nginx") {
    m.known = m.serves_http = true;
    m.listen_unknown = true;  // from nginx.conf
  } else if (prog == "flask" && a.size() > 2 && a[1] == "db" && a[2] == "upgrade") {  // Flask-Migrate
    m.known = m.one_shot = true;
    m.one_shot_what = "flask db upgrade";
  } else if (prog == "alembic" && a.size() > 1 && a[1] == "upgrade") {
    m.known = m.one_shot = true;
    m.one_shot_what = "alembic upgrade";
  }
  return m;
}

bool is_wait_command(const std::vector<std::string>& argv) {
  if (argv.empty()) return false;
  std::string p = base(argv[0]);
  return p == "wait-for-it" || p == "wait-for-it.sh" || p == "wait-for" || p == "wait-for.sh" || p == "dockerize" ||
         p == "sleep" || p == "pg_isready" || (p == "until" );
}

}  // namespace

std::string management_command(const std::vector<std::string>& argv) {
  for (size_t i = 0; i + 1 < argv.size(); ++i) {
    std::string b = base(argv[i]);
    if (b == "manage.py" || b == "django-admin" || b == "django-admin.py") return argv[i + 1];
  }
  return "";
}

CommandModel analyze_command(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& env) {
  if (argv.empty()) return {};
  // sh -c "a && b": analyse the script; the last long-running command is the main process.
  std::string first = base(argv[0]);
  if ((first == "sh" || first == "bash" || first == "/bin/sh" || first == "ash") && argv.size() >= 3 && argv[1] == "-c") {
    auto cmds = shell_split(argv[2]);
    CommandModel main;
    std::vector<std::string> work;
    for (size_t i = 0; i < cmds.size(); ++i) {
      CommandModel m = analyze_simple(cmds[i].argv, env);
      if (is_wait_command(cmds[i].argv)) work.push_back(base(cmds[i].argv[0]));
      if (i + 1 < cmds.size()) {
        if (m.one_shot) work.push_back(m.one_shot_what);
        continue;
      }
      main = m;
    }
    main.startup_work = work;
    main.display = join(argv, " ");
    return main;
  }
  return analyze_simple(argv, env);
}

bool celery_global_option(const std::string& w) {
  for (std::string_view name : {"-A", "--app", "-b", "--broker", "--result-backend", "--loader", "--config", "--workdir"})
    if (w == name || (name.size() > 2 && w.size() > name.size() && w.compare(0, name.size(), name) == 0 && w[name.size()] == '='))
      return true;
  return false;
}

bool celery_global_option_before_value(const std::string& w) { return celery_global_option(w) && w.find('=') == std::string::npos; }

bool is_loopback_host(std::string_view host, bool unspecified) {
  std::string h = to_lower(host);
  return h == "localhost" || h.rfind("127.", 0) == 0 || h == "::1" || h == "[::1]" || (unspecified && h == "0.0.0.0");
}

bool listener_reachable(const ListenAddress& l, const std::string& probe_host) {
  std::string h = to_lower(probe_host);
  bool probe_loopback = is_loopback_host(h, true);
  if (l.host.empty() || l.host == "0.0.0.0" || l.host == "::" || l.host == "*") return true;
  if (l.host == "::1" || l.host == "[::1]") return h == "::1" || h == "[::1]" || h == "localhost";
  if (is_loopback_host(l.host)) return probe_loopback;
  return !probe_loopback;  // bound to one specific interface: loopback probes miss it
}

std::string listen_text(const ListenAddress& l) {
  std::string host = l.host.empty() ? "*" : l.host.find(':') != std::string::npos ? "[" + l.host + "]" : l.host;
  return host + ":" + std::to_string(l.port) + (l.defaulted ? " (its default)" : "");
}

std::string listens_text(const CommandModel& command) {
  std::vector<std::string> parts;
  for (const auto& l : command.listens) parts.push_back(listen_text(l));
  return join(parts, ", ");
}

}  // namespace cfglint
