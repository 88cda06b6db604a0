#include "model/healthcheck_probe.h"

#include <re2/re2.h>

#include <algorithm>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"

namespace cfglint {
namespace {

void collect_targets(const std::string& text, const std::vector<std::vector<std::string>>& commands, HealthcheckInfo& info) {
  static const RE2 url(R"((https?)://(\[[^\]]+\]|[A-Za-z0-9_.\-]+)(?::(\d+))?([^\s'"\)]*))");
  re2::StringPiece in(text);
  std::string scheme, host, port, path;
  while (RE2::FindAndConsume(&in, url, &scheme, &host, &port, &path)) {
    auto number = port.empty() ? std::optional<uint64_t>(scheme == "https" ? 443 : 80) : parse_decimal(port, 65535);
    if (!number) continue;  // not a port curl would accept either
    ProbeTarget t;
    t.http = true;
    t.host = host;
    t.port = static_cast<int>(*number);
    t.path = path.empty() ? "/" : path;
    t.text = scheme + "://" + host + (port.empty() ? "" : ":" + port) + path;
    info.targets.push_back(t);
  }
  // nc -z host port
  for (const auto& argv : commands) {
    if (argv.empty() || (basename_of(argv[0]) != "nc" && basename_of(argv[0]) != "ncat")) continue;
    std::vector<std::string> pos;
    for (size_t i = 1; i < argv.size(); ++i)
      if (argv[i][0] != '-') pos.push_back(argv[i]);
    auto number = pos.size() >= 2 ? parse_decimal(pos[1], 65535) : std::nullopt;
    if (number) info.targets.push_back({pos[0], static_cast<int>(*number), "", false, join(argv, " ")});
  }
}

// curl -f, --fail, --fail-with-body, or -f among combined short flags (-fsS); wget and BusyBox wget fail
// on any 4xx/5xx answer.
void read_client_behaviour(const std::vector<std::vector<std::string>>& commands, HealthcheckInfo& info) {
  for (const auto& argv : commands) {
    if (argv.empty()) continue;
    std::string prog = basename_of(argv[0]);
    bool curl = prog == "curl", wget = prog == "wget" || (prog == "busybox" && argv.size() > 1 && argv[1] == "wget");
    if (!curl && !wget) continue;
    if (wget) info.fails_on_client_error = info.follows_redirects = true;
    for (size_t i = 1; i < argv.size(); ++i) {
      const std::string& a = argv[i];
      if (curl && (a == "--location" || (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('L') != std::string::npos)))
        info.follows_redirects = true;
      if (wget && (a == "--max-redirect=0" || (a == "--max-redirect" && i + 1 < argv.size() && argv[i + 1] == "0"))) info.follows_redirects = false;
      if (curl && (a == "--fail" || a == "--fail-with-body" || (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('f') != std::string::npos)))
        info.fails_on_client_error = true;
      if (a == "--resolve" || a == "--connect-to") info.sets_host = true;
      bool header = a == "-H" || a == "--header" || a.rfind("--header=", 0) == 0 || a.rfind("-H", 0) == 0;
      std::string value = (a == "-H" || a == "--header") && i + 1 < argv.size() ? argv[i + 1] : a;
      if (header && to_lower(value).find("host:") != std::string::npos) info.sets_host = true;
      if (header) {
        std::string h = value.rfind("--header=", 0) == 0 ? value.substr(9) : value.rfind("-H", 0) == 0 ? value.substr(2) : value;
        if (size_t colon = h.find(':'); colon != std::string::npos)
          info.headers.emplace_back(to_lower(std::string(trim(h.substr(0, colon)))), std::string(trim(h.substr(colon + 1))));
      }
    }
  }
}

}  // namespace

HealthcheckInfo analyze_exec_or_shell(const std::vector<std::string>& exec_args, bool exec_form, const std::string& shell) {
  HealthcheckInfo info;
  std::vector<std::vector<std::string>> commands;
  std::string text;
  if (exec_form) {
    if (exec_args.empty()) return info;
    commands.push_back(exec_args);
    text = join(exec_args, " ");
    // sh -c "..." inside exec form
    if ((basename_of(exec_args[0]) == "sh" || basename_of(exec_args[0]) == "bash") && exec_args.size() >= 3 && exec_args[1] == "-c")
      for (auto& c : shell_split(exec_args[2])) commands.push_back(c.argv);
  } else {
    if (trim(shell).empty()) return info;
    info.needs_shell = true;
    text = shell;
    for (auto& c : shell_split(shell)) commands.push_back(c.argv);
  }
  info.valid = true;
  info.display = text;
  for (const auto& c : commands)
    if (!c.empty()) info.programs.push_back(basename_of(c[0]));
  collect_targets(text, commands, info);
  read_client_behaviour(commands, info);
  return info;
}

HealthcheckInfo analyze_compose_healthcheck(const std::vector<std::string>& test, bool string_form) {
  if (test.empty()) return {};
  if (string_form) return analyze_exec_or_shell({}, false, test[0]);
  if (test[0] == "CMD") return analyze_exec_or_shell(std::vector<std::string>(test.begin() + 1, test.end()), true, "");
  if (test[0] == "CMD-SHELL" && test.size() >= 2) return analyze_exec_or_shell({}, false, test[1]);
  return {};
}

}  // namespace cfglint
