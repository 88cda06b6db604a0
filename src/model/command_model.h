// What a container's command will do: which program runs, whether it serves HTTP, where it listens,
// and whether it is a one-shot job. Derived from argv only; nothing is executed.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfglint {

struct ListenAddress {
  std::string host;  // "0.0.0.0", "127.0.0.1", "::", a name, or "" for all interfaces
  int port = 0;
  bool defaulted = false;  // from the program's default, not written on the command line
};

struct CommandModel {
  bool known = false;          // the main program was recognised
  std::string program;         // gunicorn, daphne, uvicorn, hypercorn, runserver, celery-worker, celery-beat, nginx, ...
  std::string display;         // the command as a person would write it
  bool serves_http = false;
  bool one_shot = false;       // finishes and exits: migrate, collectstatic, ...
  std::string one_shot_what;   // "manage.py migrate"
  bool listen_unknown = false; // serves HTTP but the address comes from a config file or variable
  std::vector<ListenAddress> listens;
  // Where a defaulted listener could be changed without touching the command line: environment
  // variables the server reads (PORT, GUNICORN_CMD_ARGS, UVICORN_HOST, FLASK_RUN_HOST) and config files it
  // loads from its working directory (gunicorn.conf.py). Empty when only the command line decides.
  std::vector<std::string> listen_overridden_by;
  std::vector<std::string> startup_work;  // slow work before the server starts: "migrate", "collectstatic", "wait-for"

  // Some listener the model knows is on `port`.
  bool listens_on(int port) const {
    for (const auto& l : listens)
      if (l.port == port) return true;
    return false;
  }
};

// `argv` is the full command (ENTRYPOINT + CMD as they combine). `env` gives values such as PORT.
CommandModel analyze_command(const std::vector<std::string>& argv,
                             const std::vector<std::pair<std::string, std::string>>& env = {});

// The Django management command a simple command runs (`python manage.py wait_for_db`, `django-admin
// migrate`: "wait_for_db", "migrate"), or "".
std::string management_command(const std::vector<std::string>& argv);

// Options of the `celery` command itself (Celery 5 takes them only before the subcommand) that take a
// value: -A/--app, -b/--broker, --result-backend, --loader, --config, --workdir; `--app=x` form included.
bool celery_global_option(const std::string& word);
// One of them written without `=`: its value is the next word.
bool celery_global_option_before_value(const std::string& word);

// Loopback as a host names it: localhost, 127.0.0.0/8, ::1 (bracketed or not). With `unspecified`, also
// 0.0.0.0: a client that connects to it reaches its own host.
bool is_loopback_host(std::string_view host, bool unspecified = false);

// True when the host would be reached by a probe to `probe_host` from inside the same container.
bool listener_reachable(const ListenAddress& listener, const std::string& probe_host);
// "0.0.0.0:8000", "[::1]:8000", "*:80", with " (its default)" when the program's default.
std::string listen_text(const ListenAddress& listener);
// Every address the server listens on, comma-separated.
std::string listens_text(const CommandModel& command);

}  // namespace cfglint
