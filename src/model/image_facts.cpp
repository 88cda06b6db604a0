#include "model/image_facts.h"

#include <algorithm>

#include "core/strings.h"
#include "model/project.h"
#include "frontends/shell/shell_words.h"

namespace cfglint {

ImageKnowledge::ImageKnowledge(const RuleCatalog& catalog) {
  for (const toml::table* et : catalog.knowledge_entries("images", "image")) {
    Entry entry;
    entry.patterns = toml_string_list(*et, "match");
    for (auto& tool : toml_string_list(*et, "tools")) entry.tools.insert(std::move(tool));
    entry.shell = (*et)["shell"].value_or(true);
    if (auto bash = (*et)["bash"].value<bool>()) entry.bash = *bash;
    if (auto user = (*et)["user"].value<std::string>()) entry.user = *user;
    if ((*et)["build_tools"].as_array()) {
      auto tools = toml_string_list(*et, "build_tools");
      entry.build_tools = std::set<std::string>(tools.begin(), tools.end());
    }
    entry.note = (*et)["note"].value_or(std::string());
    entries_.push_back(std::move(entry));
  }
}

std::string ImageKnowledge::normalize(std::string_view image) {
  std::string s(image);
  size_t at = s.find('@');
  if (at != std::string::npos) s = s.substr(0, at);
  for (std::string_view prefix : {"docker.io/library/", "docker.io/", "index.docker.io/library/", "library/"})
    if (s.rfind(prefix, 0) == 0) {
      s = s.substr(prefix.size());
      break;
    }
  size_t slash = s.rfind('/');
  size_t colon = s.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) s += ":latest";
  return s;
}

bool ImageKnowledge::matches(std::string_view image, const std::vector<std::string>& patterns) {
  if (image.empty()) return false;
  std::string name = normalize(image);
  for (const auto& p : patterns)
    if (glob_match(p, name)) return true;
  return false;
}

// The most specific matching pattern wins (most literal characters): `postgres:*-alpine*` over
// `postgres:*`, whatever the order of the knowledge file.
const ImageKnowledge::Entry* ImageKnowledge::best_entry(const std::string& image) const {
  {
    std::lock_guard<std::mutex> lock(memo_mutex_);
    if (auto it = memo_.find(image); it != memo_.end()) return it->second;
  }
  std::string name = normalize(image);
  const Entry* best = nullptr;
  size_t best_literal = 0;
  for (const auto& e : entries_)
    for (const auto& p : e.patterns)
      if (glob_match(p, name) || glob_match(p, image)) {
        size_t literal = p.size() - static_cast<size_t>(std::count(p.begin(), p.end(), '*'));
        if (!best || literal > best_literal) best = &e, best_literal = literal;
      }
  std::lock_guard<std::mutex> lock(memo_mutex_);
  memo_.emplace(image, best);
  return best;
}

void ImageKnowledge::describe(const std::string& image, ImageFacts& facts) const {
  if (image.empty() || image.find('$') != std::string::npos) return;
  facts.base_image = image;
  const Entry* best = best_entry(image);
  if (!best) return;
  facts.base_known = facts.tools_known = true;
  facts.tools = best->tools;
  facts.shell = best->shell;
  facts.bash = best->bash;
  facts.user = best->user;
  facts.build_tools = best->build_tools;
  facts.base_note = best->note;
}

namespace {

// What one RUN installs, from one shell split of its script: the packages apt-get/apt/apk/yum/dnf/
// microdnf install, and whether it runs a script or a configuration tool that may install anything
// (tools then become unknown).
struct RunInstalls {
  std::vector<std::string> packages;
  bool anything = false;
};

std::vector<std::string> packages_of(const std::vector<std::string>& a) {
  std::string p = basename_of(a[0]);
  size_t from = 0;
  if ((p == "apt-get" || p == "apt" || p == "yum" || p == "dnf" || p == "microdnf")) {
    for (size_t i = 1; i < a.size(); ++i)
      if (a[i] == "install") { from = i + 1; break; }
  } else if (p == "apk") {
    for (size_t i = 1; i < a.size(); ++i)
      if (a[i] == "add") { from = i + 1; break; }
  }
  std::vector<std::string> out;
  if (!from) return out;
  for (size_t i = from; i < a.size(); ++i)
    if (!a[i].empty() && a[i][0] != '-') out.push_back(a[i].substr(0, a[i].find('=')));
  return out;
}

bool runs_installer(const std::vector<std::string>& argv) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    std::string p = basename_of(w);
    if (p == "ansible-playbook" || p == "ansible" || p == "salt-call" || p == "puppet" || p == "chef-solo" || p == "make") return true;
    if (i == 0 && p.size() > 3 && p.compare(p.size() - 3, 3, ".sh") == 0) return true;   // ./install.sh
    bool system_path = w.rfind("/bin/", 0) == 0 || w.rfind("/usr/", 0) == 0 || w.rfind("/sbin/", 0) == 0;
    if (i == 0 && w.find('/') != std::string::npos && !system_path) return true;           // /root/app/scripts/setup/install
    if (i == 1 && (argv[0] == "bash" || argv[0] == "sh" || argv[0] == "/bin/sh" || argv[0] == "/bin/bash") && w[0] != '-')
      return true;  // bash install.sh
  }
  return false;
}

