// The whole pipeline on a small project: every front-end, the project model, every check, and the
// JSON and SARIF reporters (which must always produce valid output). Input: see fuzz::project_files.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/runner.h"
#include "fuzz_input.h"
#include "reporters/reporter.h"

namespace fs = std::filesystem;

namespace {

// The project folder every input is written to, removed when the process exits.
struct TempRoot {
  fs::path path;
  TempRoot() {
    char tmpl[] = "/tmp/cfglint-fuzz-engine-XXXXXX";
    if (!::mkdtemp(tmpl)) std::abort();
    path = tmpl;
  }
  ~TempRoot() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const TempRoot temp;
  const fs::path& root = temp.path;
  static const cfglint::RuleCatalog catalog = cfglint::RuleCatalog::builtin();
  std::error_code ec;
  fs::remove_all(root, ec);
  fs::create_directories(root / ".git", ec);
  for (const auto& [path, content] : cfglint::fuzz::project_files(cfglint::fuzz::text(data, size))) {
    fs::create_directories((root / path).parent_path(), ec);
    if (fs::is_directory(root / path, ec)) continue;
    std::ofstream(root / path, std::ios::binary) << content;
  }
  cfglint::RunOptions opt;
  opt.paths = {root.string()};
  opt.relative_to = root.string();
  opt.jobs = 1;
  cfglint::Engine engine(catalog);
  try {
    cfglint::RunResult result = engine.run(opt);
    for (const char* format : {"json", "sarif", "text"}) {
      std::ostringstream out;
      cfglint::ReportContext ctx{result, catalog, false, true, false};
      cfglint::find_reporter(format)->write(out, ctx);
    }
  } catch (const cfglint::UsageError&) {
    // a `.cfglint.toml` in the input that does not load: a usage error, as on the command line
  }
  return 0;
}
