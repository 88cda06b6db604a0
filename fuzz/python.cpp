// Python front-end: the lexer, string decoding, the parser (with and without function bodies) and the
// module facts the model reads. Differential too: the lexer that skims def bodies must agree with the
// full lexer (same errors, same tokens outside those bodies), or the input is reported as a crash.
#include "frontends/python/module_facts.h"
#include "frontends/python/python_lexer.h"
#include "frontends/python/python_parser.h"
#include "fuzz_input.h"
#include "../tests/tools/lexer_skim_check.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = cfglint::fuzz::text(data, size);
  if (std::string diff = cfglint::py::skim_difference(text); !diff.empty()) {
    std::fprintf(stderr, "skimmed def bodies differ from the full lexer: %s\n", diff.c_str());
    std::abort();
  }
  auto lexed = cfglint::py::tokenize(text);
  for (const auto& t : lexed.tokens)
    if (t.kind == cfglint::py::Tok::String) {
      bool fstring = false, bytes = false;
      (void)cfglint::py::decode_string_literal(t.text(text), fstring, bytes);
    }
  cfglint::py::ParseLimits skip;
  skip.skip_function_bodies = true;
  (void)cfglint::py::parse_module(text, skip);
  cfglint::py::Module m = cfglint::py::parse_module(text);
  cfglint::py::ModuleFacts facts = cfglint::py::module_facts(m);
  (void)facts;
  return 0;
}
