// Rules and checks stay in step: every template a rule names exists, every semantic template serves a
// rule, and no rule ships with scaffold placeholders (scripts/new-rule writes TODOs to be replaced).
#include <catch2/catch.hpp>

#include <set>

#include "checks/check.h"
#include "rules/rule_catalog.h"

using namespace cfglint;

TEST_CASE("every rule names a template that exists and builds") {
  RuleCatalog catalog = RuleCatalog::builtin();
  for (const auto& rule : catalog.all()) {
    INFO("rule " << rule.id << " names template `" << rule.template_name << "`");
    const TemplateInfo* t = find_template(rule.template_name);
    REQUIRE(t);
    std::string error;
    CHECK(t->make(rule, catalog, error) != nullptr);
    CHECK(error.empty());
  }
}

TEST_CASE("every check template serves at least one built-in rule") {
  RuleCatalog catalog = RuleCatalog::builtin();
  std::set<std::string> used;
  for (const auto& rule : catalog.all()) used.insert(rule.template_name);
  for (const auto& t : check_templates()) {
    if (t.name == "regex" || t.name == "path") continue;  // declarative: for the project's own rules too
    INFO("template `" << t.name << "` has no rule in rules/");
    CHECK(used.count(t.name));
  }
}

TEST_CASE("no rule ships with a scaffold placeholder") {
  RuleCatalog catalog = RuleCatalog::builtin();
  for (const auto& rule : catalog.all()) {
    INFO("rule " << rule.id << " still has a TODO from scripts/new-rule");
    for (const std::string* text : {&rule.summary, &rule.rationale, &rule.fix, &rule.bad_example, &rule.good_example})
      CHECK(text->find("TODO") == std::string::npos);
    for (const auto& r : rule.references) CHECK(r.find("TODO") == std::string::npos);
  }
}
