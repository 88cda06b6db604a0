// How the application servers read their command lines: the option tables from the knowledge base,
// argparse's prefixes, glued values, and where the application is.
#include "core/strings.h"
#include "model/server_options.h"
#include "rules/rule_catalog.h"
#include "test_support.h"

using namespace cfglint;

namespace {

const ServerOptionTable& table(const std::string& program) {
  static const std::vector<ServerOptionTable> tables = load_server_options(RuleCatalog::builtin());
  const ServerOptionTable* t = find_server_options(tables, program);
  REQUIRE(t != nullptr);
  return *t;
}

}  // namespace

TEST_CASE("server options: the knowledge base has a table per server, with releases") {
  for (const char* program : {"gunicorn", "uvicorn", "daphne", "hypercorn"}) {
    const ServerOptionTable& t = table(program);
    CHECK(t.options.size() > 10);
    CHECK(t.oldest < t.newest);
  }
  CHECK(table("gunicorn").abbreviations);
  CHECK_FALSE(table("uvicorn").abbreviations);  // click wants the whole name
}

TEST_CASE("server options: argparse prefixes are found when unique, never when ambiguous") {
  const ServerOptionTable& g = table("gunicorn");
  std::string name;
  bool ambiguous = false;
  REQUIRE(g.find("--graceful", &name) != nullptr);
  CHECK(name == "--graceful-timeout");
  CHECK(g.find("--work", &name, &ambiguous) == nullptr);
  CHECK(ambiguous);
  CHECK(g.find("--bind=0.0.0.0:80", &name) != nullptr);
  CHECK(name == "--bind");
  CHECK(g.find("-b0.0.0.0:80", &name) != nullptr);
  CHECK(name == "-b");
  CHECK(g.find("--workers-class") == nullptr);
  CHECK(table("uvicorn").find("--ho") == nullptr);  // click: no prefixes
}

TEST_CASE("server options: the application is the first positional word") {
  std::vector<std::string> argv = {"gunicorn", "--logger-class", "app.logging.Logger", "-w", "4", "--reload", "app.wsgi:application"};
  ServerArgs a = parse_server_args(table("gunicorn"), argv, 0);
  REQUIRE(a.positionals.size() == 1);
  CHECK(a.positionals[0] == "app.wsgi:application");
  CHECK_FALSE(a.uncertain);
  CHECK(a.options.size() == 3);

  std::vector<std::string> unknown = {"gunicorn", "--no-such-thing", "value", "app.wsgi"};
  ServerArgs b = parse_server_args(table("gunicorn"), unknown, 0);
  CHECK(b.uncertain);  // does --no-such-thing take `value`? cannot tell
  REQUIRE(b.options.size() == 1);
  CHECK_FALSE(b.options[0].known);

  std::vector<std::string> variable = {"python", "-m", "uvicorn", "$APP", "--port", "80"};
  ServerArgs c = parse_server_args(table("uvicorn"), variable, 2);
  CHECK(c.uncertain);
  CHECK(c.positionals.empty());
}

TEST_CASE("server options: the server is found through wrappers and python -m") {
  static const std::vector<ServerOptionTable> tables = load_server_options(RuleCatalog::builtin());
  auto a = read_server_command(tables, {"exec", "/venv/bin/gunicorn", "-w", "2", "app.wsgi"});
  REQUIRE(a);
  CHECK(a->table->program == "gunicorn");
  REQUIRE(a->args.positionals.size() == 1);
  CHECK(a->args.positionals[0] == "app.wsgi");
  auto b = read_server_command(tables, {"python", "-m", "uvicorn", "app.asgi:application", "--port", "80"});
  REQUIRE(b);
  CHECK(b->table->program == "uvicorn");
  CHECK(b->args.positionals == std::vector<std::string>{"app.asgi:application"});
  CHECK_FALSE(read_server_command(tables, {"celery", "-A", "proj", "worker"}));
}

TEST_CASE("edit distance") {
  CHECK(edit_distance("--workers-class", "--worker-class") == 1);
  CHECK(edit_distance("--worker_class", "--worker-class") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("same", "same") == 0);
}
