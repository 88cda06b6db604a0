// Shell word splitting good enough to see which programs a command line runs:
// quotes, backslashes, and the operators && || ; | & and newlines that separate commands.
// Substitutions ($(...), `...`) stay inside the word they appear in; nothing is executed or expanded.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace cfglint {

struct ShellCommand {
  std::vector<std::string> argv;
  std::string separator_before;  // "", "&&", "||", ";", "|", "&"
  size_t offset = 0;             // where the command's first word starts in the text split
  std::vector<std::string> redirected_to;  // targets of its output redirections (`> f`, `>>f`, `2> f`), not `>&2`
};

// Splits a command line into simple commands. Leading VAR=value assignments are dropped from argv
// (they are the command's environment), and so are redirections such as 2>&1 or >/dev/null.
std::vector<ShellCommand> shell_split(std::string_view line, bool drop_assignments = true);

// Splits one command line into words without looking at operators. With keep_assignments, leading
// NAME=value words stay (what Dockerfile ARG/ENV lines are made of).
std::vector<std::string> shell_words(std::string_view line, bool keep_assignments = false);

// The files a command writes: its output redirections, and the destination of tee, touch, cp, mv and
// install (`echo KEY=v >> .env`, `cp .env.example .env`, `envsubst < t > .env`). Paths as written.
std::vector<std::string> files_written(const ShellCommand& cmd);

// A shell by its file name: sh, bash, ash, dash, zsh (with or without a directory).
bool is_shell_program(std::string_view word);

// Where the real command starts after process wrappers that exec their argument: exec, nohup, tini,
// dumb-init, catatonit (with their flags and `--`), gosu/su-exec USER, env A=b.
size_t skip_process_wrappers(const std::vector<std::string>& argv);

// The program name of argv[0] without its directory ("/usr/local/bin/gunicorn" -> "gunicorn"),
// looking through wrappers such as `exec`, `env`, `sh -c`, `python -m`.
std::string program_name(const std::vector<std::string>& argv);

}  // namespace cfglint
