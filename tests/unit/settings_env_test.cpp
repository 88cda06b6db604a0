// The settings evaluator's record of environment reads: which raise when the variable is unset, which
// run only on a conditional path, and where a dotenv file may fill the environment.
#include <deque>
#include <memory>

#include "frontends/python/python_parser.h"
#include "model/python_model.h"
#include "model/settings_eval.h"
#include "test_support.h"

using namespace cfglint;

namespace {

struct Evaluated {
  std::vector<PythonModule> modules;
  std::unique_ptr<ModuleIndex> index;
  SettingsResult result;
  explicit Evaluated(const std::string& text, std::vector<PythonImport> imports = {}) {
    PythonModule m;
    m.path = "shop/settings.py";
    m.imports = std::move(imports);
    auto src = std::make_shared<PythonSource>();
    src->text = text;
    src->lines = LineIndex(src->text);
    src->ast = py::parse_module(src->text);
    m.source = src;
    modules.push_back(std::move(m));
    index = std::make_unique<ModuleIndex>(modules);
    result = evaluate_settings(modules[0], *index);
  }
  const EnvRead* read(const std::string& var) const {
    for (const auto& r : result.env_reads)
      if (r.var == var) return &r;
    return nullptr;
  }
};

PythonImport import_of(std::string_view module, std::string_view name = "") {
  static std::deque<std::string> texts;  // what the imports point into, for the test's lifetime
  texts.push_back(std::string(module) + std::string(name));
  PythonImport i;
  i.text = texts.back().data();
  i.module_len = static_cast<uint16_t>(module.size());
  i.name_len = static_cast<uint16_t>(name.size());
  return i;
}

}  // namespace

TEST_CASE("settings env reads: os.environ, defaults and conditional paths") {
  Evaluated e(
      "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = os.environ.get('DEBUG', '0')\nHOST = os.getenv('HOST')\n"
      "if os.environ.get('S3'):\n    BUCKET = os.environ['BUCKET']\ntry:\n    DSN = os.environ['DSN']\nexcept KeyError:\n    DSN = None\n");
  REQUIRE(e.read("SECRET_KEY"));
  CHECK(e.read("SECRET_KEY")->raises);
  CHECK_FALSE(e.read("SECRET_KEY")->maybe);
  CHECK(e.read("SECRET_KEY")->where.range.begin.line == 2);
  CHECK_FALSE(e.read("DEBUG")->raises);
  CHECK_FALSE(e.read("HOST")->raises);
  CHECK(e.read("BUCKET")->raises);
  CHECK(e.read("BUCKET")->maybe);
  CHECK(e.read("DSN")->maybe);
  CHECK_FALSE(e.result.reads_env_file);
}

TEST_CASE("settings env reads: django-environ and python-decouple, their defaults and files") {
  Evaluated environ_reads(
      "import environ\nenv = environ.Env(DEBUG=(bool, False))\nDEBUG = env('DEBUG')\nDATABASES = {'default': env.db()}\n"
      "URL = env.str('URL', default='').rstrip('/')\nKEY = env('KEY')\n",
      {import_of("environ")});
  REQUIRE(environ_reads.read("DEBUG"));
  CHECK_FALSE(environ_reads.read("DEBUG")->raises);  // the Env(...) scheme gives it a default
  REQUIRE(environ_reads.read("DATABASE_URL"));        // env.db() reads DATABASE_URL
  CHECK(environ_reads.read("DATABASE_URL")->raises);
  CHECK_FALSE(environ_reads.read("/"));               // rstrip's argument is not a variable
  CHECK(environ_reads.read("KEY")->raises);

  Evaluated not_environ("KEY = env('KEY')\n");  // a function named env, not django-environ
  REQUIRE(not_environ.read("KEY"));
  CHECK_FALSE(not_environ.read("KEY")->raises);

  Evaluated decouple("from decouple import config\nSECRET_KEY = config('SECRET_KEY')\nDEBUG = config('DEBUG', default=False, cast=bool)\n",
                     {import_of("decouple")});
  CHECK(decouple.read("SECRET_KEY")->raises);
  CHECK_FALSE(decouple.read("DEBUG")->raises);
  CHECK(decouple.result.reads_env_file);  // decouple reads .env and settings.ini beside the settings

  Evaluated dotenv("import os\nfrom dotenv import load_dotenv\nload_dotenv()\nSECRET_KEY = os.environ['SECRET_KEY']\n");
  CHECK(dotenv.result.reads_env_file);
}

