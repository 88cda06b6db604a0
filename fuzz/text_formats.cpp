// The small text front-ends: dotenv, requirements (byte 0 picks one, 2 for PEP 508 alone), nginx
// configuration (4), and the shell word splitter that reads RUN, CMD, entrypoints and scripts.
#include "frontends/dotenv/dotenv_parser.h"
#include "frontends/nginx/nginx_parser.h"
#include "frontends/requirements/requirements_parser.h"
#include "frontends/shell/shell_words.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text = cfglint::fuzz::text(data + 1, size - 1);
  cfglint::LineIndex lines(text);
  switch (data[0] % 5) {
    case 0: (void)cfglint::parse_dotenv(text, lines); break;
    case 1: (void)cfglint::parse_requirements(text, lines); break;
    case 2: {
      std::string name, spec;
      (void)cfglint::parse_pep508(text.substr(0, 4096), name, spec);
      break;
    }
    case 4: (void)cfglint::parse_nginx(text, lines); break;
    default:
      for (const auto& c : cfglint::shell_split(text.substr(0, 16384))) (void)cfglint::program_name(c.argv);
      (void)cfglint::shell_words(text.substr(0, 16384), true);
  }
  return 0;
}
