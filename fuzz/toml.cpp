// TOML front-end (toml++ underneath) and the configuration loader that reads `.cfglint.toml`.
#include "engine/config.h"
#include "frontends/toml/toml_frontend.h"
#include "fuzz_input.h"
#include "rules/rule_catalog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = cfglint::fuzz::text(data, size);
  cfglint::LineIndex lines(text);
  (void)cfglint::parse_toml(text, lines);
  static const cfglint::RuleCatalog builtin = cfglint::RuleCatalog::builtin();
  cfglint::RuleCatalog catalog = builtin;
  cfglint::Config config;
  cfglint::ConfigError error;
  (void)cfglint::load_config("/nonexistent-fuzz/.cfglint.toml", std::string(text), config, catalog, error);
  return 0;
}
