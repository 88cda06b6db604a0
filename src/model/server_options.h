// The command lines of the Python application servers (gunicorn, uvicorn, daphne, hypercorn), read
// with each server's own option table (rules/knowledge/server_options.toml, generated from their
// sources): which words are options, which take a value, which is the application, and which options
// the server does not know. Used to find the application a command serves and the options it rejects.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfglint {

class RuleCatalog;

struct ServerOption {
  bool value = false;             // takes an argument: `--bind ADDR`
  std::vector<int> first, last;   // the first and last release read that have it; `last` empty = the newest has it
};

struct ServerOptionTable {
  std::string program;
  bool abbreviations = false;     // argparse takes an unambiguous prefix of a long option; click does not
  std::vector<int> oldest, newest;  // the releases the table was read from
  std::map<std::string, ServerOption, std::less<>> options;
  // The option a word names (`--bind`, `--bind=x`, `-b0.0.0.0`, an unambiguous prefix where the parser
  // allows it), or nullptr. `name` receives the option's full name. `ambiguous`: a prefix of several
  // options (argparse refuses it, but in one release it may be unique: cfglint cannot tell).
  const ServerOption* find(std::string_view word, std::string* name = nullptr, bool* ambiguous = nullptr) const;
};

// Every table of the knowledge base (the project model loads them once: Project::server_options).
std::vector<ServerOptionTable> load_server_options(const RuleCatalog& catalog);
// The table for `program`, or nullptr when the knowledge base has none.
const ServerOptionTable* find_server_options(const std::vector<ServerOptionTable>& tables, std::string_view program);

struct ServerArgs {
  std::vector<std::string> positionals;  // the application first
  struct Word {
    size_t index;      // into argv
    std::string name;  // the option's full name, or the word as written when unknown
    bool known;
    bool ambiguous = false;  // a prefix of several options
  };
  std::vector<Word> options;  // in order
  bool uncertain = false;     // a variable or an unknown option: what follows may be read wrongly
};

// Reads argv[start + 1 ...] (argv[start] is the program) the way the server's parser does.
ServerArgs parse_server_args(const ServerOptionTable& table, const std::vector<std::string>& argv, size_t start);

// The application server a simple command runs (through exec, tini, env, `python -m` ...), with its
// arguments read by that server's table; nullopt when it runs none the knowledge base describes.
struct ServerCommand {
  const ServerOptionTable* table = nullptr;
  ServerArgs args;
};
std::optional<ServerCommand> read_server_command(const std::vector<ServerOptionTable>& tables, const std::vector<std::string>& argv);

}  // namespace cfglint