RunInstalls run_installs(const DockerInstruction& ins) {
  RunInstalls out;
  std::string script = ins.exec_form ? join(ins.exec_args, " ") : ins.command;
  for (const auto& h : ins.heredocs) script += "\n" + h;
  for (const auto& cmd : shell_split(script)) {
    if (cmd.argv.empty()) continue;
    out.anything |= runs_installer(cmd.argv);
    for (auto& p : packages_of(cmd.argv)) out.packages.push_back(std::move(p));
  }
  out.anything |= script.find("| sh") != std::string::npos || script.find("| bash") != std::string::npos;
  return out;
}

uint8_t install_bits(const DockerInstruction& ins) {
  if (ins.keyword != "RUN") return 0;
  RunInstalls run = run_installs(ins);
  uint8_t bits = run.anything ? kRunAnything : 0;
  for (const auto& pkg : run.packages) {
    if (pkg == "bash") bits |= kRunBash;
    if (pkg == "curl") bits |= kRunCurl;
    if (pkg == "wget") bits |= kRunWget;
    if (pkg == "busybox") bits |= kRunBusybox;
  }
  return bits;
}

}  // namespace

std::vector<uint8_t> run_install_bits(const Dockerfile& df) {
  std::vector<uint8_t> out;
  out.reserve(df.instructions.size());
  for (const auto& ins : df.instructions) out.push_back(install_bits(ins));
  return out;
}

InstalledPackages packages_installed_before(const Dockerfile& df, size_t stage, size_t before) {
  std::vector<size_t> chain;
  for (int guard = 0; stage < df.stages.size() && guard < 64; ++guard) {
    chain.push_back(stage);
    stage = df.stages[stage].base_stage;
  }
  InstalledPackages out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const DockerStage& st = df.stages[*it];
    for (size_t i = st.first_instruction; i < st.end_instruction && i < before; ++i) {
      const DockerInstruction& ins = df.instructions[i];
      if (ins.keyword != "RUN") continue;
      RunInstalls run = run_installs(ins);
      out.anything |= run.anything;
      for (auto& p : run.packages) {
        out.anything |= p.find('$') != std::string::npos;  // apt-get install $(cat packages.txt)
        out.names.insert(std::move(p));
      }
    }
  }
  return out;
}

size_t target_stage(const Dockerfile& df, std::string_view target) {
  std::string name = to_lower(target);
  if (!name.empty())
    for (size_t i = 0; i < df.stages.size(); ++i)
      if (df.stages[i].name == name) return i;
  return df.stages.size() - 1;
}

std::vector<std::string> instruction_argv(const DockerInstruction* ins) {
  if (!ins) return {};
  if (ins->exec_form) return ins->exec_args;
  if (trim(ins->command).empty()) return {};
  return {"/bin/sh", "-c", ins->command};
}

ImageFacts dockerfile_image_facts(const DockerfileUnit& d, size_t stage, const ImageKnowledge& knowledge) {
  const std::string& path = d.path;
  const Dockerfile& df = d.parsed;
  ImageFacts f;
  if (stage >= df.stages.size()) return f;
  f.from = {path, df.stages[stage].from_range, "FROM " + df.stages[stage].base_image};
  f.workdir = df.stages[stage].workdir;
  for (const auto& [k, v] : df.stage_env(stage)) f.env.emplace_back(k, v);
  f.healthcheck = df.last_in_stage(stage, "HEALTHCHECK");
  f.cmd = df.last_in_stage(stage, "CMD");
  f.entrypoint = df.last_in_stage(stage, "ENTRYPOINT");
  // Walk down the chain of stages to the external base, collecting installed tools.
  std::set<std::string> installed;
  bool may_install_anything = false, installs_bash = false;
  size_t s = stage;
  std::optional<std::string> user;  // the most derived stage's USER
  for (int guard = 0; guard < 64; ++guard) {
    const DockerStage& st = df.stages[s];
    if (!user && !st.user.empty()) {
      user = st.user;
      if (const DockerInstruction* u = df.last_in_stage(s, "USER")) f.user_from = {path, u->range, "USER " + st.user};
    }
    for (size_t i = st.first_instruction; i < st.end_instruction; ++i) {
      uint8_t bits = i < d.run_installs.size() ? d.run_installs[i] : install_bits(df.instructions[i]);
      may_install_anything |= (bits & kRunAnything) != 0;
      installs_bash |= (bits & kRunBash) != 0;
      if (!(bits & (kRunCurl | kRunWget | kRunBusybox))) continue;
      if (bits & kRunCurl) installed.insert("curl");
      if (bits & (kRunWget | kRunBusybox)) installed.insert("wget");  // busybox has wget
      if (f.installed_by.empty()) f.installed_by = path + ":" + std::to_string(df.instructions[i].range.begin.line);
    }
    size_t next = st.base_stage;
    if (next >= df.stages.size()) {
      knowledge.describe(st.base_resolved, f);
      if (!user && f.user) f.user_from = {path, st.from_range, "FROM " + st.base_image};
      break;
    }
    s = next;
  }
  if (user) f.user = user->find('$') == std::string::npos ? user : std::nullopt;
  f.tools.insert(installed.begin(), installed.end());
  if (may_install_anything) f.tools_known = false;
  if (installs_bash) f.bash = true;
  else if (may_install_anything && f.bash == false) f.bash = std::nullopt;
  return f;
}

}  // namespace cfglint
