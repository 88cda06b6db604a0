// Which Dockerfile of the repository builds an image name: build commands, CI workflows, skaffold, and
// the rule that only one unambiguous build links a name.
#include "frontends/yaml/yaml_parser.h"
#include "model/image_builds.h"
#include "test_support.h"

using namespace cfglint;

namespace {

std::vector<ImageBuild> from_yaml(const std::string& path, const std::string& text) {
  LineIndex lines(text);
  ParsedTree tree = parse_yaml(text, lines);
  return image_builds_in_yaml(path, tree);
}

ImageBuild build(const std::string& repo, const std::string& dockerfile, const std::string& target = "") {
  return {repo, dockerfile, target, "", {}};
}

}  // namespace

TEST_CASE("image builds: a reference reduces to its repository name") {
  CHECK(image_repository("acme/web:1.4") == "acme/web");
  CHECK(image_repository("docker.io/library/Python:3.12") == "python");
  CHECK(image_repository("docker.io/netboxcommunity/netbox:${VERSION-v4.1}") == "netboxcommunity/netbox");
  CHECK(image_repository("localhost:5000/web@sha256:abc") == "localhost:5000/web");
  CHECK(image_repository("ghcr.io/acme/web") == "ghcr.io/acme/web");
  CHECK(image_repository("${REGISTRY}/web:1") == "");  // a variable hides who builds it
  CHECK(image_repository("$IMAGE") == "");
  CHECK(image_repository("") == "");
}

TEST_CASE("image builds: docker build, buildx, podman, with -f, --target and the context") {
  auto b = image_build_command({"docker", "build", "--pull", "-t", "acme/web:dev", "-f", "docker/Dockerfile.prod", "--target",
                                "Runtime", "--build-arg", "X=1", "."},
                               "deploy/");
  REQUIRE(b.size() == 1);
  CHECK(b[0].repository == "acme/web");
  CHECK(b[0].dockerfile == "deploy/docker/Dockerfile.prod");  // -f is relative to where the command runs
  CHECK(b[0].target == "runtime");
  CHECK(b[0].context == "deploy");
  auto x = image_build_command({"sudo", "docker", "buildx", "build", "--tag=acme/api", "--tag", "acme/api:latest", "services/api"}, "");
  REQUIRE(x.size() == 2);
  CHECK(x[0].dockerfile == "services/api/Dockerfile");
  auto p = image_build_command({"podman", "build", "-t", "web", "."}, "");
  REQUIRE(p.size() == 2);  // a Containerfile or a Dockerfile: the index keeps the one that exists
  CHECK(p[0].dockerfile == "Containerfile");
  CHECK(image_build_command({"docker", "build", "."}, "").empty());                   // no name
  CHECK(image_build_command({"docker", "build", "-t", "web", "-"}, "").empty());      // context from stdin
  CHECK(image_build_command({"docker", "build", "-t", "web", "$CTX"}, "").empty());   // unknown context
  CHECK(image_build_command({"docker", "run", "-t", "web", "."}, "").empty());        // not a build
}

TEST_CASE("image builds: GitHub workflows with build-push-action, metadata-action and run steps") {
  auto builds = from_yaml(".github/workflows/release.yml", R"(
env:
  IMAGE: acme/worker
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: |
            ghcr.io/acme/web
      - uses: docker/build-push-action@v6
        with:
          context: ./web
          file: ./web/Dockerfile.prod
          tags: ${{ steps.meta.outputs.tags }}
      - uses: docker/build-push-action@v6
        with:
          tags: ${{ env.IMAGE }}:latest,${{ secrets.REGISTRY }}/worker
      - run: |
          docker build -t acme/cli -f cli/Dockerfile .
        working-directory: tools
)");
  REQUIRE(builds.size() == 3);
  CHECK(builds[0].repository == "ghcr.io/acme/web");
  CHECK(builds[0].dockerfile == "web/Dockerfile.prod");
  CHECK(builds[0].context == "web");
  CHECK(builds[1].repository == "acme/worker");
  CHECK(builds[1].dockerfile == "Dockerfile");  // default context: the checkout
  CHECK(builds[2].repository == "acme/cli");
  CHECK(builds[2].dockerfile == "tools/cli/Dockerfile");
  // a workflow of a nested repository runs in that repository's checkout
  auto nested = from_yaml("vendor/lib/.github/workflows/ci.yml", "jobs:\n  b:\n    steps:\n      - run: docker build -t lib .\n");
  REQUIRE(nested.size() == 1);
  CHECK(nested[0].dockerfile == "vendor/lib/Dockerfile");
  CHECK(from_yaml("ci/workflows/build.yml", "jobs:\n  b:\n    steps:\n      - run: docker build -t lib .\n").empty());
}

TEST_CASE("image builds: skaffold artifacts are relative to the skaffold file") {
  auto builds = from_yaml("deploy/skaffold.yaml", R"(
apiVersion: skaffold/v4beta6
kind: Config
build:
  artifacts:
    - image: emailservice
      context: ../src/email
    - image: frontend
      context: ../src/frontend
      docker:
        dockerfile: Dockerfile.prod
        target: Final
)");
  REQUIRE(builds.size() == 2);
  CHECK(builds[0].dockerfile == "src/email/Dockerfile");
  CHECK(builds[1].dockerfile == "src/frontend/Dockerfile.prod");
  CHECK(builds[1].target == "final");
}

TEST_CASE("image builds: a name links only when every build of it agrees") {
  ImageBuilds index;
  index.add(build("acme/web", "Dockerfile"));
  index.add(build("acme/web", "Dockerfile"));
  index.add(build("acme/api", "api/Dockerfile", "prod"));
  index.add(build("acme/api", "api/Dockerfile", "dev"));
  REQUIRE(index.find("docker.io/acme/web:2.0"));
  CHECK(index.find("acme/web")->dockerfile == "Dockerfile");
  CHECK_FALSE(index.find("acme/api:1"));  // two stages build the name: which one runs is unknown
  CHECK_FALSE(index.find("acme/webapp"));
  CHECK_FALSE(index.find("${IMAGE}"));
}
