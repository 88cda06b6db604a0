#include <algorithm>

#include "test_support.h"

#include "frontends/dotenv/dotenv_parser.h"
#include "frontends/nginx/nginx_parser.h"
#include "frontends/requirements/requirements_parser.h"
#include "frontends/toml/toml_frontend.h"
#include "model/django_project.h"

using namespace cfglint;

TEST_CASE("dotenv: values, quotes, export, comments, positions") {
  std::string text =
      "# comment\nA=1\nexport B = \"two words\" # trailing\nC='single # not a comment'\nD=x #comment\n"
      "MULTI=\"line1\nline2\"\nE=\nBARE\n";
  LineIndex lines(text);
  auto env = parse_dotenv(text, lines);
  REQUIRE(env.errors.empty());
  CHECK(env.find("A")->value == "1");
  CHECK(env.find("A")->key_range.begin == Position{2, 1});
  CHECK(env.find("B")->value == "two words");
  CHECK(env.find("C")->value == "single # not a comment");
  CHECK(env.find("D")->value == "x");
  CHECK(env.find("MULTI")->value == "line1\nline2");
  CHECK(env.find("E")->value.empty());
  CHECK(env.find("BARE") != nullptr);
}

TEST_CASE("dotenv: bad lines are diagnostics with positions") {
  std::string text = "OK=1\n1BAD=2\nnot an assignment\nQ=\"unterminated\n";
  LineIndex lines(text);
  auto env = parse_dotenv(text, lines);
  REQUIRE(env.errors.size() == 3);
  CHECK(env.errors[0].range.begin.line == 2);
  CHECK(env.errors[2].message.find("unterminated") != std::string::npos);
  CHECK(!parse_dotenv("A=\xff\n", LineIndex("A=\xff\n")).errors.empty());
}

TEST_CASE("requirements: specifiers, extras, markers, includes, continuations") {
  std::string text =
      "-r base.txt\n--constraint=constraints.txt\nDjango==4.2.11  # pinned\n"
      "celery[redis] >= 5.3, <6 ; python_version >= \"3.8\"\n"
      "django_csp \\\n  ==4.0\n-e git+https://example.com/x.git#egg=x\nrequests @ https://x/y.whl\n"
      "pkg==1.0 --hash=sha256:abc\n";
  LineIndex lines(text);
  auto r = parse_requirements(text, lines);
  REQUIRE(r.errors.empty());
  REQUIRE(r.includes.size() == 2);
  CHECK(r.includes[0].first == "base.txt");
  CHECK(r.includes[1].first == "constraints.txt");
  REQUIRE(r.requirements.size() == 5);
  CHECK(r.requirements[0].name == "django");
  CHECK(r.requirements[0].specifier == "==4.2.11");
  CHECK(r.requirements[0].range.begin.line == 3);
  CHECK(r.requirements[1].name == "celery");
  CHECK(r.requirements[1].specifier == ">=5.3,<6");
  CHECK(r.requirements[2].name == "django-csp");
  CHECK(r.requirements[2].specifier == "==4.0");
  CHECK(r.requirements[3].specifier.empty());
  CHECK(r.requirements[4].specifier == "==1.0");
}