TEST_CASE("settings lists: methods change what is known of the list") {
  Evaluated e(
      "import os\nHOSTS = []\nHOSTS.extend(filter(None, os.environ.get('H', '').split(',')))\n"
      "APPS = ['a']\nAPPS.extend(['b', 'c'])\nAPPS.append('d')\nAPPS.insert(0, 'z')\nAPPS.insert(-1, 'y')\n"
      "MW = ['m']\nMW.insert(i, 'x')\nGONE = ['a', 'b']\nGONE.clear()\nBACK = ['a', 'b']\nBACK.reverse()\n");
  auto texts = [&](const std::string& name) {
    std::vector<std::string> out;
    for (const auto& v : e.result.names.at(name).value->items) out.push_back(v->text);
    return out;
  };
  const PyValue& hosts = *e.result.names.at("HOSTS").value;
  CHECK(hosts.kind == PyValue::K::List);
  CHECK(hosts.partial);  // extended by something that is not a literal: not known to be empty
  CHECK(texts("APPS") == std::vector<std::string>{"z", "a", "b", "c", "y", "d"});
  CHECK_FALSE(e.result.names.at("APPS").value->partial);
  CHECK(e.result.names.at("MW").value->kind == PyValue::K::Unknown);  // insert at an index cfglint cannot read
  CHECK(texts("GONE").empty());
  CHECK(texts("BACK") == std::vector<std::string>{"b", "a"});
}

TEST_CASE("settings: a base module star-imported by several settings modules is evaluated once") {
  auto module_of = [](std::string path, std::string text, std::vector<PythonImport> imports) {
    PythonModule m;
    m.path = std::move(path);
    m.imports = std::move(imports);
    auto src = std::make_shared<PythonSource>();
    src->text = std::move(text);
    src->lines = LineIndex(src->text);
    src->ast = py::parse_module(src->text);
    m.source = src;
    m.looks_like_settings = true;
    return m;
  };
  PythonImport from_base = import_of("base", "*");
  from_base.level = 1;
  std::vector<PythonModule> modules;
  modules.push_back(module_of("shop/settings/base.py", "DEBUG = False\nINSTALLED_APPS = ['shop']\n", {}));
  modules.push_back(module_of("shop/settings/prod.py", "from .base import *\nALLOWED_HOSTS = ['shop.example']\n", {from_base}));
  modules.push_back(module_of("shop/settings/dev.py", "from .base import *\nDEBUG = True\n", {from_base}));
  ModuleIndex index(modules);
  SettingsCache cache;
  SettingsResult prod = evaluate_settings(modules[1], index, &cache);
  SettingsResult dev = evaluate_settings(modules[2], index, &cache);
  SettingsResult base = evaluate_settings(modules[0], index, &cache);
  REQUIRE(prod.names.count("INSTALLED_APPS"));
  REQUIRE(dev.names.count("INSTALLED_APPS"));
  // One evaluation of base: its values are the same objects in every module that imports it.
  CHECK(prod.names.at("INSTALLED_APPS").value == dev.names.at("INSTALLED_APPS").value);
  CHECK(base.names.at("INSTALLED_APPS").value == prod.names.at("INSTALLED_APPS").value);
  // Each module still has its own names on top.
  CHECK(prod.names.at("DEBUG").value->text == "False");
  CHECK(dev.names.at("DEBUG").value->text == "True");
  CHECK(prod.names.count("ALLOWED_HOSTS"));
  CHECK_FALSE(dev.names.count("ALLOWED_HOSTS"));
  CHECK(prod.path == "shop/settings/prod.py");
  CHECK(base.path == "shop/settings/base.py");
}
