// The image file model: which repository file a container path holds and what the Dockerfile did to it,
// the executable bit git records, and what the image's RUN steps install.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "model/deployment.h"
#include "model/settings_eval.h"
#include "model/git_index.h"
#include "model/image_facts.h"
#include "model/image_files.h"
#include "model/project.h"
#include "test_support.h"

using namespace cfglint;
namespace fs = std::filesystem;

namespace {

struct TempTree {
  fs::path path;
  TempTree() {
    char tmpl[] = "/tmp/cfglint-image-files-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempTree() { fs::remove_all(path); }
  void write(const std::string& rel, const std::string& text, fs::perms mode = fs::perms(0644)) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << text;
    fs::permissions(path / rel, mode);
  }
  int sh(const std::string& command) const { return std::system(("cd '" + path.string() + "' && " + command + " >/dev/null 2>&1").c_str()); }
};

// A project whose only Dockerfile is `text` at `dockerfile_path`; files come from the tree.
struct OneImage {
  Project project;
  DockerfileUnit unit;
  OneImage(const TempTree& tree, const std::string& text, const std::string& dockerfile_path = "Dockerfile") {
    project.root = tree.path.string();
    unit.path = dockerfile_path;
    LineIndex lines(text);
    unit.parsed = parse_dockerfile(text, lines);
  }
  std::optional<ImageFile> at(const std::string& path, const std::string& context = "") const {
    return ImageFiles(project, unit, context).at_end_of(unit.parsed.stages.size() - 1, path);
  }
};

}  // namespace

TEST_CASE("image files: COPY of a file, into a folder, and of the whole context") {
  TempTree t;
  t.write("docker/entrypoint.sh", "#!/bin/sh\n");
  t.write("app/start.sh", "#!/bin/sh\n");
  OneImage img(t,
               "FROM python:3.12-slim\nWORKDIR /srv\nCOPY docker/entrypoint.sh /entrypoint.sh\nCOPY docker/entrypoint.sh /usr/local/bin/\n"
               "COPY . .\n");
  auto a = img.at("/entrypoint.sh");
  REQUIRE(a);
  CHECK(a->repo_path == "docker/entrypoint.sh");
  CHECK(a->placed_by.range.begin.line == 3);
  CHECK_FALSE(a->made_executable);
  auto b = img.at("/usr/local/bin/entrypoint.sh");
  REQUIRE(b);
  CHECK(b->placed_by.range.begin.line == 4);
  auto c = img.at("/srv/app/start.sh");
  REQUIRE(c);
  CHECK(c->repo_path == "app/start.sh");
  CHECK_FALSE(img.at("/srv/app/missing.sh"));
  CHECK_FALSE(img.at("/start.sh"));  // nothing puts it there
}

TEST_CASE("image files: chmod, --chmod and line-ending fixes after the copy; a later rewrite is unknown") {
  TempTree t;
  t.write("entrypoint", "#!/bin/sh\n");
  t.write("scripts/a.sh", "#!/bin/sh\n");
  t.write("scripts/b.sh", "#!/bin/sh\n");
  OneImage img(t,
               "FROM python:3.12-slim\nCOPY entrypoint /entrypoint\nRUN sed -i 's/\\r$//g' /entrypoint && chmod +x /entrypoint\n"
               "COPY --chmod=755 scripts/a.sh /a.sh\nCOPY scripts/b.sh /b.sh\nRUN chmod 644 /b.sh\n"
               "COPY scripts/a.sh /moved.sh\nRUN mv /moved.sh /tmp/x\n");
  auto e = img.at("/entrypoint");
  REQUIRE(e);
  CHECK(e->made_executable);
  CHECK(e->line_endings_fixed);
  auto a = img.at("/a.sh");
  REQUIRE(a);
  CHECK(a->made_executable);
  auto b = img.at("/b.sh");
  REQUIRE(b);
  CHECK_FALSE(b->made_executable);  // 644 grants no execute
  CHECK_FALSE(img.at("/moved.sh"));  // a RUN moves it: cfglint cannot tell what is there
}

