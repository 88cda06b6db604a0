// Test tool: prints module-level imports and bindings of Python files, in the format that
// tests/python/ast_compare.py prints from CPython's own `ast`. File paths come on stdin, one per line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/source.h"
#include "frontends/python/module_facts.h"
#include "frontends/python/python_lexer.h"
#include "frontends/python/python_parser.h"
#include "lexer_skim_check.h"

using namespace cfglint;

// --bench: parse every listed file (read once) in a loop and print the front-end's throughput.
int bench() {
  std::vector<std::string> texts;
  std::string path;
  size_t bytes = 0;
  while (std::getline(std::cin, path)) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
    bytes += texts.back().size();
  }
  {  // the lexer alone: what every Python byte costs before the parser sees it
    size_t tokens = 0;
    auto t0 = std::chrono::steady_clock::now();
    int rounds = 0;
    double secs = 0;
    do {
      for (const auto& t : texts) tokens += py::tokenize(t).tokens.size();
      ++rounds;
      secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    } while (secs < 2.0);
    std::printf("python lexer alone: %zu files, %.1f MB x %d rounds in %.2fs: %.1f MB/s on one core (%zu tokens)\n", texts.size(),
                static_cast<double>(bytes) / 1e6, rounds, secs, static_cast<double>(bytes) * rounds / 1e6 / secs, tokens / static_cast<size_t>(rounds));
  }
  for (bool skip : {true, false}) {
    py::ParseLimits limits;
    limits.skip_function_bodies = skip;
    size_t imports = 0;
    auto t0 = std::chrono::steady_clock::now();
    int rounds = 0;
    double secs = 0;
    do {
      for (const auto& t : texts) imports += py::module_facts(py::parse_module(t, limits)).imports.size();
      ++rounds;
      secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    } while (secs < 2.0);
    double mb = static_cast<double>(bytes) * rounds / 1e6;
    std::printf("python front-end, %s: %zu files, %.1f MB x %d rounds in %.2fs: %.1f MB/s on one core (%zu imports)\n",
                skip ? "import extraction (function bodies skipped, as the engine runs it)" : "full parse (every statement and expression)",
                texts.size(), static_cast<double>(bytes) / 1e6, rounds, secs, mb / secs, imports / static_cast<size_t>(rounds));
  }
  return 0;
}

// --check-skim: for every listed file, the lexer that skims def bodies gives the same errors as the full
// lexer, and the same tokens once the bodies are emptied. Prints each difference; exits 1 on any.
int check_skim() {
  std::string path;
  int files = 0, failed = 0;
  while (std::getline(std::cin, path)) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    ++files;
    std::string diff = py::skim_difference(text);
    if (diff.empty()) continue;
    ++failed;
    std::printf("DIFF %s: %s", path.c_str(), diff.c_str());
    std::printf("\n");
  }
  std::printf("%d files, %d differ\n", files, failed);
  return failed == 0 && files > 0 ? 0 : 1;  // no files is no proof
}

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--bench") return bench();
  if (argc > 1 && std::string(argv[1]) == "--check-skim") return check_skim();
  std::string path;
  while (std::getline(std::cin, path)) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    LineIndex lines(text);
    py::ParseLimits limits;
    limits.skip_function_bodies = std::getenv("PYFACTS_FULL") == nullptr;  // the engine's mode by default
    py::Module m = py::parse_module(text, limits);
    std::cout << "== " << path << "\n";
    for (const auto& e : m.errors) std::cout << "!! L" << lines.at(text, e.offset).line << " " << e.message << "\n";
    py::ModuleFacts f = py::module_facts(m);
    // one ordered list, as ast.walk order would give per statement: imports and bindings merged by offset
    struct Row {
      uint32_t offset;
      std::string text;
    };
    std::vector<Row> rows;
    for (const auto& i : f.imports) {
      std::string t = i.from ? "from " + std::to_string(i.level) + ":" + i.module + " import " + i.name : "import " + i.module;
      if (!i.asname.empty()) t += " as " + i.asname;
      rows.push_back({i.offset, t});
    }
    for (const auto& b : f.bindings) rows.push_back({b.offset, b.kind + " " + b.name});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.offset < b.offset; });
    for (const auto& r : rows) std::cout << "L" << lines.at(text, r.offset).line << " " << r.text << "\n";
  }
  return 0;
}
