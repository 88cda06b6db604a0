// Abstract evaluation of Django settings modules, statement by statement as Python runs them at import:
// literals, names, star imports from other project modules, assignment, augmented assignment, mutating
// method calls, if/try/with blocks as "may" paths, class bodies run, function bodies only when called at
// module level. Environment reads become values that remember the variable, its default and cast.
// Every value keeps where it was made. Nothing is executed.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/finding.h"
#include "model/python_model.h"

namespace cfglint {

struct PyValue;
using ValueP = std::shared_ptr<const PyValue>;

// Where an environment value comes from. Kept beside the value, not in it: most values are literals.
struct EnvSource {
  std::string var, cast, reader;  // an environment read: os.environ[...] / os.getenv / env.bool / config
  ValueP fallback;                // its default as written
  std::string default_of;         // a value taken as that variable's default (apply_environment_defaults)
};

// Where a value was made. One evaluation's values share their module's path instead of each copying it:
// a monorepo's settings hold tens of thousands of values.
struct ValueOrigin {
  std::shared_ptr<const std::string> file;
  Range range;
  bool known() const { return file != nullptr; }
  Location location(std::string message = {}) const { return {file ? *file : std::string(), range, std::move(message)}; }
};

struct PyValue {
  enum class K : uint8_t { Unknown, None, Bool, Num, Str, Tuple, List, Set, Dict, Env, Function };
  K kind = K::Unknown;
  bool partial = false;  // a sequence with more items than `items` (`A + unknown`)
  std::string text;      // Str value, Num spelling, "True"/"False"
  std::vector<ValueP> items;                       // Tuple, List, Set
  std::vector<std::pair<ValueP, ValueP>> entries;  // Dict
  std::shared_ptr<const EnvSource> env;            // Env values and environment defaults; else null
  const py::Stmt* function = nullptr;              // Function
  ValueOrigin origin;

  bool is_sequence() const { return kind == K::Tuple || kind == K::List || kind == K::Set; }
  ValueP get(std::string_view key) const;  // Dict lookup by string key
  std::string describe() const;           // "a tuple", "a list", ...
  const std::string& env_var() const;
  const std::string& env_cast() const;
  const std::string& env_reader() const;
  ValueP env_default() const;
  const std::string& from_env_default() const;  // the variable whose default this is, or ""
};

struct SettingValue {
  ValueP value;
  Location where;       // the assignment
  bool maybe = false;   // assigned on a conditional path
};

struct Mutation {
  std::string setting;  // top-level name the mutated value lives under
  std::string target;   // as written: CSP_SCRIPT_SRC, CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
  std::string how;      // "append", "extend", "+=", "item assignment"
  ValueP before;        // the value that was mutated
  Location where;       // the mutating statement
  bool maybe = false;
  bool fails = false;   // raises at import
  std::string error;    // the exception Python raises
};

struct Reassignment {
  std::string name;
  Location first, second;
};

// A read of an environment variable while the settings import, with what happens when it is unset.
struct EnvRead {
  std::string var;
  std::string reader;    // os.environ[...], env.str, config, ...
  bool raises = false;   // no default: KeyError, ImproperlyConfigured or UndefinedValueError when unset
  bool maybe = false;    // on a conditional path (if, try, loop): it may not run
  Location where;
};

struct SettingsResult {
  std::string path;
  std::vector<EnvRead> env_reads;  // in the order they run, the imported modules' included
  // The settings load variables from a file (load_dotenv, Env.read_env, python-decouple's .env and
  // settings.ini): a variable the process environment lacks may still come from there.
  bool reads_env_file = false;
  std::map<std::string, SettingValue> names;
  std::vector<Mutation> mutations;
  std::vector<Reassignment> reassignments;
  // False when names may exist that the evaluation did not see (a star import from outside the project,
  // the work budget spent): an absent name is then unknown, not Django's default.
  bool complete = true;
};

// The module's text names a dotenv loader (python-dotenv, django-environ's read_env): run anywhere, in a
// function or behind a condition, it may fill the environment from a file cfglint cannot see.
bool mentions_dotenv_loader(std::string_view text);

// Results of modules evaluated on their own (no import cycle cut them, the budget was not spent), by path:
// a module that several settings modules star-import is evaluated once and its values are shared.
using SettingsCache = std::map<std::string, std::shared_ptr<const SettingsResult>>;
SettingsResult evaluate_settings(const PythonModule& module, const ModuleIndex& index, SettingsCache* cache = nullptr);

// Settings read from a variable that nothing in the repository names (`provided`: the names the
// repository's env files, manifests, Dockerfiles, specs and scripts mention) take the default they are
// read with, as Python does when the variable is unset. Values that cannot be derived stay as they are.
void apply_environment_defaults(SettingsResult& settings, const std::unordered_set<std::string>& provided);

}  // namespace cfglint