TEST_CASE("image files: a RUN that only reads the file (pip install -r, cat, grep) leaves it known") {
  TempTree t;
  t.write("requirements.txt", "Django==5.0.6\n");
  t.write("other.txt", "x\n");
  OneImage img(t,
               "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt other.txt ./\n"
               "RUN pip install --no-cache-dir -r requirements.txt && grep -q x other.txt\n");
  auto r = img.at("/app/requirements.txt");
  REQUIRE(r);
  CHECK(r->repo_path == "requirements.txt");
  CHECK(img.at("/app/other.txt"));
  OneImage rewritten(t, "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip freeze > requirements.txt\n");
  CHECK_FALSE(rewritten.at("/app/requirements.txt"));  // a redirect rewrites it
}

TEST_CASE("image files: COPY --from follows the earlier stage; another image or an unknown variable is unknown") {
  TempTree t;
  t.write("bin/run.sh", "#!/bin/sh\n");
  OneImage img(t,
               "FROM python:3.12 AS build\nWORKDIR /src\nCOPY bin/ bin/\nRUN chmod -R +x /src/bin\n"
               "FROM python:3.12-slim\nCOPY --from=build /src/bin /usr/local/bin\nCOPY --from=other:1 /x.sh /x.sh\n"
               "COPY bin/run.sh $TARGET/run.sh\n");
  auto r = img.at("/usr/local/bin/run.sh");
  REQUIRE(r);
  CHECK(r->repo_path == "bin/run.sh");
  CHECK(r->made_executable);  // the chmod happened in the build stage, and COPY --from keeps modes
  CHECK_FALSE(img.at("/x.sh"));
  CHECK_FALSE(img.at("/run.sh"));
}

TEST_CASE("image files: one ImageFiles asked many paths and stages answers each with that stage's variables") {
  TempTree t;
  t.write("a/run.sh", "#!/bin/sh\n");
  t.write("b/run.sh", "#!/bin/sh\n");
  OneImage img(t,
               "FROM python:3.12 AS first\nENV DIR=/opt/a\nCOPY a/run.sh $DIR/run.sh\n"
               "FROM python:3.12-slim\nENV DIR=/opt/b\nCOPY b/run.sh $DIR/run.sh\nCOPY --from=first /opt/a/run.sh /srv/a.sh\n");
  ImageFiles files(img.project, img.unit, "");
  for (int round = 0; round < 2; ++round) {  // the second round answers from what the first read
    auto in_first = files.at_end_of(0, "/opt/a/run.sh");
    REQUIRE(in_first);
    CHECK(in_first->repo_path == "a/run.sh");
    CHECK_FALSE(files.at_end_of(0, "/opt/b/run.sh"));
    auto in_last = files.at_end_of(1, "/opt/b/run.sh");
    REQUIRE(in_last);
    CHECK(in_last->repo_path == "b/run.sh");
    CHECK_FALSE(files.at_end_of(1, "/opt/a/run.sh"));  // stage 1 does not see stage 0's ENV
    auto copied = files.at_end_of(1, "/srv/a.sh");
    REQUIRE(copied);
    CHECK(copied->repo_path == "a/run.sh");
  }
}

