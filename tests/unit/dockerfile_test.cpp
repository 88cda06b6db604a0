#include "test_support.h"

#include "frontends/dockerfile/dockerfile_parser.h"
#include "frontends/shell/shell_words.h"

using namespace cfglint;

namespace {
Dockerfile parse(const std::string& text) {
  LineIndex lines(text);
  return parse_dockerfile(text, lines);
}
}  // namespace

TEST_CASE("dockerfile: stages, ARG expansion in FROM, ENV, WORKDIR, USER") {
  auto df = parse(
      "ARG PY=3.12\n"
      "FROM python:${PY}-slim AS base\n"
      "ENV APP_HOME=/app PORT=8000\n"
      "WORKDIR $APP_HOME\n"
      "FROM base AS final\n"
      "WORKDIR src\n"
      "USER app\n"
      "EXPOSE 8000\n"
      "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app.wsgi\"]\n");
  REQUIRE(df.errors.empty());
  REQUIRE(df.stages.size() == 2);
  CHECK(df.stages[0].base_resolved == "python:3.12-slim");
  CHECK(df.stages[0].name == "base");
  CHECK(df.stages[1].base_stage == 0);
  CHECK(df.stage_env(1).at("PORT") == "8000");  // inherited from the named base stage
  CHECK(df.stages[1].env.count("PORT") == 0);  // set in the base, not here
  CHECK(df.stages[1].workdir == "/app/src");
  CHECK(df.stages[1].user == "app");
  const DockerInstruction* cmd = df.last_in_stage(1, "CMD");
  REQUIRE(cmd);
  CHECK(cmd->exec_form);
  CHECK(cmd->exec_args.size() == 4);
  CHECK(cmd->range.begin.line == 9);
}

TEST_CASE("dockerfile: continuations, comments inside them, and the escape directive") {
  auto df = parse(
      "# escape=`\n"
      "FROM mcr.microsoft.com/windows\n"
      "RUN echo one `\n"
      "# a comment inside the continuation\n"
      "    two\n"
      "CMD [\"x\"]\n");
  REQUIRE(df.escape == '`');
  REQUIRE(df.instructions.size() == 3);
  CHECK(df.instructions[1].keyword == "RUN");
  CHECK(df.instructions[1].args == "echo one     two");
  CHECK(df.instructions[1].range.begin.line == 3);
  CHECK(df.instructions[1].range.end.line == 5);
  CHECK(df.instructions[2].range.begin.line == 6);
}

TEST_CASE("dockerfile: heredocs are bodies, not instructions") {
  auto df = parse(
      "FROM alpine\n"
      "RUN <<EOF\n"
      "apk add curl\n"
      "CMD not an instruction\n"
      "EOF\n"
      "CMD [\"sh\"]\n");
  REQUIRE(df.instructions.size() == 3);
  REQUIRE(df.instructions[1].heredocs.size() == 1);
  CHECK(df.instructions[1].heredocs[0] == "apk add curl\nCMD not an instruction\n");
  CHECK(df.instructions[2].keyword == "CMD");
  CHECK(df.instructions[2].range.begin.line == 6);
}

TEST_CASE("dockerfile: HEALTHCHECK options and forms") {
  auto df = parse(
      "FROM python:3.12-slim\n"
      "HEALTHCHECK --interval=30s --start-period=1m CMD [\"curl\", \"-f\", \"http://localhost/\"]\n"
      "HEALTHCHECK NONE\n"
      "HEALTHCHECK CMD curl -f http://localhost/ || exit 1\n");
  REQUIRE(df.instructions.size() == 4);
  const auto& h = df.instructions[1];
  REQUIRE(h.flags.size() == 2);
  CHECK(h.flags[0] == std::pair<std::string, std::string>{"interval", "30s"});
  CHECK(h.flags[1].second == "1m");
  CHECK(h.exec_form);
  CHECK(h.exec_args[0] == "curl");
  CHECK(df.instructions[2].command == "NONE");
  CHECK(!df.instructions[3].exec_form);
  CHECK(df.instructions[3].command == "curl -f http://localhost/ || exit 1");
}

