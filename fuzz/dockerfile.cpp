// Dockerfile front-end: instructions, stages, variable expansion, exec-form arrays.
#include "frontends/dockerfile/dockerfile_parser.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = cfglint::fuzz::text(data, size);
  cfglint::LineIndex lines(text);
  cfglint::Dockerfile df = cfglint::parse_dockerfile(text, lines);
  for (size_t s = 0; s < df.stages.size(); ++s) {
    (void)df.last_in_stage(s, "CMD");
    (void)df.stage_env(s);
  }
  std::map<std::string, std::string> vars{{"A", "x"}, {"EMPTY", ""}};
  std::string_view head = text.substr(0, 4096);
  (void)cfglint::expand_docker_vars(head, vars, '\\');
  (void)cfglint::expand_docker_vars(head, vars, '`');
  std::vector<std::string> words;
  (void)cfglint::parse_json_string_array(head, words);
  return 0;
}