TEST_CASE("image files: the build context and a compose bind mount over the image's file") {
  TempTree t;
  t.write("backend/entrypoint.sh", "#!/bin/sh\n");
  OneImage img(t, "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN chmod +x entrypoint.sh\n", "backend/Dockerfile");
  auto in_image = img.at("/app/entrypoint.sh", "backend");
  REQUIRE(in_image);
  CHECK(in_image->made_executable);
  ComposeFile file;
  file.path = "compose.yaml";
  ComposeService service;
  service.volumes.push_back({"./backend", "/app", false, {}});
  ImageFiles image(img.project, img.unit, "backend");
  auto mounted = service_file(img.project, file, service, &image, 0, "/app/entrypoint.sh");
  REQUIRE(mounted);
  CHECK(mounted->bind_mounted);
  CHECK_FALSE(mounted->made_executable);  // the host file, whatever the image did
  service.volumes = {{"app_code", "/app", true, {}}};
  CHECK_FALSE(service_file(img.project, file, service, &image, 0, "/app/entrypoint.sh"));  // a named volume's content
  service.volumes.clear();
  CHECK(service_file(img.project, file, service, &image, 0, "/app/entrypoint.sh"));  // no volume: the image's file
  CHECK_FALSE(service_file(img.project, file, service, nullptr, 0, "/app/entrypoint.sh"));  // an image cfglint does not build
}

TEST_CASE("repository file facts: shebang, CRLF, and the executable bit from git's index over the file system") {
  TempTree t;
  t.write("crlf.sh", "#!/bin/sh\r\necho hi\r\n");
  t.write("lf.sh", "echo hi\n", fs::perms(0755));
  Project p;
  p.root = t.path.string();
  RepoFileFacts crlf = repo_file_facts(p, "crlf.sh");
  CHECK(crlf.shebang == "#!/bin/sh");
  CHECK(crlf.crlf);
  CHECK(crlf.crlf_line == 1);
  CHECK_FALSE(crlf.executable);
  RepoFileFacts lf = repo_file_facts(p, "lf.sh");
  CHECK(lf.shebang.empty());
  CHECK_FALSE(lf.crlf);
  CHECK(lf.executable);  // not a checkout: the file system's bit

  if (t.sh("git --version") != 0) return;  // the index half needs git
  REQUIRE(t.sh("git init -q . && git add crlf.sh lf.sh && git update-index --chmod=+x crlf.sh && git update-index --chmod=-x lf.sh") == 0);
  CHECK(git_index_mode(p.root, "crlf.sh") == 0100755u);
  CHECK(git_index_mode(p.root, "lf.sh") == 0100644u);
  Project checkout;  // a new run: the index is read once per project
  checkout.root = p.root;
  CHECK(repo_file_facts(checkout, "crlf.sh").executable);   // the index says 755, the file system 644
  CHECK_FALSE(repo_file_facts(checkout, "lf.sh").executable);
  CHECK_FALSE(git_index_mode(p.root, "untracked.sh"));
  REQUIRE(t.sh("git update-index --index-version 4") == 0);  // prefix-compressed names
  CHECK(git_index_mode(p.root, "lf.sh") == 0100644u);
  CHECK(git_index_mode(p.root, "crlf.sh") == 0100755u);
  t.write("sub/inner.sh", "#!/bin/sh\n");
  REQUIRE(t.sh("git add sub/inner.sh && git update-index --chmod=+x sub/inner.sh") == 0);
  CHECK(git_index_mode((t.path / "sub").string(), "inner.sh") == 0100755u);  // a project below the checkout's root
}

namespace {

// "path what" for each folder the final stage's chain builds.
std::vector<std::string> built(const std::string& dockerfile) {
  LineIndex lines(dockerfile);
  Dockerfile df = parse_dockerfile(dockerfile, lines);
  std::vector<std::string> out;
  for (const auto& f : built_folders(df, df.stages.size() - 1)) out.push_back(f.path + " " + f.what);
  return out;
}

}  // namespace

