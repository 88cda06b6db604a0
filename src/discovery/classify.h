// Decides what a file is from its path alone (content-based refinements, e.g. Kubernetes, come later).
#pragma once
#include <string_view>

#include "core/source.h"

namespace cfglint {

FileKind classify_path(std::string_view rel_path);
// Under a folder of tests, test data, fixtures, documentation or examples: files there are read by test
// runners and readers, not by a deployment (a deliberately broken YAML in tests/data is not a failure).
bool test_or_docs_path(std::string_view rel_path);
// Under a folder of tests or test data only (tests/, testdata/, fixtures/, spec/): a compose file or
// manifest there starts a test stack, never the deployment.
bool test_data_path(std::string_view rel_path);

}  // namespace cfglint
