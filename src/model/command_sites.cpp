#include "model/command_sites.h"

#include <algorithm>
#include <tuple>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

// -c, -ec, -xc, -euc: a flag cluster that ends in c takes the script as the next word.
bool is_command_flag(const std::string& w) { return w.size() >= 2 && w[0] == '-' && w[1] != '-' && w.back() == 'c'; }

void add(std::vector<CommandSite>& out, const std::vector<std::string>& argv, const Location& where, CommandSite::From from) {
  for (auto& cmd : simple_commands(argv)) out.push_back({std::move(cmd), where, from});
}

}  // namespace

std::vector<std::vector<std::string>> simple_commands(const std::vector<std::string>& argv) {
  size_t flag = 1;
  if (!argv.empty() && is_shell_program(argv[0]))
    while (flag < argv.size() && argv[flag].size() > 1 && argv[flag][0] == '-' && !is_command_flag(argv[flag])) ++flag;
  if (!argv.empty() && is_shell_program(argv[0]) && flag + 1 < argv.size() && is_command_flag(argv[flag])) {
    std::vector<std::vector<std::string>> out;
    for (auto& cmd : shell_split(argv[flag + 1])) out.push_back(std::move(cmd.argv));
    return out;
  }
  if (argv.empty()) return {};
  return {argv};
}

// Every reader of command sites looks for a Python process: a server (gunicorn, uvicorn, daphne, ...),
// celery, manage.py or django-admin, or python itself. Script lines that name none of them (apt-get,
// echo, cp: nine in ten of a real tree's 34,000) are not kept.
static bool may_start_python(std::string_view line, const std::vector<ServerOptionTable>& servers) {
  for (std::string_view word : {"python", "manage", "django", "celery"})
    if (line.find(word) != std::string_view::npos) return true;
  for (const auto& t : servers)
    if (line.find(t.program) != std::string_view::npos) return true;
  return false;
}

std::vector<CommandSite> collect_command_sites(const Project& project) {
  std::vector<CommandSite> out;
  for (const auto& v : project.services) add(out, v.argv, v.command_location, CommandSite::From::Compose);
  for (const auto& w : project.workloads)
    for (const auto& c : w.containers) {
      std::vector<std::string> argv = c.command;
      argv.insert(argv.end(), c.args.begin(), c.args.end());
      add(out, argv, {w.file, c.command_range, ""}, CommandSite::From::Kubernetes);
    }
  for (const auto& d : project.dockerfiles)
    for (const auto& ins : d.parsed.instructions)
      if (ins.keyword == "CMD" || ins.keyword == "ENTRYPOINT")
        add(out, ins.exec_form ? ins.exec_args : std::vector<std::string>{"/bin/sh", "-c", ins.command}, {d.path, ins.range, ""},
            CommandSite::From::Dockerfile);
  for (const auto& s : project.scripts)
    for (size_t i = 0; i < s.commands.size(); ++i) {
      if (!may_start_python(s.commands[i], project.server_options)) continue;
      uint32_t line = i < s.lines.size() ? static_cast<uint32_t>(s.lines[i]) : 1;
      add(out, {"/bin/sh", "-c", s.commands[i]}, {s.path, {{line, 1}, {line, 1}}, ""}, CommandSite::From::Script);
    }
  std::sort(out.begin(), out.end(), [](const CommandSite& a, const CommandSite& b) {
    return std::tie(a.where.file, a.where.range, a.argv) < std::tie(b.where.file, b.where.range, b.argv);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const CommandSite& a, const CommandSite& b) {
                          return a.where.file == b.where.file && a.where.range == b.where.range && a.argv == b.argv;
                        }),
            out.end());
  return out;
}

}  // namespace cfglint