TEST_CASE("dockerfile: exec form must be valid JSON") {
  auto df = parse("FROM x\nCMD ['a', 'b']\nENTRYPOINT [\"a\",]\nCMD [\"a\\u0041\"]\n");
  CHECK(df.instructions[1].looks_like_exec);
  CHECK(!df.instructions[1].exec_form);
  CHECK(!df.instructions[2].exec_form);
  REQUIRE(df.instructions[3].exec_form);
  CHECK(df.instructions[3].exec_args[0] == "aA");
}

TEST_CASE("dockerfile: bad input") {
  SECTION("instruction before FROM") { CHECK(!parse("RUN echo\nFROM x\n").errors.empty()); }
  SECTION("invalid UTF-8") { CHECK(!parse("FROM x\nRUN \xff\n").errors.empty()); }
  SECTION("unclosed heredoc") { CHECK(!parse("FROM x\nRUN <<EOF\necho\n").errors.empty()); }
  SECTION("100k continuation lines") {
    std::string s = "FROM x\nRUN a \\\n";
    for (int i = 0; i < 100000; ++i) s += "  b \\\n";
    s += "  c\n";
    auto df = parse(s);
    REQUIRE(df.instructions.size() == 2);
    CHECK(df.instructions[1].range.end.line == 100003);
  }
  SECTION("CRLF and BOM") {
    auto df = parse("\xEF\xBB\xBF" "FROM x\r\nCMD [\"a\"]\r\n");
    REQUIRE(df.instructions.size() == 2);
    CHECK(df.instructions[1].exec_form);
    CHECK(df.stages[0].base_image == "x");
  }
}

TEST_CASE("docker variable expansion") {
  std::map<std::string, std::string> v{{"A", "1"}, {"E", ""}};
  CHECK(expand_docker_vars("$A-${A}-${B:-d}-${E:-e}-${E-f}-${A:+x}-${B:+y}", v) == "1-1-d-e--x-");
  CHECK(expand_docker_vars("\\$A", v) == "$A");
}

TEST_CASE("shell: the files a command writes") {
  auto written = [](std::string_view line) {
    std::vector<std::string> out;
    for (const auto& cmd : shell_split(line))
      for (auto& f : files_written(cmd)) out.push_back(f);
    return out;
  };
  CHECK(written("echo DEBUG=0 >> .env") == std::vector<std::string>{".env"});
  CHECK(written("envsubst <tmpl >deploy/.env.prod") == std::vector<std::string>{"deploy/.env.prod"});
  CHECK(written("run 2> err.log 2>&1 >&2") == std::vector<std::string>{"err.log"});  // a descriptor is no file
  CHECK(written("printf x | tee -a .env.worker") == std::vector<std::string>{".env.worker"});
  CHECK(written("cp -n .env.example .env && touch a b") == std::vector<std::string>{".env", "a", "b"});
  CHECK(written("sudo mv x /etc/app.env").empty());  // sudo is not followed: the program is sudo
  CHECK(written("cat .env; grep -q KEY .env").empty());
}

TEST_CASE("shell: commands, quotes and the programs they run") {
  auto cmds = shell_split("set -e && python manage.py migrate --noinput; exec gunicorn -b \"0.0.0.0:8000\" app.wsgi 2>&1 | tee log");
  REQUIRE(cmds.size() == 4);
  CHECK(cmds[1].argv == std::vector<std::string>{"python", "manage.py", "migrate", "--noinput"});
  CHECK(cmds[1].separator_before == "&&");
  CHECK(cmds[2].argv[3] == "0.0.0.0:8000");
  CHECK(program_name(cmds[2].argv) == "gunicorn");
  CHECK(program_name({"python", "-m", "celery", "-A", "app", "worker"}) == "celery");
  CHECK(program_name({"/usr/local/bin/daphne", "app.asgi:application"}) == "daphne");
  CHECK(program_name({"env", "A=1", "uvicorn", "app:app"}) == "uvicorn");
  auto words = shell_words("FOO=1 echo 'a b' \"c \\\"d\\\"\" $(date +%s) > /dev/null");
  CHECK(words == std::vector<std::string>{"echo", "a b", "c \"d\"", "$(date +%s)"});
}
