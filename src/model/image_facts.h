// What an image offers at run time: its HTTP client tools and shell (from the base image knowledge in
// rules/knowledge/images.toml plus the packages the Dockerfile installs), and its Dockerfile defaults.
#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/finding.h"
#include "frontends/dockerfile/dockerfile_parser.h"
#include "rules/rule_catalog.h"

namespace cfglint {

struct DockerfileUnit;  // model/project.h

struct ImageFacts {
  bool base_known = false;   // the external base image is in the knowledge base (so is its HEALTHCHECK: none)
  bool tools_known = false;  // base known and no RUN that may install anything (an installer script, ansible)
  std::set<std::string> tools;  // curl, wget
  bool shell = true;
  std::optional<bool> bash;     // /bin/bash: from the base image's knowledge and the packages installed; nullopt unknown
  std::string base_image;       // the external image at the bottom of the stage chain
  std::string base_note;        // why: the knowledge entry's note
  std::string installed_by;     // the RUN that installs curl/wget, when one does
  std::string workdir;
  // The user the image runs as: the last USER of the stage chain, else the base image's (knowledge);
  // "root" when the base runs as root. nullopt when unknown (an unknown base, a USER from a variable).
  std::optional<std::string> user;
  Location user_from;  // the USER instruction, or the FROM whose image decides it
  // What pip source builds need that the external base has (compiler, pg_config, ...; knowledge);
  // nullopt when unknown. Packages the Dockerfile installs are not included (packages_installed_before).
  std::optional<std::set<std::string>> build_tools;
  std::vector<std::pair<std::string, std::string>> env;
  const DockerInstruction* healthcheck = nullptr;
  const DockerInstruction* cmd = nullptr;
  const DockerInstruction* entrypoint = nullptr;
  Location from;  // FROM of the final stage, or the compose `image:` line
};

class ImageKnowledge {
 public:
  explicit ImageKnowledge(const RuleCatalog& catalog);
  // Fills tools_known/tools/shell/base_note for an external image reference.
  void describe(const std::string& image, ImageFacts& facts) const;
  static std::string normalize(std::string_view image);
  // Whether an image reference matches one of the knowledge globs ("postgres:*"), normalised as above.
  static bool matches(std::string_view image, const std::vector<std::string>& patterns);

 private:
  struct Entry {
    std::vector<std::string> patterns;
    std::set<std::string> tools;
    bool shell = true;
    std::optional<bool> bash;
    std::optional<std::string> user;
    std::optional<std::set<std::string>> build_tools;
    std::string note;
  };
  const Entry* best_entry(const std::string& image) const;
  std::vector<Entry> entries_;
  // best_entry's answers by image reference: a monorepo's thousands of Dockerfiles name a few dozen
  // base images, and every answer tries each of the knowledge's patterns. Guarded: checks may share one.
  mutable std::mutex memo_mutex_;
  mutable std::unordered_map<std::string, const Entry*> memo_;
};

// System packages (apt-get, apk, yum, dnf) the RUN instructions of `stage`'s chain install before
// instruction `before` (an index into df.instructions). `anything`: a RUN there may install anything
// (an installer script, a configuration tool), so absence is unknown.
struct InstalledPackages {
  std::set<std::string> names;
  bool anything = false;
};
InstalledPackages packages_installed_before(const Dockerfile& df, size_t stage, size_t before);

// The words a CMD or ENTRYPOINT runs: the exec form as written, the shell form under /bin/sh -c.
std::vector<std::string> instruction_argv(const DockerInstruction* ins);

// The stage a build with `--target target` produces: the stage of that name, else (no target, or a
// name the file does not have) the last. `df` has at least one stage.
size_t target_stage(const Dockerfile& df, std::string_view target);

// Facts for `stage` of a Dockerfile (following FROM <earlier stage> chains).
ImageFacts dockerfile_image_facts(const DockerfileUnit& d, size_t stage, const ImageKnowledge& knowledge);

// What a RUN installs that the image facts need, as bits: the client tools and bash by package name
// (apt-get, apk, yum, dnf, microdnf), and kRunAnything for a RUN that runs a script, a configuration tool
// or a piped installer (what it installs is unknown).
enum RunInstallBits : uint8_t { kRunAnything = 1, kRunBash = 2, kRunCurl = 4, kRunWget = 8, kRunBusybox = 16 };
// Those bits for every instruction of `df` (0 for all but RUN): DockerfileUnit::run_installs.
std::vector<uint8_t> run_install_bits(const Dockerfile& df);

}  // namespace cfglint
