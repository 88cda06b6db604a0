#include <catch2/catch.hpp>

#include "rules/rule_catalog.h"

TEST_CASE("builtin rules load") {
  auto cat = cfglint::RuleCatalog::builtin();
  REQUIRE(cat.find("CFG003"));
  REQUIRE(cat.find("duplicate-key")->id == "CFG003");
}