TEST_CASE("built folders: virtualenvs and node_modules by tool, WORKDIR, cd, ENV and COPY --from") {
  using V = std::vector<std::string>;
  CHECK(built("FROM python:3.12\nWORKDIR /app\nRUN uv sync --frozen\n") == V{"/app/.venv virtualenv"});
  CHECK(built("FROM python:3.12\nENV UV_PROJECT_ENVIRONMENT=/opt/venv\nWORKDIR /app\nRUN uv sync\n") == V{"/opt/venv virtualenv"});
  CHECK(built("FROM python:3.12\nWORKDIR /app\nRUN UV_PROJECT_ENVIRONMENT=/srv/env uv sync\n") == V{"/srv/env virtualenv"});
  CHECK(built("FROM python:3.12\nRUN python3 -m venv --copies /venv && /venv/bin/pip install -r requirements.txt\n") ==
        V{"/venv virtualenv"});
  // poetry makes an in-project .venv only when told to; POETRY_VIRTUALENVS_CREATE=false installs system-wide
  CHECK(built("FROM python:3.12\nWORKDIR /app\nRUN poetry install\n").empty());
  CHECK(built("FROM python:3.12\nWORKDIR /app\nRUN poetry config virtualenvs.in-project true && poetry install\n") == V{"/app/.venv virtualenv"});
  CHECK(built("FROM python:3.12\nENV POETRY_VIRTUALENVS_IN_PROJECT=true POETRY_VIRTUALENVS_CREATE=false\nWORKDIR /app\nRUN poetry install\n").empty());
  // node_modules where the install runs; global installs and other prefixes make none here
  CHECK(built("FROM node:20\nWORKDIR /srv\nRUN cd web && npm ci\n") == V{"/srv/web/node_modules node_modules"});
  CHECK(built("FROM node:20\nWORKDIR /srv\nRUN npm install -g pnpm && yarn install --prefix /x\n").empty());
  // a variable cfglint does not know leaves the folder out
  CHECK(built("FROM python:3.12\nRUN python -m venv $VENV\n").empty());
  // COPY --from maps a folder built in an earlier stage; a folder of another image is not followed
  CHECK(built("FROM python:3.12 AS build\nWORKDIR /app\nRUN uv sync\nFROM python:3.12-slim\nCOPY --from=build /app /srv/app\n") ==
        V{"/srv/app/.venv virtualenv"});
  CHECK(built("FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\n").empty());
}

TEST_CASE("image facts: what each RUN installs is read once per file; tools, bash and the installing line follow") {
  std::string text =
      "FROM python:3.12-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.* bash\n"
      "FROM base\nRUN apk add busybox\nRUN ./install.sh\nCMD [\"x\"]\n";
  LineIndex lines(text);
  Dockerfile df = parse_dockerfile(text, lines);
  std::vector<uint8_t> bits = run_install_bits(df);
  REQUIRE(bits.size() == 6);  // FROM, RUN, FROM, RUN, RUN, CMD
  CHECK(bits[0] == 0);
  CHECK(bits[1] == (kRunCurl | kRunBash));
  CHECK(bits[3] == kRunBusybox);
  CHECK(bits[4] == kRunAnything);  // a script: it may install anything
  CHECK(bits[5] == 0);
  std::string piped = "FROM alpine\nRUN curl -fsSL https://x.sh | sh\n";
  LineIndex piped_lines(piped);
  CHECK(run_install_bits(parse_dockerfile(piped, piped_lines))[1] == kRunAnything);  // a piped installer
  RuleCatalog catalog = RuleCatalog::builtin();
  ImageKnowledge knowledge(catalog);
  DockerfileUnit read{"Dockerfile", df, bits};
  DockerfileUnit by_hand{"Dockerfile", df, {}};  // a unit made without them: each RUN is read on the spot
  for (const DockerfileUnit* d : {&read, &by_hand}) {
    ImageFacts f = dockerfile_image_facts(*d, 1, knowledge);
    CHECK(f.tools.count("curl"));
    CHECK(f.tools.count("wget"));              // busybox brings wget
    CHECK(f.installed_by == "Dockerfile:4");   // the last stage is walked first
    CHECK(f.bash == std::optional<bool>(true));
    CHECK_FALSE(f.tools_known);                // ./install.sh
    ImageFacts base = dockerfile_image_facts(*d, 0, knowledge);
    CHECK(base.tools.count("curl"));
    CHECK_FALSE(base.tools.count("wget"));
    CHECK(base.installed_by == "Dockerfile:2");
    CHECK(base.tools_known);
  }
}