TEST_CASE("requirements: pyproject (PEP 621 and Poetry), Pipfile, poetry.lock") {
  std::string py =
      "[project]\ndependencies = [\"Django>=4.2\"]\n[project.optional-dependencies]\ncsp = [\"django-csp>=4\"]\n"
      "[tool.poetry.dependencies]\npython = \"^3.11\"\ncelery = \"^5.3\"\nchannels = { version = \"4.0.0\" }\n";
  LineIndex l1(py);
  auto reqs = requirements_from_tree(FileKind::Pyproject, parse_toml(py, l1));
  REQUIRE(reqs.size() == 4);
  CHECK(reqs[0].name == "django");
  CHECK(reqs[1].name == "django-csp");
  CHECK(reqs[2].name == "celery");
  CHECK(reqs[2].specifier.rfind(">=5.3", 0) == 0);
  CHECK(reqs[3].specifier == "==4.0.0");

  // PEP 735 groups (uv): pinned packages live there, beside an include-group table that is not one.
  std::string groups = "[dependency-groups]\nmain = [\"django-csp==3.8\"]\ndev = [{include-group = \"main\"}, \"pytest\"]\n";
  LineIndex l3(groups);
  auto grouped = requirements_from_tree(FileKind::Pyproject, parse_toml(groups, l3));
  REQUIRE(grouped.size() == 2);  // in the tables' order, which TOML does not fix
  auto csp = std::find_if(grouped.begin(), grouped.end(), [](const Requirement& r) { return r.name == "django-csp"; });
  REQUIRE(csp != grouped.end());
  CHECK(csp->specifier == "==3.8");
  CHECK(std::any_of(grouped.begin(), grouped.end(), [](const Requirement& r) { return r.name == "pytest"; }));

  std::string lock = "[[package]]\nname = \"Django-CSP\"\nversion = \"4.0\"\n";
  LineIndex l2(lock);
  auto locked = requirements_from_tree(FileKind::PoetryLock, parse_toml(lock, l2));
  REQUIRE(locked.size() == 1);
  CHECK(locked[0].name == "django-csp");
  CHECK(locked[0].locked);
  CHECK(locked[0].specifier == "==4.0");
}

TEST_CASE("versions: parts padded to three, long digit runs saturate instead of overflowing") {
  CHECK(parse_version("5.0") == std::vector<int>{5, 0, 0});
  CHECK(parse_version("==4.2.11") == std::vector<int>{4, 2, 11});
  CHECK(parse_version("3.12rc1") == std::vector<int>{3, 12, 0});
  std::vector<int> huge = parse_version("3.99999999999999999999");
  CHECK(huge[0] == 3);
  CHECK(huge[1] >= 100000000);  // larger than any real version part, and no signed overflow (UBSan)
  CHECK(parse_version("3.99999999999999999999") > parse_version("3.12"));
}

TEST_CASE("nginx: directives with their blocks, quotes, variables and comments") {
  std::string text =
      "# proxy\nupstream app {\n    server web:8000 max_fails=3;\n}\nserver {\n  listen 80;\n"
      "  location /ws/ { proxy_pass http://ws:8001; proxy_set_header Connection \"upgrade\"; }\n"
      "  set $target http://${host}:8000; # trailing\n}\n";
  LineIndex lines(text);
  NginxFile f = parse_nginx(text, lines);
  REQUIRE(f.errors.empty());
  REQUIRE(f.directives.size() == 8);
  CHECK(f.directives[0].name == "upstream");
  CHECK(f.directives[0].opens_block);
  CHECK(f.directives[1].name == "server");
  CHECK(f.directives[1].context == std::vector<std::string>{"upstream"});
  CHECK(f.directives[1].context_args == std::vector<std::string>{"app"});
  CHECK(f.directives[1].range.begin.line == 3);
  CHECK(f.directives[5].name == "proxy_pass");
  CHECK(f.directives[5].context == std::vector<std::string>{"server", "location"});
  CHECK(f.directives[6].args == std::vector<std::string>{"Connection", "upgrade"});
  CHECK(f.directives[7].args == std::vector<std::string>{"$target", "http://${host}:8000"});
}

TEST_CASE("nginx: broken and hostile files give one error and keep what came before, without recursion") {
  std::string unclosed = "server { listen 80;";
  LineIndex l1(unclosed);
  NginxFile a = parse_nginx(unclosed, l1);
  REQUIRE(a.errors.size() == 1);
  CHECK(a.directives.size() == 2);
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += "a {";
  LineIndex l2(deep);
  NginxFile b = parse_nginx(deep, l2);
  CHECK(b.errors.size() == 1);
  std::string stray = "}";
  LineIndex l3(stray);
  CHECK(parse_nginx(stray, l3).errors.size() == 1);
}
