// Dockerfile front-end: our own parser, following BuildKit's rules for parser directives,
// line continuations (with the `escape` directive), comments inside continuations, heredocs,
// exec (JSON) vs shell form, flags, stages and ARG/ENV expansion.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "frontends/tree/tree.h"

namespace cfglint {

struct DockerInstruction {
  std::string keyword;  // upper case: FROM, RUN, CMD, ...
  std::string args;     // raw arguments, continuations joined
  Range range;          // the whole instruction, continuation lines included
  Range keyword_range;
  std::vector<std::pair<std::string, std::string>> flags;  // leading --name=value
  // The command part: for RUN/CMD/ENTRYPOINT/SHELL the arguments after flags, for HEALTHCHECK the part after CMD.
  std::string command;
  bool exec_form = false;        // command is a valid JSON array of strings
  bool looks_like_exec = false;  // command starts with '[' (exec_form false means it was not valid JSON)
  std::vector<std::string> exec_args;
  std::vector<std::string> heredocs;  // bodies of <<EOF documents
  size_t stage = 0;
};

struct DockerStage {
  std::string base_image;  // as written
  std::string base_resolved;  // with ARG defaults expanded
  std::string name;        // FROM ... AS name (lower case)
  static constexpr size_t kNoStage = static_cast<size_t>(-1);
  size_t base_stage = kNoStage;  // the earlier named stage this one is built FROM, if any
  Range from_range;
  size_t first_instruction = 0;
  size_t end_instruction = 0;  // one past the last
  std::map<std::string, std::string> env;  // ENV set in this stage; stage_env() adds what it inherits
  std::string workdir;
  std::string user;
};

struct Dockerfile {
  char escape = '\\';
  std::vector<DockerInstruction> instructions;
  std::vector<DockerStage> stages;
  std::map<std::string, std::string> global_args;  // ARG before the first FROM, with defaults
  std::vector<TreeDiagnostic> errors;

  const DockerStage* final_stage() const { return stages.empty() ? nullptr : &stages.back(); }
  // ENV as of the end of the stage, with what it inherits from the named stages it is built FROM.
  std::map<std::string, std::string> stage_env(size_t stage) const;
  // The last instruction with `keyword` in the stage (following named-stage inheritance), or nullptr.
  const DockerInstruction* last_in_stage(size_t stage, std::string_view keyword) const;
};

Dockerfile parse_dockerfile(std::string_view text, const LineIndex& lines);

// Expands $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt} with `vars`; unknown names expand to "".
std::string expand_docker_vars(std::string_view s, const std::map<std::string, std::string>& vars, char escape = '\\');

// Parses a JSON array of strings; false when `s` is not exactly that.
bool parse_json_string_array(std::string_view s, std::vector<std::string>& out);

}  // namespace cfglint
