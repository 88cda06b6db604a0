// YAML and JSON front-end: the tree builder on libfyaml's events. Byte 0 picks the syntax.
#include "frontends/yaml/yaml_parser.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  auto syntax = data[0] & 1 ? cfglint::TreeSyntax::Json : cfglint::TreeSyntax::Yaml;
  std::string_view text = cfglint::fuzz::text(data + 1, size - 1);
  cfglint::LineIndex lines(text);
  cfglint::ParsedTree tree = cfglint::parse_yaml(text, lines, syntax);
  for (const auto& d : tree.documents)
    if (d.root) (void)d.root->get("services");
  return 0;
}
